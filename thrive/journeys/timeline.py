"""A journey's timeline: every dated entry, newest first, with its tags beside the words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thrive.journeys.models import Journey

ENTRY_KINDS = {
    "meeting": "Meeting",
    "goal": "Goal",
    "activity": "Activity",
    "achievement": "Achievement",
    "outcome": "Outcome",
    "service_use": "Change in services",
}


@dataclass(frozen=True)
class Item:
    on: date
    kind: str
    words: str
    tags: list[str] = field(default_factory=list)
    entry_id: int | None = None

    @property
    def label(self) -> str:
        return ENTRY_KINDS[self.kind]

    @property
    def form_kind(self) -> str:
        """The entry's kind as the add and correct pages name it."""
        return self.kind.replace("_", "-")


def timeline(journey: Journey) -> list[Item]:
    """Everything dated on one journey, newest first; ties keep meetings before what followed."""
    items: list[Item] = []

    def area(entry) -> list[str]:
        return [entry.get_area_display()] if entry.area else []

    for meeting in journey.meetings.all():
        items.append(
            Item(meeting.met_on, "meeting", meeting.in_their_words, area(meeting), meeting.pk)
        )
    for goal in journey.goals.all():
        tags = area(goal) + ([f"reached {goal.reached_on:%-d %b %Y}"] if goal.reached_on else [])
        items.append(Item(goal.set_on, "goal", goal.in_their_words, tags, goal.pk))
    for activity in journey.activities.all():
        tags = [activity.get_kind_display(), *area(activity)]
        if activity.ended_on:
            tags.append(f"until {activity.ended_on:%-d %b %Y}")
        items.append(
            Item(activity.started_on, "activity", activity.in_their_words, tags, activity.pk)
        )
    for achievement in journey.achievements.all():
        items.append(
            Item(
                achievement.achieved_on,
                "achievement",
                achievement.in_their_words,
                area(achievement),
                achievement.pk,
            )
        )
    for outcome in journey.outcomes.all():
        tags = outcome.tags() + area(outcome)
        items.append(Item(outcome.achieved_on, "outcome", outcome.in_their_words, tags, outcome.pk))
    for change in journey.service_use_changes.all():
        items.append(
            Item(
                change.reported_on,
                "service_use",
                change.in_their_words,
                change.tags(),
                change.pk,
            )
        )
    order = list(ENTRY_KINDS)
    return sorted(items, key=lambda i: (i.on, -order.index(i.kind)), reverse=True)
