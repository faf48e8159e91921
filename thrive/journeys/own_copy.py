"""The person's own copy of everything held about them (erasure is Person.erase).

The copy given to the person holds everything. A copy a member of staff reads holds research
data (an inquiry participant's label, attributes, consent notes) only for inquiries that
member of staff may open: rows of models with an ``is_open_to(user)`` method are checked.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.forms.models import model_to_dict

from thrive.journeys.models import Person

JOURNEY_PARTS = (
    "meetings",
    "goals",
    "activities",
    "achievements",
    "outcomes",
    "service_use_changes",
    "pauses",
    "entry_changes",
)
LEFT_OUT = {"journey", "recorded_by", "changed_by", "id"}


def plain(value):
    """JSON-ready: dates as ISO text, decimals as numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def row(obj, leave_out: set[str] = LEFT_OUT) -> dict:
    data = model_to_dict(obj)
    return {key: plain(value) for key, value in data.items() if key not in leave_out}


def export_person(person: Person, viewer=None) -> dict:
    """Everything held about one person, as JSON-ready data.

    With a viewer (staff reading the copy), rows the viewer may not open are left out and
    counted in ``research_left_out``; without one (the copy given to the person) nothing is.
    """
    elsewhere, left_out = linked_elsewhere(person, viewer)
    details = row(person, {"supporters", "user", "id"})
    details["created_at"] = person.created_at.isoformat()
    return {
        "person": details,
        "supporters": [u.display_name for u in person.supporters.order_by("first_name")],
        "journeys": [
            {
                **row(journey, {"person", "id"}),
                **{
                    part: [row(item) for item in getattr(journey, part).order_by("id")]
                    for part in JOURNEY_PARTS
                },
            }
            for journey in person.journeys.order_by("referred_on", "id")
        ],
        "elsewhere": elsewhere,
        "research_left_out": left_out,
    }


def linked_elsewhere(person: Person, viewer=None) -> tuple[dict[str, list[dict]], int]:
    """Rows in other apps that point at the person (e.g. an inquiry participant), by model,
    and how many were left out because the viewer may not open them."""
    from django.apps import apps

    found: dict[str, list[dict]] = {}
    left_out = 0
    for model in apps.get_models():
        if model._meta.app_label == "journeys":
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is Person:
                rows = []
                for obj in model.objects.filter(**{field.name: person}):
                    if viewer is not None and not may_open(obj, viewer):
                        left_out += 1
                        continue
                    rows.append(row(obj, {"id"}))
                if rows:
                    found[model._meta.label] = rows
    return found, left_out


def may_open(obj, viewer) -> bool:
    """Whether a member of staff may read this row in a person's copy (yes unless it says no)."""
    check = getattr(obj, "is_open_to", None)
    return check is None or bool(check(viewer))
