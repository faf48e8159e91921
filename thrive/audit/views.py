"""The audit log, for coordinators: who saw or changed what, and when."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.models import Action, AuditEvent

PAGE_SIZE = 100


@requires(Capability.READ_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    """Newest first, filtered by login, action or subject (e.g. person 12)."""
    events = AuditEvent.objects.all()
    who = request.GET.get("user", "").strip()[:150]
    action = request.GET.get("action", "")
    subject_type = request.GET.get("subject_type", "").strip()[:40]
    subject_id = request.GET.get("subject_id", "").strip()[:40]
    if who:
        events = events.filter(username=who)
    if action in Action.values:
        events = events.filter(action=action)
    if subject_type:
        events = events.filter(subject_type=subject_type)
    if subject_id:
        events = events.filter(subject_id=subject_id)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "actions": Action.choices,
            "filters": {
                "user": who,
                "action": action,
                "subject_type": subject_type,
                "subject_id": subject_id,
            },
            "query": query.urlencode(),
        },
    )
