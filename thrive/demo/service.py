"""The demo service's people, journeys, timelines and peer supporters, written into the database."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from thrive.demo.people import DemoPerson, demo_people
from thrive.journeys.models import (
    Achievement,
    Activity,
    Goal,
    Journey,
    Meeting,
    Outcome,
    PeerTraining,
    Person,
    ServiceUseChange,
    Supervision,
)
from thrive.journeys.service_settings import ServiceSettings

ENTRY_MODELS = {
    "meeting": (Meeting, "met_on"),
    "goal": (Goal, "set_on"),
    "activity": (Activity, "started_on"),
    "achievement": (Achievement, "achieved_on"),
}
PEER_TRAINING = (
    ("Peer-support foundation course", 400, 300),
    ("Safeguarding awareness", 330, 329),
    ("Sharing your story safely", 120, None),
)


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
            work_at_joining=spec.work_at_joining,
            first_met_on=spec.first_met_on,
            ended_on=None if spec.end_reason == "paused" else spec.ended_on,
            end_reason="" if spec.end_reason == "paused" else spec.end_reason,
        )
        if spec.end_reason == "paused":
            journey.pause(spec.ended_on, "Taking a break for a while; will be in touch.")
        Outcome.objects.bulk_create(
            Outcome(
                journey=journey,
                kind=o.kind,
                achieved_on=o.achieved_on,
                in_their_words=o.words,
                hours_per_week=o.hours,
                off_benefits=o.off_benefits,
                area="economic" if o.kind == "employment" else "do",
            )
            for o in spec.outcomes
        )
        write_timeline(journey, spec, supporters[spec.supporter])
        outcomes += len(spec.outcomes)
    load_peer_supporters([u for u in supporters if u.is_peer_supporter], people)
    return len(people), outcomes


def write_timeline(journey: Journey, spec: DemoPerson, supporter) -> None:
    """The person's meetings, goals, activities, achievements and service-use changes."""
    for entry in spec.entries:
        model, date_field = ENTRY_MODELS[entry.model]
        extra = {"kind": entry.kind} if entry.kind else {}
        model.objects.create(
            journey=journey,
            in_their_words=entry.words,
            area=entry.area,
            recorded_by=supporter,
            **{date_field: entry.on},
            **extra,
        )
    ServiceUseChange.objects.bulk_create(
        ServiceUseChange(
            journey=journey,
            kind=change.kind,
            reported_on=change.reported_on,
            in_their_words=change.words,
            units_before=change.before,
            units_after=change.after,
            period=change.period,
        )
        for change in spec.service_use
    )


def load_peer_supporters(peers: list, people: list[DemoPerson]) -> None:
    """Training and supervision for each demo peer supporter; the first is linked to a journey.

    Being a peer supporter is paid work: the first peer supporter's own record is the first
    demo person with a job, whose outcome is recorded as starting in the peer-supporter role.
    """
    today = timezone.localdate()
    for index, peer in enumerate(peers):
        PeerTraining.objects.filter(peer_supporter=peer).delete()
        Supervision.objects.filter(peer_supporter=peer).delete()
        for title, started, completed in PEER_TRAINING[: 3 - index]:
            PeerTraining.objects.create(
                peer_supporter=peer,
                title=title,
                started_on=today - timedelta(days=started),
                completed_on=today - timedelta(days=completed) if completed else None,
            )
        for weeks in range(2, 26, 4):
            Supervision.objects.create(
                peer_supporter=peer,
                held_on=today - timedelta(weeks=weeks, days=index),
                notes="Talked through the week; time to reflect and rest.",
            )
    worker = next(
        (spec for spec in people if any(o.kind == "employment" for o in spec.outcomes)), None
    )
    if peers and worker is not None:
        Person.objects.filter(user=peers[0]).update(user=None)
        own = Person.objects.get(reference=worker.reference)
        own.user = peers[0]
        own.save(update_fields=["user"])
        job = (
            Outcome.objects.filter(journey__person=own, kind="employment")
            .order_by("achieved_on")
            .first()
        )
        job.in_their_words = (
            f"Started as a paid peer supporter at the Hub, {job.hours_per_week:g} hours a week"
        )
        job.save(update_fields=["in_their_words"])


def load_service_settings() -> None:
    """The demo Hub's opening hours and address on the self-referral thanks page."""
    about = ServiceSettings.current()
    about.opening_hours = "Monday to Friday, 10am to 4pm; Thursdays until 7pm"
    about.address = "The Hub, 12 Mill Lane (the green door beside the library)"
    about.save_by(None)
