"""Coordinators read the audit log; nobody else can."""

from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.log import record
from thrive.audit.models import AuditEvent
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db


def test_it_shows_who_did_what_and_when_to_a_coordinator(login_as, coordinator, outsider):
    person = Person.refer(on=date(2025, 4, 1), name="Ada", journey={})
    login_as(outsider).get(reverse("journeys:person", args=[person.pk]))
    page = login_as(coordinator).get(reverse("audit:log")).content.decode()
    assert "outsider" in page
    assert "Was refused access to" in page
    assert f"person #{person.pk}" in page


def test_it_filters_by_action_and_subject(login_as, coordinator, worker):
    record(None, "view", "person", 1, user=worker)
    record(None, "denied", "person", 2, user=worker)
    client = login_as(coordinator)
    page = client.get(reverse("audit:log"), {"action": "denied"}).content.decode()
    assert "person #2" in page and "person #1" not in page
    page = client.get(reverse("audit:log"), {"subject_id": "1"}).content.decode()
    assert "person #1" in page and "person #2" not in page


def test_it_pages_long_logs_and_survives_a_silly_page_number(login_as, coordinator, worker):
    AuditEvent.objects.bulk_create(
        AuditEvent(username="worker", action="view", subject_type="person", subject_id=str(n))
        for n in range(150)
    )
    client = login_as(coordinator)
    assert "Page 1 of 2" in client.get(reverse("audit:log")).content.decode()
    assert client.get(reverse("audit:log"), {"page": "x" * 300}).status_code == 200
    assert client.get(reverse("audit:log"), {"action": "<script>"}).status_code == 200


@pytest.mark.parametrize("role", ["worker", "peer_supporter", "co_researcher", "viewer"])
def test_it_refuses_everyone_but_coordinators(request, login_as, role):
    user = request.getfixturevalue(role)
    assert login_as(user).get(reverse("audit:log")).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client):
    assert client.get(reverse("audit:log")).status_code == 302
