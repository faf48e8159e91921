"""Themes: codes grouped into themes and key themes, each change kept in the theme's history."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.models import Code, InquiryError
from thrive.inquiry.theme_forms import (
    AddCodesForm,
    MergeForm,
    MoveForm,
    RemoveCodesForm,
    RemoveForm,
    SplitForm,
    ThemeCreateForm,
    ThemeEditForm,
)
from thrive.inquiry.themes import Theme, label_order, overview
from thrive.lib.forms import render_form


def theme_for(request: HttpRequest, pk: int, theme_pk: int) -> Theme:
    """A theme of an inquiry the user works on (404 for a theme of any other inquiry)."""
    inquiry = inquiry_for(request, pk)
    theme = get_object_or_404(Theme.objects.select_related("parent"), pk=theme_pk, inquiry=inquiry)
    theme.inquiry = inquiry
    return theme


@requires(WORK)
@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest, pk: int) -> HttpResponse:
    """Key themes with their themes, codes, participants and coders; a form to add a theme."""
    inquiry = inquiry_for(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ThemeCreateForm(data, inquiry=inquiry, prefix="new")
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            theme = Theme.objects.create_theme(
                inquiry,
                fields["name"],
                parent=fields["key_theme"],
                user=request.user,
                description=fields["description"],
                valence=fields["valence"],
                tree_part=fields["tree_part"],
            )
        except InquiryError as problem:
            form.add_error("name", str(problem))
        else:
            record(request, Action.CHANGE, "inquiry", inquiry.pk, f"theme {theme.pk} created")
            messages.success(request, f"Added the theme {theme.name}.")
            return redirect("inquiry:themes", inquiry.pk)
    if request.method == "GET":
        record(request, Action.VIEW, "participant", "", f"themes of inquiry {inquiry.pk}")
    found = overview(inquiry)
    context = {
        "inquiry": inquiry,
        "key_themes": found.key_themes,
        "codes_without_theme": found.codes_without_theme,
        "form": form,
    }
    return render_form(request, "inquiry/themes.html", context)


def _edit(theme: Theme, fields: dict, user) -> str:
    with transaction.atomic():
        changed = [
            theme.rename(fields["name"], user),
            theme.describe(fields["description"], user),
            theme.set_valence(fields["valence"], user),
            theme.set_tree_part(fields["tree_part"], user),
        ]
    return f"Saved {theme.name}." if any(changed) else "Nothing needed saving."


def _move(theme: Theme, fields: dict, user) -> str:
    key_theme = fields["key_theme"]
    if not theme.move_under(key_theme, user):
        return f"{theme.name} is already there."
    if key_theme is None:
        return f"{theme.name} is now a key theme."
    return f"Moved {theme.name} into {key_theme.name}."


def _add_codes(theme: Theme, fields: dict, user) -> str:
    codes = list(Code.objects.filter(inquiry_id=theme.inquiry_id, pk__in=fields["codes"]))
    added = theme.add_codes(codes, user)
    return f"Added {added} code{'s' if added != 1 else ''} to {theme.name}."


def _remove_codes(theme: Theme, fields: dict, user) -> str:
    taken = theme.remove_codes(fields["codes"], user)
    return f"Took {taken} code{'s' if taken != 1 else ''} out of {theme.name}."


def _merge(theme: Theme, fields: dict, user) -> str:
    target = theme.merge_into(fields["target"], user)
    return f"Merged {theme.name} into {target.name}."


def _split(theme: Theme, fields: dict, user) -> str:
    new = theme.split(fields["codes"], fields["name"], user)
    return f"Moved {len(fields['codes'])} code(s) to the new theme {new.name}."


def _remove(theme: Theme, fields: dict, user) -> str:
    theme.remove(user)
    return f"Removed the theme {theme.name}."


# action: (form, its field that shows a refusal, what to do, whether the theme remains)
ACTIONS = {
    "edit": (ThemeEditForm, "name", _edit, True),
    "move": (MoveForm, "key_theme", _move, True),
    "add_codes": (AddCodesForm, "codes", _add_codes, True),
    "remove_codes": (RemoveCodesForm, "codes", _remove_codes, True),
    "split": (SplitForm, "name", _split, True),
    "merge": (MergeForm, "target", _merge, False),
    "remove": (RemoveForm, None, _remove, False),
}


def theme_forms(theme: Theme, action: str | None, data) -> dict:
    """Every form of the theme page, the posted one bound to the post."""
    return {
        name: form_class(data if name == action else None, theme=theme, prefix=name)
        for name, (form_class, _, _, _) in ACTIONS.items()
    }


@requires(WORK)
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    """One theme: what it holds and where it came from, every change to it, and its history."""
    theme = theme_for(request, pk, theme_pk)
    action = request.POST.get("action", "") if request.method == "POST" else None
    error = ""
    if action is not None and action not in ACTIONS:
        error = "Choose one of the changes on this page."
    forms = theme_forms(theme, action, request.POST if action in ACTIONS else None)
    if action in ACTIONS:
        form = forms[action]
        _, field_name, apply, remains = ACTIONS[action]
        if form.is_valid():
            try:
                message = apply(theme, form.cleaned_data, request.user)
            except InquiryError as problem:
                if field_name is None:
                    error = str(problem)  # a form without fields: said at the top
                else:
                    form.add_error(field_name, str(problem))
            else:
                detail = f"theme {theme_pk}: {action.replace('_', ' ')}"
                record(request, Action.CHANGE, "inquiry", pk, detail)
                messages.success(request, message)
                if remains:
                    return redirect("inquiry:theme_edit", pk, theme_pk)
                return redirect("inquiry:themes", pk)
    if request.method == "GET":
        record(request, Action.VIEW, "participant", "", f"theme {theme.pk} of inquiry {pk}")
    context = {
        "inquiry": theme.inquiry,
        "theme": theme,
        "inner": list(theme.themes.all()),
        "codes": sorted(forms["remove_codes"].fields["codes"].choices, key=lambda c: c[1]),
        "participants": sorted(
            theme.participants().values_list("label", flat=True), key=label_order
        ),
        "coders": theme.coders(),
        "history": list(theme.changes.all()),
        "forms": forms,
        "error": error,
    }
    response = render_form(request, "inquiry/theme_edit.html", {**context, **forms})
    if error:
        response.status_code = 400
    return response
