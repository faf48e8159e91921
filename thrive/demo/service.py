"""The demo service's people, journeys and outcomes, written into the database."""

from __future__ import annotations

from django.utils import timezone

from thrive.demo.people import demo_people
from thrive.journeys.models import Journey, Outcome, Person


def load_people(supporters: list) -> tuple[int, int]:
    """Replace the demo people and their journeys; returns (people, outcomes)."""
    Person.objects.filter(reference__startswith="DEMO-").delete()
    people = demo_people(timezone.localdate(), len(supporters))
    outcomes = 0
    for spec in people:
        person = Person.objects.create(
            reference=spec.reference,
            name=spec.name,
            gender=spec.gender,
            birth_year=spec.birth_year,
            ethnicity=spec.ethnicity,
            phone=f"07700 900{int(spec.reference[-3:]):03d}",
        )
        person.supporters.add(supporters[spec.supporter])
        journey = Journey.objects.create(
            person=person,
            referred_on=spec.referred_on,
            in_their_words=spec.in_their_words,
            first_met_on=spec.first_met_on,
            ended_on=spec.ended_on,
            end_reason=spec.end_reason,
        )
        Outcome.objects.bulk_create(
            Outcome(
                journey=journey,
                kind=o.kind,
                achieved_on=o.achieved_on,
                in_their_words=o.words,
                hours_per_week=o.hours,
                off_benefits=o.off_benefits,
            )
            for o in spec.outcomes
        )
        outcomes += len(spec.outcomes)
    return len(people), outcomes
