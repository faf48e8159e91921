"""Roles grant capabilities, and the role table in the docs says the same."""

import re
from pathlib import Path

from thrive.accounts.models import CAPABILITIES, Capability, Role, User

ROLES_DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_it_grants_coordinators_everything_and_viewers_no_names():
    assert User(role=Role.COORDINATOR).can(Capability.READ_AUDIT)
    assert not User(role=Role.VIEWER).can(Capability.SEE_NAMES)
    assert not User(role=Role.CO_RESEARCHER).can(Capability.SEE_CASELOAD)
    assert User(role=Role.WORKER).can(Capability.SEE_CASELOAD)


def test_it_refuses_everything_to_a_deactivated_account():
    assert not User(role=Role.COORDINATOR, is_active=False).can(Capability.SEE_DASHBOARD)


def test_it_documents_every_capability_for_every_role():
    rows = {}
    for line in ROLES_DOC.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in Capability.labels:
            rows[cells[0]] = cells[1:]
    assert set(rows) == set(Capability.labels)
    order = [Role.COORDINATOR, Role.WORKER, Role.CO_RESEARCHER, Role.VIEWER]
    for capability in Capability:
        expected = ["yes" if capability in CAPABILITIES[role] else "no" for role in order]
        got = [re.sub(r"[^a-z]", "", cell.lower()) for cell in rows[capability.label]]
        assert got == expected, capability.label
