"""Forms of the inquiry workbench; each checks its input and says plainly what to change."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model

from thrive.accounts.models import Role
from thrive.core.text import has_controls
from thrive.inquiry.core.turns import speaker_turns
from thrive.inquiry.models import (
    STALE_PAGE,
    Code,
    GuideQuestion,
    Inquiry,
    MemberCheck,
    Participant,
    Transcript,
)
from thrive.inquiry.recordings import max_audio_bytes, within_size_limit
from thrive.lib.concurrency import OpenedVersionMixin
from thrive.lib.uploads import MB, megabytes, size_limit

KNOWN_ATTRIBUTES = (
    ("age", "Age"),
    ("age_band", "Age band"),
    ("gender", "Gender"),
    ("ethnicity", "Ethnicity"),
    ("years_in_services", "Years using secondary mental-health services"),
    ("years_with_service", "Years with this service"),
)
ATTRIBUTE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]{0,39}")
MAX_TEXT = 2_000_000


def no_control_characters(value: str) -> None:
    if has_controls(value or ""):
        raise forms.ValidationError(
            "The text holds control characters, as copied from a binary file; "
            "paste plain text instead."
        )


class InquiryCreateForm(forms.Form):
    title = forms.CharField(max_length=200)
    aims = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    from_template = forms.BooleanField(
        required=False,
        initial=True,
        label="Start from the template",
        help_text="The default interview guide and a codebook drawn from the framework; "
        "both stay editable.",
    )


class InquiryForm(forms.ModelForm):
    team = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Coordinators, workers and co-researchers who work on this inquiry.",
    )

    class Meta:
        model = Inquiry
        fields = [
            "title",
            "aims",
            "information_sheet",
            "consent_statement",
            "team",
            "keep_audio_after_approval",
        ]
        labels = {"keep_audio_after_approval": "Keep interview recordings after approval"}
        help_texts = {
            "information_sheet": "What taking part means, in plain words, for participants.",
            "keep_audio_after_approval": "Usually a recording is deleted once the participant "
            "has approved their transcript, and only the checked words are kept. Tick this "
            "only if your ethics approval and the participant's consent cover keeping it.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True, role__in=[Role.COORDINATOR, Role.WORKER, Role.CO_RESEARCHER]
            )
            .order_by("first_name", "username")
        )
        self.fields["team"].label_from_instance = lambda u: f"{u.display_name} ({u.role_label})"
        for name in ("aims", "information_sheet", "consent_statement"):
            self.fields[name].max_length = 20_000


class GuideQuestionForm(forms.ModelForm):
    class Meta:
        model = GuideQuestion
        fields = ["text"]
        labels = {"text": "Question"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) > 2000:
            raise forms.ValidationError("Keep a question under 2,000 characters.")
        return text


class ParticipantForm(forms.ModelForm):
    """A pseudonymous case: a label, the attributes they agreed to share, and consent."""

    age = forms.IntegerField(required=False, min_value=16, max_value=120)
    age_band = forms.CharField(required=False, max_length=20, help_text="For example 35–44.")
    gender = forms.CharField(required=False, max_length=60)
    ethnicity = forms.CharField(required=False, max_length=80)
    years_in_services = forms.DecimalField(
        required=False, min_value=0, max_value=80, decimal_places=1, label=KNOWN_ATTRIBUTES[4][1]
    )
    years_with_service = forms.DecimalField(
        required=False, min_value=0, max_value=80, decimal_places=1, label=KNOWN_ATTRIBUTES[5][1]
    )
    other_attributes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="One per line, as name: value (for example “housing: own tenancy”).",
    )

    class Meta:
        model = Participant
        fields = ["label", "consent_given_on", "consent_notes", "member_check", "person"]
        labels = {
            "label": "Label",
            "consent_given_on": "Consent given on",
            "member_check": "Member check",
            "person": "Linked journey",
        }
        help_texts = {
            "label": "A pseudonym such as P1; never the person's name.",
            "person": "Only coordinators, and workers who support this person, see this link.",
        }
        widgets = {
            "consent_given_on": forms.DateInput(attrs={"type": "date"}),
            "consent_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, inquiry: Inquiry, user, **kwargs):
        super().__init__(*args, **kwargs)
        from thrive.journeys.models import Person

        self.inquiry = inquiry
        visible = Person.objects.visible_to(user)
        self.hidden_link = bool(
            self.instance.person_id and not visible.filter(pk=self.instance.person_id).exists()
        )
        if self.hidden_link or not visible.exists():
            del self.fields["person"]
        else:
            self.fields["person"].queryset = visible
            self.fields["person"].required = False
        attributes = dict(self.instance.attributes or {})
        for key, _ in KNOWN_ATTRIBUTES:
            self.fields[key].initial = attributes.pop(key, None)
        self.fields["other_attributes"].initial = "\n".join(
            f"{key}: {value}" for key, value in attributes.items()
        )
        # Withdrawal is recorded with its own action (it hides their words), not chosen here.
        self.fields["member_check"].choices = [
            (value, name)
            for value, name in MemberCheck.choices
            if value != MemberCheck.WITHDRAWN or self.instance.withdrawn_at
        ]

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError("Give the participant a label such as P1.")
        taken = Participant.objects.filter(inquiry=self.inquiry, label=label)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"{label} is already a participant in this inquiry.")
        return label

    def clean_other_attributes(self) -> dict[str, str]:
        found: dict[str, str] = {}
        known = {key for key, _ in KNOWN_ATTRIBUTES}
        for number, line in enumerate(self.cleaned_data["other_attributes"].splitlines(), 1):
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            name = name.strip()
            if not colon or not ATTRIBUTE_NAME.fullmatch(name) or not value.strip():
                raise forms.ValidationError(
                    f"Line {number} should read name: value, with a name of letters and digits."
                )
            key = name.lower().replace(" ", "_")
            if key in known:
                raise forms.ValidationError(f"Line {number}: use the {name} field above.")
            found[key] = value.strip()[:200]
        return found

    def attributes(self) -> dict[str, object]:
        data = self.cleaned_data
        values: dict[str, object] = {}
        for key, _ in KNOWN_ATTRIBUTES:
            value = data.get(key)
            if value in (None, ""):
                continue
            if hasattr(value, "as_integer_ratio") and not isinstance(value, int):
                value = int(value) if value == int(value) else float(value)
            values[key] = value
        values.update(data.get("other_attributes") or {})
        return values

    def save(self, commit: bool = True) -> Participant:
        participant = super().save(commit=False)
        participant.inquiry = self.inquiry
        participant.attributes = self.attributes()
        if commit:
            participant.save()
        return participant


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Transcript files or recordings",
        validators=[within_size_limit],
    )
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        required=False,
        help_text="Leave empty to match files named after a participant (P3.docx is P3's).",
    )

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry
        self.fields["participant"].queryset = inquiry.participants.active()
        self.fields["files"].help_text = (
            "Up to 20 files of .txt, .md, .docx, .odt, .rtf, .vtt or .srt, 5 MB each; "
            "or recordings (.wav, .mp3, .m4a, .ogg, .webm, .mp4) up to "
            f"{megabytes(max_audio_bytes())} each, transcribed on this machine. "
            "If one cannot be read, none is added."
        )


class PasteForm(forms.Form):
    title = forms.CharField(max_length=200)
    participant = forms.ModelChoiceField(queryset=Participant.objects.none(), required=False)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=MAX_TEXT,
        validators=[no_control_characters],
        help_text="Start each turn with the speaker and a colon, such as “P1:”.",
        strip=False,
    )

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = inquiry.participants.active()

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Paste the transcript's text.")
        return text


class TranscriptEditForm(OpenedVersionMixin, forms.ModelForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=MAX_TEXT,
        validators=[no_control_characters],
        strip=False,
        help_text="Codings on unchanged text move with it; any that cannot are listed after.",
    )
    redaction = forms.BooleanField(
        required=False,
        label="This edit removes words that must not be kept (a redaction)",
        help_text="Earlier versions and the uploaded original are deleted, not kept.",
    )

    class Meta:
        model = Transcript
        fields = ["title", "participant"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = self.instance.inquiry.participants.active()
        self.fields["text"].initial = self.instance.text

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("A transcript needs some text.")
        return text


class SpanForm(forms.Form):
    """A passage of a transcript, as start and end offsets or as one speaker turn.

    It carries the transcript version the page showed: offsets taken from an older text
    would code the wrong words, so a post naming another version is refused.
    """

    transcript_version = forms.IntegerField(
        required=False, min_value=1, max_value=10**9, widget=forms.HiddenInput
    )
    start = forms.IntegerField(required=False, min_value=0, max_value=10**9)
    end = forms.IntegerField(required=False, min_value=0, max_value=10**9)
    turn = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Or a whole speaker turn",
        help_text="Without a selection, choose the turn to code.",
    )
    stale = False

    def __init__(self, *args, transcript: Transcript, **kwargs):
        super().__init__(*args, **kwargs)
        self.show(transcript)

    def show(self, transcript: Transcript) -> None:
        """Offer the turns of this version of the transcript and carry its version."""
        self.transcript = transcript
        self.fields["transcript_version"].initial = transcript.version
        self.turns = speaker_turns(transcript.text)
        self.fields["turn"].choices = [("", "No turn: use the selection")] + [
            (index, turn_label(index, turn, transcript.text))
            for index, turn in enumerate(self.turns)
        ]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("transcript_version") != self.transcript.version:
            self.stale = True
            self.errors.pop("transcript_version", None)
            raise forms.ValidationError(STALE_PAGE)
        if self.errors:
            return data
        turn = data.get("turn")
        if turn is not None:
            chosen = self.turns[turn]
            data["start"], data["end"] = chosen.text_start, chosen.end
            if data["end"] <= data["start"]:
                data["start"] = chosen.start
        if data.get("start") is None or data.get("end") is None:
            raise forms.ValidationError("Select some text in the transcript, or choose a turn.")
        if data["end"] <= data["start"]:
            raise forms.ValidationError("The passage must end after it starts.")
        if data["end"] > self.transcript.length:
            raise forms.ValidationError(
                f"The passage ends beyond the transcript ({self.transcript.length} characters)."
            )
        return data

    def start_again(self, transcript: Transcript) -> None:
        """After a refusal: carry the version now shown and forget the old passage.

        Codes, memo and question stay as the person chose them; the passage must be
        selected again in the current words.
        """
        self.stale = True
        self.show(transcript)
        self.data = self.data.copy()
        for name in ("start", "end", "turn"):
            self.data[self.add_prefix(name)] = ""
        self.data[self.add_prefix("transcript_version")] = transcript.version


def turn_label(index: int, turn, text: str) -> str:
    words = text[turn.text_start : turn.end].split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    speaker = turn.speaker or "Opening"
    return f"{index + 1}. {speaker}: {opening}"


class CodingForm(SpanForm):
    codes = forms.ModelMultipleChoiceField(
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one code to apply."},
    )
    memo = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["codes", "memo", "start", "end", "turn"]

    def __init__(self, *args, transcript: Transcript, **kwargs):
        super().__init__(*args, transcript=transcript, **kwargs)
        self.fields["codes"].queryset = Code.objects.filter(inquiry_id=transcript.inquiry_id)


class AnswerForm(SpanForm):
    question = forms.ModelChoiceField(
        queryset=GuideQuestion.objects.none(), label="Answer to question"
    )

    def __init__(self, *args, transcript: Transcript, **kwargs):
        super().__init__(*args, transcript=transcript, **kwargs)
        self.fields["question"].queryset = GuideQuestion.objects.filter(
            inquiry_id=transcript.inquiry_id
        )


class MemoForm(forms.Form):
    memo = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CodeForm(forms.ModelForm):
    class Meta:
        model = Code
        fields = [
            "name",
            "parent",
            "description",
            "colour",
            "valence",
            "tree_part",
            "area",
            "codable",
            "case_section",
            "memo",
        ]
        labels = {
            "parent": "Inside",
            "tree_part": "Part of the tree",
            "codable": "Codable",
            "case_section": "Section of case summaries",
        }
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "memo": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry
        self.fields["parent"].queryset = Code.objects.filter(inquiry=inquiry)
        self.fields["parent"].empty_label = "Top of the codebook"
        for name in ("description", "memo"):
            self.fields[name].max_length = 20_000

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if "/" in name:
            raise forms.ValidationError("A code name cannot contain a slash.")
        return name

    def clean_colour(self) -> str:
        colour = self.cleaned_data["colour"]
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
            raise forms.ValidationError("Choose a colour such as #7a9e7e.")
        return colour.lower()


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Code.objects.none(), label="Merge into")

    def __init__(self, *args, code: Code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Code.objects.filter(inquiry_id=code.inquiry_id).exclude(
            pk=code.pk
        )


class SplitForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name of the new code")
    codings = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Passages to move",
        error_messages={"required": "Choose at least one passage to move."},
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codings"].choices = choices

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if "/" in name:
            raise forms.ValidationError("A code name cannot contain a slash.")
        return name


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label="Codebook file",
        help_text="A .csv or .xlsx with columns code, description, colour, memo, valence, "
        "tree part, area, codable — as the export gives.",
        validators=[size_limit(2 * MB)],
    )


class AgreementForm(forms.Form):
    """Which coders to compare, and by character or by passage."""

    coders = forms.MultipleChoiceField(
        label="Coders to compare", widget=forms.CheckboxSelectMultiple
    )
    unit = forms.ChoiceField(
        label="Compare",
        choices=(("character", "Character by character"), ("passage", "Passage by passage")),
        initial="character",
        widget=forms.RadioSelect,
        help_text="Passages are speaker turns, or paragraphs where a transcript has no turns.",
    )

    def __init__(self, *args, coders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.coders = {coder.key: coder for coder in coders}
        self.fields["coders"].choices = [(c.key, c.name) for c in coders]

    def clean_coders(self):
        chosen = self.cleaned_data["coders"]
        if len(chosen) < 2:
            raise forms.ValidationError("Choose two or more coders to compare.")
        return [self.coders[key] for key in chosen]


class SettleForm(AgreementForm):
    """What the team decided about one passage where the chosen coders disagree."""

    transcript = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    transcript_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.CharField(max_length=170, error_messages={"required": "Choose what to keep."})
    note = forms.CharField(label="Why (optional)", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        decision = data.get("decision", "")
        data["keep"] = None
        if decision.startswith("keep:"):
            data["keep"] = self.coders.get(decision[5:])
            if data["keep"] is None:
                self.add_error("decision", "Choose whose codes to keep.")
            data["decision"] = "keep"
        elif decision and decision not in ("both", "neither"):
            self.add_error("decision", "Choose what to keep.")
        return data


class SuggestionForm(forms.Form):
    """A person's answer to one suggestion: accept (code the passage) or reject it."""

    code = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    score = forms.FloatField(widget=forms.HiddenInput, min_value=0, max_value=1, required=False)
    transcript_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("reject", "Reject")],
        error_messages={"required": "Choose to accept or reject the suggestion."},
    )

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry

    def clean_code(self):
        code = self.inquiry.codes.filter(pk=self.cleaned_data["code"], codable=True).first()
        if code is None:
            raise forms.ValidationError("That code is no longer in the codebook.")
        return code
