"""The only ways audit events are ever deleted: retention, and emptying the whole database.

The database refuses to delete an audit event (migration 0003) unless the deleting
transaction has first written a row to `audit_erasure_allowed`. `erasure_allowed` writes
it and takes it out again in the same transaction, so no other transaction ever sees it and
a failure rolls it back with everything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from thrive.audit.log import record
from thrive.audit.models import Action, AuditEvent

MARKER_TABLE = "audit_erasure_allowed"


@contextmanager
def erasure_allowed(reason: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let this block delete audit events; callers leave an audit event saying why."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Audit events are erased only with a reason.")
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("INSERT INTO audit_erasure_allowed (reason) VALUES (%s)", [reason[:200]])
        yield
        cursor.execute("DELETE FROM audit_erasure_allowed")


def erase_events_before(cutoff: datetime, reason: str, *, user=None) -> int:
    """Delete audit events older than the cutoff (retention); returns how many.

    One new event records the erasure: how many, up to when, why and (if given) who.
    """
    with erasure_allowed(reason):
        count, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
        record(
            None,
            Action.ERASE,
            "audit_event",
            detail=f"{count} audit events before {cutoff.isoformat()} erased: {reason.strip()}",
            user=user,
        )
    return count
