"""Load the fictional demo service into the database, replacing any earlier demo."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from thrive.accounts.models import Role
from thrive.demo.economics import load_scenarios
from thrive.demo.inquiry import load_inquiry
from thrive.demo.service import load_people, load_service_settings
from thrive.reports.dashboard_figures import service_figures, today, year_to

DEMO_PASSWORD = "thrive-demo"  # noqa: S105 - printed for the demo on purpose
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
    people_supported: int
    outcomes_this_year: int
    users: int
    participants: int
    transcripts: int
    codings: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"{self.people_supported} people supported in the last 12 months with "
            f"{self.outcomes_this_year} outcomes, {self.users} logins, "
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


@transaction.atomic
def load_demo() -> DemoSummary:
    """Load the demo service; loading twice gives the same data."""
    users = demo_users()
    workers = [u for u in users if u.role == Role.WORKER]
    load_people(workers)
    load_service_settings()
    team = [u for u in users if u.username in ("researcher", "jordan", "alex", "coordinator")]
    participants, transcripts, codings = load_inquiry(team)
    load_scenarios()
    figures = service_figures(*year_to(today()))
    return DemoSummary(
        figures.people_supported,
        figures.total_outcomes,
        len(users),
        participants,
        transcripts,
        codings,
    )
