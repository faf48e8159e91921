"""People made for the list tests: referred, supported and perhaps met."""

from __future__ import annotations

from datetime import date

from thrive.journeys.models import Meeting, Person


def refer(name: str, *supporters, referred: date = date(2025, 1, 6), met: date | None = None):
    """Someone referred on `referred`, supported by `supporters`, met on `met` if given."""
    found = Person.refer(on=referred, name=name, journey={})
    found.supporters.add(*supporters)
    if met:
        journey = found.open_journey
        Meeting.objects.create(journey=journey, met_on=met, in_their_words="Tea and a chat.")
        journey.note_meeting(met)
    return found
