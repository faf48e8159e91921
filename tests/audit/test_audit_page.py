"""Coordinators read the audit log; nobody else can."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
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
    assert "Page 1 of 3" in client.get(reverse("audit:log")).content.decode()
    assert client.get(reverse("audit:log"), {"page": "x" * 300}).status_code == 200
    assert client.get(reverse("audit:log"), {"action": "<script>"}).status_code == 200


@pytest.mark.parametrize("role", ["worker", "peer_supporter", "co_researcher", "viewer"])
def test_it_refuses_everyone_but_coordinators(request, login_as, role):
    user = request.getfixturevalue(role)
    assert login_as(user).get(reverse("audit:log")).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client):
    assert client.get(reverse("audit:log")).status_code == 302


# Filters, paging and the export for a subject-access request ------------------------------


@pytest.fixture
def history(worker, coordinator):
    """Events by two logins about two people and a transcript, on three days."""
    rows = [
        ("2025-03-01T10:00:00+00:00", worker, "view", "person", "12", "timeline"),
        ("2025-03-02T10:00:00+00:00", worker, "change", "person", "12", "meeting #4"),
        ("2025-03-02T11:00:00+00:00", coordinator, "view", "person", "13", "timeline"),
        ("2025-03-03T09:00:00+00:00", coordinator, "export", "person", "12", "own copy"),
        ("2025-03-03T09:30:00+00:00", worker, "view", "transcript", "12", ""),
    ]
    for when, who, action, kind, number, detail in rows:
        with time_machine.travel(datetime.fromisoformat(when), tick=False):
            record(None, action, kind, number, detail, user=who)


def shown(page) -> list[tuple[str, str, str]]:
    """(login, action, subject) of each row of the log's table, in order."""
    return [
        (e.username, e.action, f"{e.subject_type} {e.subject_id}") for e in page.context["page"]
    ]


def test_it_filters_by_person_leaving_out_other_subjects_with_the_same_number(
    login_as, coordinator, history
):
    page = login_as(coordinator).get(reverse("audit:log"), {"person": "12"})
    assert shown(page) == [
        ("coord", "export", "person 12"),
        ("worker", "change", "person 12"),
        ("worker", "view", "person 12"),
    ]


def test_it_filters_by_login_action_and_dates_together(login_as, coordinator, history):
    client = login_as(coordinator)
    page = client.get(reverse("audit:log"), {"user": "worker", "from": "2025-03-02"})
    assert shown(page) == [("worker", "view", "transcript 12"), ("worker", "change", "person 12")]
    page = client.get(reverse("audit:log"), {"action": "view", "to": "2025-03-02"})
    assert shown(page) == [("coord", "view", "person 13"), ("worker", "view", "person 12")]
    page = client.get(reverse("audit:log"), {"from": "2025-03-02", "to": "2025-03-02"})
    assert [row[2] for row in shown(page)] == ["person 13", "person 12"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2 March"}, "The from date should look like 2025-04-30."),
        ({"to": "2025-02-30"}, "The to date should look like 2025-04-30."),
        ({"from": "2025-03-03", "to": "2025-03-01"}, "The period should start before it ends."),
        ({"person": "twelve"}, "The person number is a whole number, such as 12."),
    ],
)
def test_it_explains_a_filter_it_cannot_use_and_shows_nothing_wrongly_filtered(
    login_as, coordinator, history, query, message
):
    page = login_as(coordinator).get(reverse("audit:log"), query)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert shown(page) == []


def test_it_pages_fifty_at_a_time_keeping_the_filters_in_the_page_links(
    login_as, coordinator, worker
):
    AuditEvent.objects.bulk_create(
        AuditEvent(username="worker", action="view", subject_type="person", subject_id="7")
        for _ in range(120)
    )
    client = login_as(coordinator)
    first = client.get(reverse("audit:log"), {"person": "7"})
    assert len(first.context["page"]) == 50
    html = first.content.decode()
    assert "Page 1 of 3" in html
    assert 'href="?person=7&amp;page=2"' in html
    assert 'aria-current="page"' in html
    last = client.get(reverse("audit:log"), {"person": "7", "page": "3"})
    assert len(last.context["page"]) == 20
    assert 'href="?person=7&amp;page=2"' in last.content.decode()


def test_it_exports_a_persons_events_as_csv_for_a_subject_access_request(
    login_as, coordinator, history
):
    response = login_as(coordinator).get(reverse("audit:log"), {"person": "12", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="audit-person-12.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Login", "Action", "Subject", "Number", "Detail"]
    assert [row[1:] for row in rows[1:]] == [
        ["coord", "Exported", "person", "12", "own copy"],
        ["worker", "Changed", "person", "12", "meeting #4"],
        ["worker", "Viewed", "person", "12", "timeline"],
    ]
    assert rows[1][0].startswith("2025-03-03T09:00:00")


def test_it_exports_as_xlsx_and_audits_every_export(login_as, coordinator, history):
    from openpyxl import load_workbook

    response = login_as(coordinator).get(reverse("audit:log"), {"user": "coord", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["When", "Login", "Action", "Subject", "Number", "Detail"]
    assert [row[2] for row in values[1:]] == ["Exported", "Viewed"]
    trace = AuditEvent.objects.get(subject_type="audit_event")
    assert (trace.action, trace.username) == ("export", "coord")
    assert "user=coord" in trace.detail and "2 events" in trace.detail


def test_it_exports_nothing_when_a_filter_cannot_be_used(login_as, coordinator, history):
    response = login_as(coordinator).get(
        reverse("audit:log"), {"person": "12", "from": "soon", "format": "csv"}
    )
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(subject_type="audit_event").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_refuses_the_export_to_everyone_but_coordinators(login_as, worker, fmt, history):
    response = login_as(worker).get(reverse("audit:log"), {"format": fmt})
    assert response.status_code == 403
    assert "Content-Disposition" not in response
