"""People who log in to Thrive, and what each role may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    WORKER = "worker", "Worker"
    CO_RESEARCHER = "co_researcher", "Co-researcher"
    VIEWER = "viewer", "Viewer (commissioner)"


class Capability(models.TextChoices):
    """Things a role may do; the role table in docs/roles.md is tested against this."""

    SEE_DASHBOARD = "see_dashboard", "See the dashboard and aggregate figures"
    SEE_ALL_PEOPLE = "see_all_people", "See every person's journey"
    SEE_CASELOAD = "see_caseload", "See the journeys of people they support"
    MANAGE_REFERRALS = "manage_referrals", "Match new referrals with a worker"
    RECORD_JOURNEYS = "record_journeys", "Record meetings, goals and outcomes"
    READ_AUDIT = "read_audit", "Read the audit log"
    MANAGE_USERS = "manage_users", "Create accounts and set roles"
    WORK_ON_INQUIRIES = "work_on_inquiries", "Interview, upload transcripts and code"
    RUN_ECONOMICS = "run_economics", "Build and run economic scenarios"
    SEE_FRAMEWORK = "see_framework", "Read the framework"
    SEE_NAMES = "see_names", "See names of people using the service"


CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(Capability.values),
    Role.WORKER: frozenset(
        {
            Capability.SEE_DASHBOARD,
            Capability.SEE_CASELOAD,
            Capability.RECORD_JOURNEYS,
            Capability.WORK_ON_INQUIRIES,
            Capability.SEE_FRAMEWORK,
            Capability.SEE_NAMES,
        }
    ),
    Role.CO_RESEARCHER: frozenset(
        {Capability.SEE_DASHBOARD, Capability.WORK_ON_INQUIRIES, Capability.SEE_FRAMEWORK}
    ),
    Role.VIEWER: frozenset(
        {Capability.SEE_DASHBOARD, Capability.RUN_ECONOMICS, Capability.SEE_FRAMEWORK}
    ),
}


class User(AbstractUser):
    """A member of staff, peer supporter, co-researcher or commissioner."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.WORKER)
    is_peer_supporter = models.BooleanField(
        default=False, help_text="A worker who brings lived experience to the role."
    )
    coder_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="The name other coders see on this person's codings (their own choice).",
    )

    def can(self, capability: str) -> bool:
        """Whether this user's role grants the capability."""
        return self.is_active and capability in CAPABILITIES.get(self.role, frozenset())

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def name_as_coder(self) -> str:
        """The name shown on this person's codings and memos: the one they chose, if any."""
        return self.coder_name.strip() or self.display_name

    @property
    def role_label(self) -> str:
        if self.role == Role.WORKER and self.is_peer_supporter:
            return "Peer supporter"
        return self.get_role_display()
