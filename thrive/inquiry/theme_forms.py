"""Forms of the Themes pages: each parses one change; the Theme method checks the rules."""

from __future__ import annotations

from django import forms

from thrive.inquiry.themes import MAX_NAME, Theme, ThemeTreePart, ThemeValence, code_paths
from thrive.lib.forms import TidyCharField, WordsField

KEY_THEME_HELP = "Leave empty to make it a key theme, which can hold themes of its own."


def key_themes(theme_or_inquiry_id, leave_out: Theme | None = None):
    found = Theme.objects.filter(inquiry_id=theme_or_inquiry_id, parent__isnull=True)
    return found.exclude(pk=leave_out.pk) if leave_out is not None else found


class ThemeFieldsMixin(forms.Form):
    """Name, description, valence and part of the tree: what a theme says about itself."""

    name = TidyCharField(max_length=MAX_NAME)
    description = WordsField(required=False, help_text="What the theme is about, in plain words.")
    valence = forms.ChoiceField(
        choices=ThemeValence.choices,
        initial=ThemeValence.UNSET,
        widget=forms.RadioSelect,
        help_text="Validating themes grow the study report's first tree, invalidating themes "
        "its second; a theme of both is in both.",
    )
    tree_part = forms.ChoiceField(
        label="Part of the tree",
        choices=ThemeTreePart.choices,
        initial=ThemeTreePart.UNSET,
        widget=forms.RadioSelect,
    )


class ThemeCreateForm(ThemeFieldsMixin):
    key_theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label="Inside the key theme",
        empty_label="None: a new key theme",
        help_text=KEY_THEME_HELP,
    )
    field_order = ["name", "key_theme", "description", "valence", "tree_part"]

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_theme"].queryset = key_themes(inquiry.pk)


class ThemeEditForm(ThemeFieldsMixin):
    def __init__(self, *args, theme: Theme, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": theme.name,
                "description": theme.description,
                "valence": theme.valence,
                "tree_part": theme.tree_part,
            },
        )
        super().__init__(*args, **kwargs)


class MoveForm(forms.Form):
    key_theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label="Put it inside",
        empty_label="None: make it a key theme",
        help_text=KEY_THEME_HELP,
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        kwargs.setdefault("initial", {"key_theme": theme.parent_id})
        super().__init__(*args, **kwargs)
        self.fields["key_theme"].queryset = key_themes(theme.inquiry_id, leave_out=theme)


def _code_choices(theme: Theme, *, inside: bool) -> list[tuple[str, str]]:
    """The theme's own codes (inside) or every other code, named by path and current theme."""
    paths = code_paths(theme.inquiry_id)
    where = dict(
        theme.inquiry.codes.filter(theme_links__isnull=False).values_list(
            "pk", "theme_links__theme__name"
        )
    )
    own = theme.code_ids()
    choices = []
    for pk, path in sorted(paths.items(), key=lambda item: item[1]):
        if (pk in own) != inside:
            continue
        label = " > ".join(path)
        if not inside and pk in where:
            label += f" (now in {where[pk]})"
        choices.append((str(pk), label))
    return choices


class AddCodesForm(forms.Form):
    """Codes to put in the theme: every code not in it yet (and where it is now)."""

    inside = False
    codes = forms.MultipleChoiceField(
        label="Codes to add",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one code."},
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = _code_choices(theme, inside=self.inside)

    def clean_codes(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["codes"]]


class RemoveCodesForm(AddCodesForm):
    """Codes to take out of the theme: its own codes."""

    inside = True
    codes = forms.MultipleChoiceField(
        label="Codes to take out",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one code."},
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        label="Merge into",
        help_text="Its codes (and any themes inside it) move there; then it is removed.",
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Theme.objects.filter(inquiry_id=theme.inquiry_id).exclude(
            pk=theme.pk
        )


class SplitForm(forms.Form):
    name = TidyCharField(max_length=MAX_NAME, label="Name of the new theme")
    codes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Codes to move to it",
        error_messages={"required": "Choose at least one code to move."},
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = _code_choices(theme, inside=True)

    def clean_codes(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["codes"]]


class RemoveForm(forms.Form):
    """No fields: the button says what it does."""

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
