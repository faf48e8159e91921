"""Load the fictional demo service into the database, replacing any earlier demo."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from thrive.accounts.models import Role
from thrive.demo.people import demo_people
from thrive.framework.models import ServiceFramework
from thrive.inquiry.codebook import CodeSpec, pole_name, starting_codebook
from thrive.inquiry.guide import DEFAULT_GUIDE
from thrive.inquiry.models import (
    Code,
    Coding,
    GuideQuestion,
    Inquiry,
    MemberCheck,
    Participant,
    Transcript,
)
from thrive.journeys.models import Journey, Outcome, Person

DEMO_PASSWORD = "thrive-demo"  # noqa: S105 - printed for the demo on purpose
DEMO_INQUIRY = "What helps people thrive at the Hub"
DEMO_USERS = (
    ("coordinator", Role.COORDINATOR, "Robin Hale", False),
    ("alex", Role.WORKER, "Alex Mensah", False),
    ("priya", Role.WORKER, "Priya Shah", False),
    ("jordan", Role.WORKER, "Jordan Reid", True),
    ("marcus", Role.WORKER, "Marcus Bell", True),
    ("researcher", Role.CO_RESEARCHER, "Lin Carter", False),
    ("commissioner", Role.VIEWER, "Kay Osei", False),
)
DEMO_LOGINS = tuple(
    (username, "Peer supporter" if peer else role.label) for username, role, _, peer in DEMO_USERS
)


@dataclass(frozen=True)
class DemoSummary:
    people: int
    outcomes: int
    users: int
    participants: int
    transcripts: int
    codings: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"{self.people} people, {self.outcomes} outcomes, {self.users} logins, "
            f"an inquiry with {self.participants} participants, {self.transcripts} transcripts "
            f"and {self.codings} coded passages"
        )


def demo_users() -> list:
    """The demo logins, created or reset to the demo password."""
    User = get_user_model()
    users = []
    for username, role, full_name, peer in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "is_peer_supporter": peer,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users.append(user)
    return users


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


def create_codes(
    inquiry: Inquiry, specs: list[CodeSpec] | tuple[CodeSpec, ...], parent=None
) -> dict[str, Code]:
    """Create a nested codebook; returns every code by name."""
    by_name: dict[str, Code] = {}
    for spec in specs:
        code = Code.objects.create(
            inquiry=inquiry,
            parent=parent,
            name=spec.name,
            description=spec.description,
            valence=spec.valence,
            tree_part=spec.tree_part,
            area=spec.area,
            colour=spec.colour,
        )
        by_name[spec.name] = code
        by_name.update(create_codes(inquiry, spec.children, code))
    return by_name


def demo_file(name: str) -> str:
    return resources.files("thrive.demo").joinpath("transcripts", name).read_text("utf-8")


def load_inquiry(team: list) -> tuple[int, int, int]:
    """Replace the demo inquiry; returns (participants, transcripts, codings)."""
    Inquiry.objects.filter(title=DEMO_INQUIRY).delete()
    inquiry = Inquiry.objects.create(
        title=DEMO_INQUIRY,
        aims=(
            "To learn, with the people who use the Hub, what helped them move from getting by "
            "to doing well, and to use what we learn to improve the service."
        ),
        information_sheet=(
            "We are asking people who use the Hub to talk with us about their time here. "
            "Taking part is your choice, you can stop at any point, and you will see and can "
            "correct what we write before anyone else reads it."
        ),
    )
    inquiry.team.set(team)
    GuideQuestion.objects.bulk_create(
        GuideQuestion(inquiry=inquiry, position=i, text=text)
        for i, text in enumerate(DEFAULT_GUIDE, 1)
    )
    codes = create_codes(inquiry, starting_codebook(ServiceFramework.current()))
    roster = tomllib.loads(demo_file("participants.toml"))["participant"]
    coder = team[0]
    transcripts = {}
    for index, row in enumerate(roster):
        attributes = {k: v for k, v in row.items() if k not in ("label", "changes")}
        participant = Participant.objects.create(
            inquiry=inquiry,
            label=row["label"],
            attributes=attributes,
            consent_given_on=timezone.localdate(),
            member_check=MemberCheck.APPROVED if index < 5 else MemberCheck.SENT,
        )
        transcripts[row["label"]] = Transcript.objects.create(
            inquiry=inquiry,
            participant=participant,
            title=f"Interview with {row['label']}",
            text=demo_file(f"{row['label']}.txt"),
        )
    codings = []
    for row in tomllib.loads(demo_file("codings.toml"))["coding"]:
        transcript = transcripts[row["participant"]]
        start = transcript.text.index(row["quote"])
        name = row["code"]
        code = codes.get(pole_name(name, row["valence"]), codes[name])
        codings.append(
            Coding(
                transcript=transcript,
                code=code,
                start=start,
                end=start + len(row["quote"]),
                coder=coder,
            )
        )
    Coding.objects.bulk_create(codings)
    return len(roster), len(transcripts), len(codings)


@transaction.atomic
def load_demo() -> DemoSummary:
    """Load the demo service; loading twice gives the same data."""
    users = demo_users()
    workers = [u for u in users if u.role == Role.WORKER]
    people, outcomes = load_people(workers)
    team = [u for u in users if u.username in ("researcher", "jordan", "alex", "coordinator")]
    participants, transcripts, codings = load_inquiry(team)
    return DemoSummary(people, outcomes, len(users), participants, transcripts, codings)
