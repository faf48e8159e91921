"""The dashboard's list of people waiting shows names, so each showing is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    """Two people referred and not yet met."""
    return [
        Person.refer(on=date(2025, 5, 1), name="Tamsin Waits", journey={}),
        Person.refer(on=date(2025, 5, 2), name="Idris Waits", journey={}),
    ]


def test_it_audits_the_waiting_names_a_coordinator_is_shown(login_as, coordinator, waiting):
    page = login_as(coordinator).get(reverse("reports:dashboard")).content.decode()
    assert "Tamsin Waits" in page
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert (event.username, event.subject_type) == ("coord", "person")
    assert event.detail == "dashboard: 2 new referrals waiting"
    assert "Tamsin" not in event.detail


def test_it_audits_nothing_when_no_names_are_shown(login_as, coordinator, worker, waiting):
    page = login_as(worker).get(reverse("reports:dashboard")).content.decode()
    assert "Tamsin Waits" not in page
    Person.objects.all().delete()
    login_as(coordinator).get(reverse("reports:dashboard"))
    assert not AuditEvent.objects.exists()
