"""A journey's timeline: every dated entry, newest first, with its tags beside the words.

It also shows what happened to entries afterwards: a correction (with the earlier words, for
those who may see the record), a goal reached or set aside, an entry removed as made in error
(who removed it and why, without its words), and pauses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from thrive.journeys.models import EntryChange, Journey

ENTRY_KINDS = {
    "meeting": "Meeting",
    "goal": "Goal",
    "activity": "Activity",
    "achievement": "Achievement",
    "outcome": "Outcome",
    "service_use": "Change in services",
    "pause": "Paused",
    "resume": "Picked up again",
    "removed": "Entry removed",
}


@dataclass(frozen=True)
class Item:
    on: date
    kind: str
    words: str
    tags: list[str] = field(default_factory=list)
    entry_id: int | None = None
    corrections: list[EntryChange] = field(default_factory=list)
    goal_state: str = ""  # for goals: "", "reached" or "set_aside"
    note: str = ""  # a plain line that is not the person's words

    @property
    def label(self) -> str:
        return ENTRY_KINDS[self.kind]

    @property
    def form_kind(self) -> str:
        """The entry's kind as the add and correct pages name it."""
        return self.kind.replace("_", "-")

    @property
    def corrected_on(self) -> date | None:
        return _day(self.corrections[-1].changed_at) if self.corrections else None

    @property
    def earlier_words(self) -> list[EntryChange]:
        return [c for c in self.corrections if c.words_before]


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def timeline(journey: Journey) -> list[Item]:
    """Everything dated on one journey, newest first; ties keep meetings before what followed."""
    items: list[Item] = []
    corrections: dict[tuple[str, int], list[EntryChange]] = defaultdict(list)
    for change in journey.entry_changes.select_related("changed_by"):
        if change.what == EntryChange.What.CORRECTED:
            corrections[(change.kind, change.entry_id)].append(change)
        elif change.what == EntryChange.What.REMOVED:
            by = change.changed_by.display_name if change.changed_by else "someone"
            note = f"A {change.words} was removed by {by}: {change.why}"
            items.append(Item(_day(change.changed_at), "removed", "", note=note))

    def entry(on: date, kind: str, record, tags: list[str], **extra) -> Item:
        return Item(
            on,
            kind,
            record.in_their_words,
            tags,
            record.pk,
            corrections[(kind, record.pk)],
            **extra,
        )

    def area(record) -> list[str]:
        return [record.get_area_display()] if record.area else []

    for meeting in journey.meetings.all():
        items.append(entry(meeting.met_on, "meeting", meeting, area(meeting)))
    for goal in journey.goals.all():
        state = "reached" if goal.reached_on else "set_aside" if goal.set_aside_on else ""
        tags = area(goal) + ([goal.status] if goal.status else [])
        note = (
            f"About reaching it: “{goal.reached_in_their_words}”"
            if goal.reached_in_their_words
            else ""
        )
        items.append(entry(goal.set_on, "goal", goal, tags, goal_state=state, note=note))
    for activity in journey.activities.all():
        tags = [activity.get_kind_display(), *area(activity)]
        if activity.ended_on:
            tags.append(f"until {activity.ended_on:%-d %b %Y}")
        items.append(entry(activity.started_on, "activity", activity, tags))
    for achievement in journey.achievements.all():
        items.append(entry(achievement.achieved_on, "achievement", achievement, area(achievement)))
    for outcome in journey.outcomes.all():
        items.append(entry(outcome.achieved_on, "outcome", outcome, outcome.tags() + area(outcome)))
    for change in journey.service_use_changes.all():
        items.append(entry(change.reported_on, "service_use", change, change.tags()))
    for pause in journey.pauses.all():
        items.append(Item(pause.paused_on, "pause", pause.in_their_words))
        if pause.resumed_on:
            items.append(Item(pause.resumed_on, "resume", ""))
    order = list(ENTRY_KINDS)
    return sorted(items, key=lambda i: (i.on, -order.index(i.kind)), reverse=True)
