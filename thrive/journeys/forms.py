"""Forms for referrals and the timeline: few required fields, none that works as an assessment."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from thrive.accounts.models import Role
from thrive.core.text import tidy
from thrive.journeys import models as m
from thrive.journeys.service_settings import ServiceSettings
from thrive.lib.concurrency import OpenedVersionMixin
from thrive.lib.forms import PlainNumberInput, TidyCharField, WordsField
from thrive.lib.uploads import MB, size_limit

SORTS = [
    ("name", "Name"),
    ("last_contact", "Last contact, longest ago first"),
    ("referred", "Referred, most recent first"),
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError("This date is in the future; please check it.")
    return value


class DateField(forms.DateField):
    """A date chosen with the browser's date picker, never later than today."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DATE)
        kwargs.setdefault("validators", [not_in_future])
        super().__init__(**kwargs)


class PhoneWithDigits:
    """A form whose `phone`, when given, has digits in it (a word is no way to reply)."""

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        if phone and not any(c.isdigit() for c in phone):
            raise forms.ValidationError("Please give a phone number with digits in it.")
        return phone


class ReferralForm(PhoneWithDigits, forms.Form):
    """Self-referral: a chosen name and one way to reply; everything else optional."""

    name = TidyCharField(
        label="The name you'd like us to use",
        max_length=100,
        help_text="Any name you choose: it does not have to be your legal name.",
        error_messages={
            "required": "Please tell us a name to call you.",
            "max_length": "Please keep the name under 100 characters.",
        },
    )
    contact_preference = forms.ChoiceField(
        label="How should we get back to you?",
        choices=m.ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how we should get back to you."},
    )
    phone = TidyCharField(
        label="Phone number", max_length=40, required=False, help_text="If you chose phone or text."
    )
    email = forms.EmailField(
        label="Email address", max_length=254, required=False, help_text="If you chose email."
    )
    help_with = WordsField(
        label="What would you like help with?",
        required=False,
        help_text="In your own words, as much or as little as you like.",
    )
    referral_source = forms.ChoiceField(
        label="Who suggested Thrive to you?",
        choices=m.ReferralSource.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    website = forms.CharField(required=False, label="Leave this empty")

    def clean(self):
        data = super().clean()
        way = data.get("contact_preference")
        if (
            way == m.ContactPreference.PHONE
            and not data.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error("phone", "Please give a phone number, or choose another way to reply.")
        if (
            way == m.ContactPreference.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", "Please give an email address, or choose another way to reply.")
        return data

    @property
    def is_spam(self) -> bool:
        """Only bots fill the hidden field."""
        return bool(self.data.get("website"))


def supporter_logins() -> models.QuerySet:
    """Everyone who may be matched with a person: active workers and coordinators, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, role__in=[Role.WORKER, Role.COORDINATOR])
        .order_by("first_name", "username")
    )


def with_caseload(field: forms.ModelChoiceField) -> None:
    """Offer every supporter (supporter_logins) with their role and how many people with an
    open journey they support now, counted once for the whole picker."""
    sizes = m.caseload_sizes()
    field.queryset = supporter_logins()
    field.label_from_instance = lambda user: (
        f"{user.display_name} ({user.role_label.lower()}, supports {sizes.get(user.pk, 0)} now)"
    )


class MatchForm(forms.Form):
    """Match a referral with a worker or peer supporter, seeing how many each supports now."""

    supporter = forms.ModelChoiceField(
        label="Worker or peer supporter",
        queryset=get_user_model().objects.none(),
        empty_label="Choose someone",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_caseload(self.fields["supporter"])


class SupportersForm(forms.Form):
    """Who supports the person from now on, and why it changed (kept in the audit trail)."""

    supporters = forms.ModelMultipleChoiceField(
        label="Supported by",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave everyone unticked to return them to the new referrals to be matched.",
    )
    reason = WordsField(
        label="Why it is changing",
        max_length=200,
        help_text="For example: they asked for someone else, or their worker has left.",
        error_messages={"required": "Say why it is changing, so others understand later."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_caseload(self.fields["supporters"])


class PersonDetailsForm(PhoneWithDigits, forms.ModelForm):
    """The name they would like used and how to reach them; the chosen way needs its details."""

    name = TidyCharField(label="Name they'd like us to use", max_length=100)
    phone = TidyCharField(label="Phone number", max_length=40, required=False)

    class Meta:
        model = m.Person
        fields = ["name", "contact_preference", "phone", "email"]
        labels = {"contact_preference": "How they like to be contacted"}
        widgets = {"contact_preference": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        way = data.get("contact_preference")
        chosen_ways = (("phone", m.ContactPreference.PHONE), ("email", m.ContactPreference.EMAIL))
        for field, chosen in chosen_ways:
            if way == chosen and not data.get(field) and field not in self.errors:
                self.add_error(field, f"Add their {field}, or choose another way to reach them.")
        return data


class PeopleFilterForm(forms.Form):
    """What the people list is narrowed to and sorted by; a value that does not fit is dropped."""

    q = TidyCharField(label="Name or reference", max_length=100, required=False)
    worker = forms.ModelChoiceField(
        label="Supported by",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Anyone",
    )
    state = forms.ChoiceField(
        label="Journey", choices=[("", "Any"), *m.JourneyState.choices], required=False
    )
    not_seen = forms.IntegerField(
        label="Not seen for (weeks)", min_value=1, max_value=520, required=False
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = supporter_logins()
        self.fields["worker"].label_from_instance = lambda u: u.display_name

    def usable(self) -> tuple[dict, list[str]]:
        """The values that fit, and the label of each field whose value was set aside; the form
        is then shown without the values set aside (so without errors)."""
        self.is_valid()
        set_aside = list(self.errors)
        if set_aside:
            self.data = self.data.copy()
            for name in set_aside:
                self.data.pop(name)
            self.full_clean()
        kept = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return kept, [self.fields[name].label for name in set_aside]


class AreaMixin(OpenedVersionMixin, forms.ModelForm):
    """A timeline entry: an area tag beside the words, and the version a correction opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "area" in self.fields:
            self.fields["area"].help_text = "A tag beside their words, if it helps."


class MeetingForm(AreaMixin):
    met_on = DateField(label="Date of the meeting", initial=timezone.localdate)
    in_their_words = WordsField(
        label="Note, written together",
        help_text="What you talked about and what they want to happen next.",
    )

    class Meta:
        model = m.Meeting
        fields = ["met_on", "in_their_words", "area"]


class GoalForm(AreaMixin):
    set_on = DateField(label="Date", initial=timezone.localdate)
    in_their_words = WordsField(label="Their goal, in their words")

    class Meta:
        model = m.Goal
        fields = ["set_on", "in_their_words", "area"]


class ActivityForm(AreaMixin):
    started_on = DateField(label="Started on", initial=timezone.localdate)
    ended_on = DateField(label="Finished on", required=False)
    in_their_words = WordsField(label="What it is, in their words")

    class Meta:
        model = m.Activity
        fields = ["kind", "started_on", "ended_on", "in_their_words", "area"]
        labels = {"kind": "Kind of activity"}


class AchievementForm(AreaMixin):
    achieved_on = DateField(label="Date", initial=timezone.localdate)
    in_their_words = WordsField(label="What they achieved, in their words")

    class Meta:
        model = m.Achievement
        fields = ["achieved_on", "in_their_words", "area"]


PAID_WORK_ONLY = ("hours_per_week", "off_benefits", "hourly_pay", "had_lcwra", "housing_element")


def yes_no_not_said(label: str, help_text: str) -> forms.TypedChoiceField:
    """Yes, no, or not said (None): for what a worker may simply not know."""
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("", "Not said"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        help_text=help_text,
    )


class OutcomeForm(AreaMixin):
    achieved_on = DateField(label="Date it started", initial=timezone.localdate)
    in_their_words = WordsField(label="In their words", required=False)
    hours_per_week = forms.DecimalField(
        label="Paid hours a week",
        required=False,
        min_value=0,
        max_value=80,
        decimal_places=1,
        widget=PlainNumberInput,
        help_text="For paid work only.",
    )
    off_benefits = yes_no_not_said("Did it take them off benefits?", "For paid work only.")
    hourly_pay = forms.DecimalField(
        label="Pay an hour before tax, in pounds",
        required=False,
        min_value=0,
        max_value=1000,
        decimal_places=2,
        widget=PlainNumberInput,
        help_text="For paid work only. Leave empty if not known.",
    )
    had_lcwra = yes_no_not_said(
        "Before the job, did their Universal Credit include the LCWRA element?",
        "Limited capability for work and work-related activity. For paid work only.",
    )
    housing_element = forms.DecimalField(
        label="Before the job, their Universal Credit housing element a month, in pounds",
        required=False,
        min_value=0,
        max_value=10000,
        decimal_places=2,
        widget=PlainNumberInput,
        help_text="For paid work only. Leave empty if none or not known.",
    )

    class Meta:
        model = m.Outcome
        fields = [
            "kind",
            "achieved_on",
            "in_their_words",
            "hours_per_week",
            "off_benefits",
            "hourly_pay",
            "had_lcwra",
            "housing_element",
            "area",
        ]
        labels = {"kind": "Kind of outcome"}

    def clean(self):
        data = super().clean()
        if data.get("kind") != m.OutcomeKind.EMPLOYMENT:
            for name in PAID_WORK_ONLY:
                data[name] = None
        return data


class ServiceUseChangeForm(OpenedVersionMixin, forms.ModelForm):
    """A change in services is saved only complete: before and after (each a number or a clear
    "not known"), with the person's own words about it."""

    reported_on = DateField(label="Date they told you", initial=timezone.localdate)
    units_before = forms.DecimalField(
        label="How many before",
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=1,
        widget=PlainNumberInput,
    )
    before_not_known = forms.BooleanField(label="Not known (before)", required=False)
    units_after = forms.DecimalField(
        label="How many now",
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=1,
        widget=PlainNumberInput,
    )
    after_not_known = forms.BooleanField(label="Not known (now)", required=False)
    in_their_words = WordsField(
        label="In their words",
        help_text="What they said about the change, as they put it.",
        error_messages={"required": "Write what they said about the change, in their words."},
    )

    class Meta:
        model = m.ServiceUseChange
        fields = [
            "kind",
            "units_before",
            "before_not_known",
            "units_after",
            "after_not_known",
            "period",
            "reported_on",
            "in_their_words",
        ]
        labels = {"kind": "What changed", "period": "Over"}
        help_texts = {
            "period": "For admissions, days in hospital and contacts.",
            "units_before": "For admissions, days in hospital and contacts; not for discharges.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["before_not_known"] = self.instance.units_before is None
            self.initial["after_not_known"] = self.instance.units_after is None

    def clean(self):
        data = super().clean()
        if data.get("kind") not in m.COUNTED_KINDS:  # an event: nothing to count
            data["units_before"] = data["units_after"] = None
            data["period"] = ""
            return data
        counted = False
        for when, number, unknown in (
            ("before", "units_before", "before_not_known"),
            ("now", "units_after", "after_not_known"),
        ):
            if number in self.errors:
                continue
            counted = counted or data.get(number) is not None
            given, not_known = data.get(number) is not None, data.get(unknown)
            if given and not_known:
                self.add_error(number, f"Give a number or tick “not known” for {when}, not both.")
            elif not given and not not_known:
                self.add_error(number, f"Give how many {when}, or tick “not known”.")
        if counted and not data.get("period") and "period" not in self.errors:
            self.add_error("period", "Say over how long: a week, a month or a year.")
        return data


class EndJourneyForm(forms.Form):
    end_reason = forms.ChoiceField(
        label="What did they decide?", choices=m.ENDINGS, widget=forms.RadioSelect
    )
    ended_on = DateField(label="Date", initial=timezone.localdate)


class PauseForm(forms.Form):
    paused_on = DateField(label="Paused from", initial=timezone.localdate)
    in_their_words = WordsField(
        label="In their words",
        required=False,
        help_text="Anything they would like kept with the pause, such as when they might be back.",
    )


class ResumeForm(forms.Form):
    resumed_on = DateField(label="Picked up again on", initial=timezone.localdate)


class GoalReachedForm(forms.Form):
    reached_on = DateField(label="Reached on", initial=timezone.localdate)
    in_their_words = WordsField(label="What they said about reaching it", required=False)


class SetAsideForm(forms.Form):
    set_aside_on = DateField(label="Set aside on", initial=timezone.localdate)
    why = WordsField(label="Why, in their words", required=False)


class RemoveEntryForm(forms.Form):
    why = WordsField(
        label="Why it is being removed",
        help_text="For example: recorded on the wrong person, or entered twice.",
        error_messages={"required": "Say why it is being removed, so others understand."},
    )


class StartAgainForm(forms.Form):
    in_their_words = WordsField(label="What they would like help with now", required=False)


class WorkAtJoiningForm(forms.ModelForm):
    class Meta:
        model = m.Journey
        fields = ["work_at_joining"]
        labels = {"work_at_joining": "Were they in paid work when they joined?"}


class PeerTrainingForm(forms.ModelForm):
    title = TidyCharField(label="Training", max_length=200)
    started_on = DateField(label="Started on", initial=timezone.localdate)
    completed_on = DateField(label="Completed on", required=False)
    notes = WordsField(label="Notes", required=False)

    class Meta:
        model = m.PeerTraining
        fields = ["title", "started_on", "completed_on", "notes"]


class SupervisionForm(forms.ModelForm):
    held_on = DateField(label="Date", initial=timezone.localdate)
    notes = WordsField(label="Notes", required=False)

    class Meta:
        model = m.Supervision
        fields = ["held_on", "notes"]


class ImportForm(forms.Form):
    """A CSV or XLSX file of people or outcomes."""

    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[("people", "People and their journeys"), ("outcomes", "Outcomes")],
        widget=forms.RadioSelect,
        initial="people",
    )
    file = forms.FileField(
        label="CSV or XLSX file", help_text="Up to 5 MB.", validators=[size_limit(5 * MB)]
    )


class ServiceSettingsForm(forms.ModelForm):
    """The coordinator's words for people who have just referred themselves."""

    class Meta:
        model = ServiceSettings
        fields = ["opening_hours", "address", "how_we_reply", "in_a_crisis"]
        labels = {
            "opening_hours": "When you are open",
            "address": "Where to find you",
            "how_we_reply": "How and when you will reply",
            "in_a_crisis": "Where to turn in a crisis",
        }
        help_texts = {
            "opening_hours": "As people would say it, e.g. “Monday to Friday, 10am to 4pm”.",
            "in_a_crisis": "Shown on the thanks page to everyone who refers themselves.",
        }
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in fields}

    def clean(self):
        data = super().clean()
        return {
            key: tidy(value) if isinstance(value, str) else value for key, value in data.items()
        }


class ErasureRequestForm(forms.Form):
    """Passing on a person's request to be erased; a note is welcome, never required."""

    note = WordsField(
        label="Anything the coordinator should know",
        required=False,
        max_length=1000,
        help_text="For example how they would like to hear that it is done.",
    )
