"""The person's own copy of everything held about them (erasure is Person.erase)."""

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
)
LEFT_OUT = {"journey", "recorded_by", "id"}


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


def export_person(person: Person) -> dict:
    """Everything held about one person, as JSON-ready data."""
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
        "elsewhere": linked_elsewhere(person),
    }


def linked_elsewhere(person: Person) -> dict[str, list[dict]]:
    """Rows in other apps that point at the person (e.g. an inquiry participant), by model."""
    from django.apps import apps

    found: dict[str, list[dict]] = {}
    for model in apps.get_models():
        if model._meta.app_label == "journeys":
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is Person:
                rows = [row(obj, {"id"}) for obj in model.objects.filter(**{field.name: person})]
                if rows:
                    found[model._meta.label] = rows
    return found
