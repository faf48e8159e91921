"""The one call every view makes when it reads or changes personal data."""

from __future__ import annotations

from django.http import HttpRequest

from thrive.audit.models import AuditEvent


def record(
    request: HttpRequest | None,
    action: str,
    subject_type: str,
    subject_id: object = "",
    detail: str = "",
    *,
    user=None,
) -> AuditEvent:
    """Write one audit event for the request's user (or an explicit user, for commands)."""
    who = user if user is not None else getattr(request, "user", None)
    known = who if who is not None and who.is_authenticated else None
    return AuditEvent.objects.create(
        user=known,
        username=known.get_username() if known else "",
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        detail=detail[:300],
    )
