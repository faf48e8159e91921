"""People and their journeys: the list, the timeline, and recording along the way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys import forms as f
from thrive.journeys.access import person_for, person_to_change
from thrive.journeys.core.contact import NOT_SEEN_FOR_A_WHILE_WEEKS, last_seen
from thrive.journeys.models import EntryChange, Journey, JourneyState, Person
from thrive.journeys.timeline import timeline
from thrive.lib.forms import posted
from thrive.lib.paging import page_of

ENTRY_FORMS: dict[str, tuple[type[forms.ModelForm], str, str]] = {
    "meeting": (f.MeetingForm, "Record a meeting", "met_on"),
    "goal": (f.GoalForm, "Add a goal", ""),
    "activity": (f.ActivityForm, "Add an activity", ""),
    "achievement": (f.AchievementForm, "Add an achievement", ""),
    "outcome": (f.OutcomeForm, "Record an outcome", ""),
    "service-use": (f.ServiceUseChangeForm, "Record a change in services", ""),
}

LIST_SHORT = 20  # the home page's short lists; the people list has the rest


def audit_form_read(request: HttpRequest, found: Person, what: str) -> None:
    """Opening a form that shows the person (and any entry) is a read; saving is audited after."""
    if request.method == "GET":
        record(request, Action.VIEW, "person", found.pk, detail=f"form: {what}")


def with_journeys(people: models.QuerySet, *more: str) -> models.QuerySet:
    """People with their journeys (newest first, with pauses) and `more`, read per page."""
    journeys = Journey.objects.order_by("-referred_on", "-id").prefetch_related("pauses")
    return people.prefetch_related(Prefetch("journeys", queryset=journeys), *more)


def seen_in_words(people: Iterable[Person]) -> None:
    """Give each listed person `last_seen`: their last contact in words, as information."""
    people = list(people)
    days = Person.objects.filter(pk__in=[p.pk for p in people]).last_contacts()
    today = timezone.localdate()
    for found in people:
        found.last_seen = last_seen(days.get(found.pk), today)


@requires(Capability.SEE_CASELOAD)
def people(request: HttpRequest) -> HttpResponse:
    """The people this user may see, found by name, narrowed, sorted and 50 to a page.

    The rows are chosen in one queryset, then paged; only the page's people have their
    journeys and supporters read, in one query each. A value that does not fit (an unknown
    worker, a word for a number) is set aside with a message, and the rest still applies.
    """
    form = f.PeopleFilterForm(request.GET)
    wanted, set_aside = form.usable()
    for label in set_aside:
        messages.info(request, f"“{label}” could not be used as given, so the list leaves it out.")
    weeks = wanted.pop("not_seen", None)
    if weeks:
        wanted["not_seen_since"] = timezone.localdate() - timedelta(weeks=weeks)
    listed = Person.objects.visible_to(request.user).listed(**wanted)
    page = page_of(request, with_journeys(listed, "supporters"))
    seen_in_words(page)
    searched = " (searched by name)" if wanted.get("q") else ""
    record(request, Action.VIEW, "person", "", detail=f"people list, page {page.number}{searched}")
    context = {
        "page_obj": page,
        "form": form,
        "narrowed": bool(wanted.keys() - {"sort"}),
        "everyone": request.user.can(Capability.SEE_ALL_PEOPLE),
    }
    return render(request, "journeys/people.html", context)


@requires(Capability.SEE_CASELOAD)
def my_people(request: HttpRequest) -> HttpResponse:
    """A worker's own people: new matches waiting, who has not been seen for a while, everyone.

    "Not seen for a while" is information for planning, not a deadline: paused journeys are
    left out (the person chose the pause), and the wording says only when they were last seen.
    """
    mine = Person.objects.supported_by(request.user)
    a_while = timezone.localdate() - timedelta(weeks=NOT_SEEN_FOR_A_WHILE_WEEKS)
    waiting = mine.listed(state=JourneyState.WAITING, sort="referred")
    quiet = mine.listed(state=JourneyState.OPEN, not_seen_since=a_while, sort="last_contact")
    new = list(with_journeys(waiting)[:LIST_SHORT])
    quiet = list(with_journeys(quiet)[:LIST_SHORT])
    page = page_of(request, with_journeys(mine.listed()))
    for shown in (new, quiet, page):
        seen_in_words(shown)
    record(request, Action.VIEW, "person", "", detail=f"my people, page {page.number}")
    context = {
        "new": new,
        "quiet": quiet,
        "page_obj": page,
        "weeks": NOT_SEEN_FOR_A_WHILE_WEEKS,
        "short": LIST_SHORT,
    }
    return render(request, "journeys/my_people.html", context)


def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's page: details, then each journey's timeline, newest journey first."""
    found = person_for(request, pk, Action.VIEW, "timeline")
    journeys = [(journey, timeline(journey)) for journey in found.journeys.all()]
    can_record = request.user.can(Capability.RECORD_JOURNEYS)
    return render(
        request,
        "journeys/person.html",
        {
            "person": found,
            "journeys": journeys,
            "open_journey": found.open_journey,
            "can_record": can_record,
            "entry_forms": [(key, title) for key, (_, title, _) in ENTRY_FORMS.items()],
            "end_form": f.EndJourneyForm(),
            "again_form": f.StartAgainForm(),
            "can_erase": request.user.can(Capability.SEE_ALL_PEOPLE),
            "can_match": request.user.can(Capability.MANAGE_REFERRALS),
        },
    )


@require_http_methods(["GET", "POST"])
def add_entry(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Record one dated entry on the person's open journey."""
    if kind not in ENTRY_FORMS:
        raise Http404("No such kind of entry.")
    form_class, title, _ = ENTRY_FORMS[kind]
    found = person_to_change(request, pk, f"add {kind}")
    audit_form_read(request, found, f"add {kind}")
    journey = found.open_journey
    if journey is None:
        messages.error(request, "Their journey has ended. Start a new one to record more.")
        return redirect("journeys:person", pk=found.pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.journey = journey
        if hasattr(entry, "recorded_by_id"):
            entry.recorded_by = request.user
        entry.save()
        if kind == "meeting":
            journey.note_meeting(entry.met_on)
        record(request, Action.CREATE, "person", found.pk, detail=f"{kind} #{entry.pk}")
        messages.success(request, f"Saved on {found.name}'s timeline.")
        return redirect("journeys:person", pk=found.pk)
    return render(
        request,
        "journeys/entry_form.html",
        {"person": found, "form": form, "title": title, "kind": kind},
    )


def entry_to_change(
    request: HttpRequest, pk: int, kind: str, entry_pk: int, verb: str
) -> tuple[Person, models.Model]:
    """The person and one of their entries, if the user may change their journey (404 alike
    for a kind, entry or person out of reach); opening the form is audited."""
    if kind not in ENTRY_FORMS:
        raise Http404("No such kind of entry.")
    found = person_to_change(request, pk, f"{verb} {kind}")
    model = ENTRY_FORMS[kind][0]._meta.model
    entry = get_object_or_404(model, pk=entry_pk, journey__person=found)
    audit_form_read(request, found, f"{verb} {kind} #{entry.pk}")
    return found, entry


@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, pk: int, kind: str, entry_pk: int) -> HttpResponse:
    """Correct an entry, for example when the person reads it and puts it in better words."""
    found, entry = entry_to_change(request, pk, kind, entry_pk, "correct")
    form_class, title, _ = ENTRY_FORMS[kind]
    words_before = entry.in_their_words
    form = form_class(posted(request), instance=entry)
    changed = None
    if request.method == "POST" and form.is_valid():
        if form.save_if_unchanged():
            earlier = words_before if entry.in_their_words != words_before else ""
            EntryChange.note(entry, EntryChange.What.CORRECTED, request.user, words_before=earlier)
            if kind == "meeting":
                entry.journey.note_meeting(entry.met_on)
            detail = f"{kind} #{entry.pk} corrected"
            record(request, Action.CHANGE, "person", found.pk, detail=detail)
            messages.success(request, f"Corrected on {found.name}'s timeline.")
            return redirect("journeys:person", pk=found.pk)
        changed = form.changed()
    context = {
        "person": found,
        "form": form,
        "title": f"Correct: {title.lower()}",
        "kind": kind,
        "changed": changed,
    }
    return render(request, "journeys/entry_form.html", context)


@require_http_methods(["GET", "POST"])
def end_journey(request: HttpRequest, pk: int) -> HttpResponse:
    """End the open journey because the person chose to: moved on, chose to stop or paused."""
    found = person_to_change(request, pk, "end journey")
    audit_form_read(request, found, "end journey")
    journey = found.open_journey
    if journey is None:
        return redirect("journeys:person", pk=found.pk)
    form = f.EndJourneyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ended_on = max(form.cleaned_data["ended_on"], journey.referred_on)
        journey.end(ended_on, form.cleaned_data["end_reason"])
        record(request, Action.CHANGE, "person", found.pk, detail=f"journey #{journey.pk} ended")
        messages.success(
            request, f"The journey is recorded as {journey.get_end_reason_display().lower()}."
        )
        return redirect("journeys:person", pk=found.pk)
    return render(request, "journeys/end_journey.html", {"person": found, "form": form})


@require_http_methods(["POST"])
def start_again(request: HttpRequest, pk: int) -> HttpResponse:
    """A new journey for someone whose last one ended; earlier journeys stay as they were."""
    found = person_to_change(request, pk, "start again")
    form = f.StartAgainForm(request.POST)
    if found.open_journey is None and form.is_valid():
        journey = found.start_again(timezone.localdate(), form.cleaned_data["in_their_words"])
        record(request, Action.CREATE, "person", found.pk, detail=f"journey #{journey.pk} started")
        messages.success(request, "A new journey has started.")
    return redirect("journeys:person", pk=found.pk)


@require_http_methods(["GET", "POST"])
def work_at_joining(request: HttpRequest, pk: int) -> HttpResponse:
    """Whether they were in paid work when the open journey began (optional; for IPS figures)."""
    found = person_to_change(request, pk, "work at joining")
    audit_form_read(request, found, "work at joining")
    journey = found.open_journey or found.journeys.first()
    if journey is None:
        raise Http404("No journey.")
    form = f.WorkAtJoiningForm(posted(request), instance=journey)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(
            request,
            Action.CHANGE,
            "person",
            found.pk,
            detail=f"journey #{journey.pk} work at joining",
        )
        messages.success(request, "Saved.")
        return redirect("journeys:person", pk=found.pk)
    return render(
        request,
        "journeys/entry_form.html",
        {"person": found, "form": form, "title": "Paid work when they joined", "kind": "work"},
    )
