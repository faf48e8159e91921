"""Audit events cannot be changed or deleted, by the ORM or by raw SQL, on SQLite or PostgreSQL.

Only two paths delete them, and both leave a trace: `erase_events_before` (retention) and
`flush` (which empties the whole database, used by tests and never by the service).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from thrive.audit.erasure import erase_events_before, erasure_allowed
from thrive.audit.log import record
from thrive.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(worker):
    return record(None, Action.VIEW, "person", 7, "timeline", user=worker)


def refused(statement) -> str:
    """Run the statement in its own savepoint; return the database's message when refused."""
    try:
        with transaction.atomic():
            statement()
    except DatabaseError as error:
        return str(error)
    return ""


def raw(sql: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


def test_it_refuses_to_change_an_event_through_the_orm(event):
    def change():
        event.detail = "nothing to see here"
        event.save()

    assert "audit events cannot be changed" in refused(change)
    assert "cannot be changed" in refused(
        lambda: AuditEvent.objects.filter(pk=event.pk).update(action=Action.CHANGE)
    )
    assert AuditEvent.objects.get(pk=event.pk).detail == "timeline"


def test_it_refuses_to_change_an_event_through_raw_sql(event):
    assert "cannot be changed" in refused(
        raw("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["nobody", event.pk])
    )
    assert "cannot be changed" in refused(raw("UPDATE audit_auditevent SET at = at"))
    assert AuditEvent.objects.get(pk=event.pk).username == "worker"


def test_it_refuses_to_delete_an_event_through_the_orm(event):
    assert "audit events cannot be deleted" in refused(event.delete)
    assert "cannot be deleted" in refused(AuditEvent.objects.all().delete)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_refuses_to_delete_an_event_through_raw_sql(event):
    assert "cannot be deleted" in refused(raw("DELETE FROM audit_auditevent"))
    assert AuditEvent.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # committed rows: no FK checks pending
def test_it_refuses_to_truncate_the_log_on_postgresql(event):
    assert "cannot be deleted" in refused(raw("TRUNCATE audit_auditevent"))
    assert AuditEvent.objects.count() == 1


def test_it_keeps_the_event_when_its_login_is_deleted(event, worker):
    worker.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.user_id, kept.username, kept.detail) == (None, "worker", "timeline")


def test_it_still_refuses_other_changes_alongside_unlinking_a_login(event):
    assert "cannot be changed" in refused(
        lambda: AuditEvent.objects.filter(pk=event.pk).update(user=None, detail="")
    )


def test_it_erases_old_events_for_retention_and_audits_the_erasure(event, coordinator):
    record(None, Action.VIEW, "person", 8, user=coordinator)
    cutoff = timezone.now() + timedelta(seconds=1)
    erased = erase_events_before(cutoff, "kept for six years", user=coordinator)
    assert erased == 2
    trace = AuditEvent.objects.get()
    assert (trace.action, trace.subject_type, trace.username) == (
        Action.ERASE,
        "audit_event",
        "coord",
    )
    assert "2 audit events" in trace.detail and "kept for six years" in trace.detail


def test_it_leaves_no_opening_after_an_erasure(event):
    erase_events_before(timezone.now() - timedelta(days=1), "nothing that old")
    assert "cannot be deleted" in refused(raw("DELETE FROM audit_auditevent"))
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_leaves_no_opening_when_an_erasure_fails(event):
    with pytest.raises(ZeroDivisionError), erasure_allowed("a failing retention run"):
        raise ZeroDivisionError  # any failure inside the block
    assert "cannot be deleted" in refused(raw("DELETE FROM audit_auditevent"))


def test_it_refuses_to_erase_without_a_reason(event):
    with pytest.raises(ValueError, match="reason"):
        erase_events_before(timezone.now(), "  ")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_it_lets_flush_empty_the_whole_database(worker):
    record(None, Action.VIEW, "person", 9, user=worker)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    record(None, Action.VIEW, "person", 10)
    assert "cannot be deleted" in refused(raw("DELETE FROM audit_auditevent"))
