"""What happens to a journey and its entries later: pauses, goals that move, entries mended."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys import forms as f
from thrive.journeys.access import person_to_change
from thrive.journeys.models import Goal, Person, remove_entry
from thrive.journeys.views.people import audit_form_read, entry_to_change
from thrive.lib.forms import posted


def step_page(
    request: HttpRequest, found: Person, form: forms.Form, title: str, lede: str, button: str
) -> HttpResponse:
    """One small form about the person's journey, on the shared entry page."""
    context = {"person": found, "form": form, "title": title, "lede": lede, "button": button}
    return render(request, "journeys/entry_form.html", context, status=400 if form.errors else 200)


def done(request: HttpRequest, found: Person, detail: str, message: str) -> HttpResponse:
    record(request, Action.CHANGE, "person", found.pk, detail=detail)
    messages.success(request, message)
    return redirect("journeys:person", pk=found.pk)


@require_http_methods(["GET", "POST"])
def pause_journey(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause at their wish: the journey stays open with its goals and history."""
    found = person_to_change(request, pk, "pause journey")
    audit_form_read(request, found, "pause journey")
    journey = found.open_journey
    if journey is None or journey.current_pause is not None:
        return redirect("journeys:person", pk=found.pk)
    form = f.PauseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        journey.pause(
            form.cleaned_data["paused_on"], form.cleaned_data["in_their_words"], request.user
        )
        return done(
            request,
            found,
            f"journey #{journey.pk} paused",
            "The journey is paused. Everything stays as it is until they pick it up again.",
        )
    lede = f"{found.name} would like a pause. Nothing closes: their goals and history stay."
    return step_page(request, found, form, "Pause the journey", lede, "Pause the journey")


@require_http_methods(["GET", "POST"])
def resume_journey(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick a paused journey up again where it was left."""
    found = person_to_change(request, pk, "resume journey")
    audit_form_read(request, found, "resume journey")
    journey = found.open_journey
    if journey is None or journey.current_pause is None:
        return redirect("journeys:person", pk=found.pk)
    form = f.ResumeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        journey.resume(form.cleaned_data["resumed_on"])
        return done(
            request, found, f"journey #{journey.pk} resumed", "Welcome back: the journey goes on."
        )
    lede = f"{found.name} is back. The journey carries on from where it paused."
    return step_page(request, found, form, "Pick the journey up again", lede, "Pick it up again")


def goal_of(request: HttpRequest, pk: int, goal_pk: int, detail: str) -> tuple[Person, Goal]:
    found = person_to_change(request, pk, detail)
    return found, get_object_or_404(Goal, pk=goal_pk, journey__person=found)


@require_http_methods(["GET", "POST"])
def goal_reached(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Mark a goal reached, with the date and what they said about it."""
    found, goal = goal_of(request, pk, goal_pk, "goal reached")
    audit_form_read(request, found, f"goal #{goal.pk} reached")
    form = f.GoalReachedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        goal.reach(
            form.cleaned_data["reached_on"], form.cleaned_data["in_their_words"], request.user
        )
        return done(
            request, found, f"goal #{goal.pk} reached", "Marked reached. Well done to them."
        )
    lede = f"Their goal: “{goal.in_their_words}”"
    return step_page(request, found, form, "Goal reached", lede, "Mark it reached")


@require_http_methods(["GET", "POST"])
def goal_set_aside(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Set a goal aside at their wish; it stays on the timeline and can be picked up again."""
    found, goal = goal_of(request, pk, goal_pk, "goal set aside")
    audit_form_read(request, found, f"goal #{goal.pk} set aside")
    form = f.SetAsideForm(posted(request))
    if request.method == "POST" and form.is_valid():
        goal.set_aside(form.cleaned_data["set_aside_on"], form.cleaned_data["why"], request.user)
        return done(
            request, found, f"goal #{goal.pk} set aside", "Set aside. It can be picked up again."
        )
    lede = f"Their goal: “{goal.in_their_words}”. Setting it aside is their choice, not a failure."
    return step_page(request, found, form, "Set the goal aside", lede, "Set it aside")


@require_http_methods(["POST"])
def goal_pick_up(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Work on a goal again (after it was set aside, or marked reached by mistake)."""
    found, goal = goal_of(request, pk, goal_pk, "goal picked up")
    goal.pick_up(request.user)
    return done(request, found, f"goal #{goal.pk} picked up", "The goal is being worked on again.")


@require_http_methods(["GET", "POST"])
def entry_remove(request: HttpRequest, pk: int, kind: str, entry_pk: int) -> HttpResponse:
    """Remove an entry made in error; the timeline keeps a note of who removed it and why."""
    found, entry = entry_to_change(request, pk, kind, entry_pk, "remove")
    form = f.RemoveEntryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        why = form.cleaned_data["why"]
        remove_entry(entry, why, request.user)
        record(
            request, Action.DELETE, "person", found.pk, detail=f"{kind} #{entry_pk}: {why}"[:250]
        )
        messages.success(request, "Removed. The timeline notes who removed it and why.")
        return redirect("journeys:person", pk=found.pk)
    label = entry._meta.verbose_name
    lede = (
        f"Only for a {label} made in error, such as one recorded on the wrong person. "
        "If the words need changing, correct it instead: earlier words are kept."
    )
    return step_page(request, found, form, f"Remove this {label}", lede, f"Remove the {label}")
