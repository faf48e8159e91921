"""The audit log, for coordinators: who saw or changed what, and when; and its export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action, AuditEvent
from thrive.lib import downloads

PAGE_SIZE = 50
HEADERS = ("When", "Login", "Action", "Subject", "Number", "Detail")
FILTERS = ("person", "user", "action", "subject_type", "subject_id", "from", "to")


@dataclass
class Filters:
    """What the coordinator asked for, cleaned, and one message for anything unusable."""

    values: dict[str, str]
    start: date | None = None
    end: date | None = None
    errors: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, query: QueryDict) -> Filters:
        values = {name: query.get(name, "").strip()[:150] for name in FILTERS}
        if values["action"] not in Action.values:
            values["action"] = ""
        found = cls(values)
        if values["person"] and not values["person"].isdigit():
            found.errors.append("The person number is a whole number, such as 12.")
        found.start = found.day("from")
        found.end = found.day("to")
        if found.start and found.end and found.start > found.end:
            found.errors.append("The period should start before it ends.")
        return found

    def day(self, name: str) -> date | None:
        """The date given as `name` (2025-04-30), or None with a message when unusable."""
        raw = self.values[name]
        if not raw:
            return None
        try:
            if len(raw) == 10:
                return date.fromisoformat(raw)
        except ValueError:
            pass
        self.errors.append(f"The {name} date should look like 2025-04-30.")
        return None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        v = self.values
        if v["person"]:
            events = events.filter(subject_type="person", subject_id=v["person"])
        if v["subject_type"]:
            events = events.filter(subject_type=v["subject_type"][:40])
        if v["subject_id"]:
            events = events.filter(subject_id=v["subject_id"][:40])
        if v["user"]:
            events = events.filter(username=v["user"])
        if v["action"]:
            events = events.filter(action=v["action"])
        if self.start:
            events = events.filter(at__gte=midnight(self.start))
        if self.end:
            events = events.filter(at__lt=midnight(self.end + timedelta(days=1)))
        return events

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.values.items() if v) or "everything"

    def filename(self) -> str:
        v = self.values
        parts = ["audit"]
        if v["person"]:
            parts.append(f"person-{v['person']}")
        if v["user"]:
            parts.append(v["user"])
        return "-".join(parts)


def midnight(day: date) -> datetime:
    """The start of the day in Thrive's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


@requires(Capability.READ_AUDIT)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Newest first, 50 a page, filtered by person, login, action and dates; CSV or XLSX too."""
    filters = Filters.read(request.GET)
    fmt = request.GET.get("format", "")
    if filters.errors:
        events = AuditEvent.objects.none()
    else:
        events = filters.apply(AuditEvent.objects.all())
        if fmt in downloads.TABLE_FORMATS:
            return export(request, events, filters, fmt)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = QueryDict(mutable=True)
    query.update({k: v for k, v in filters.values.items() if v})
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "actions": Action.choices,
            "filters": filters.values,
            "errors": filters.errors,
            "query": query.urlencode(),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        },
        status=400 if filters.errors else 200,
    )


def export(
    request: HttpRequest, events: QuerySet[AuditEvent], filters: Filters, fmt: str
) -> HttpResponse:
    """Every matching event (not just one page), e.g. for a subject-access request; audited."""
    rows = [
        (
            timezone.localtime(e.at).isoformat(),
            e.username,
            e.get_action_display(),
            e.subject_type,
            e.subject_id,
            e.detail,
        )
        for e in events.iterator()
    ]
    record(
        request,
        Action.EXPORT,
        "audit_event",
        detail=f"{len(rows)} events as {fmt}: {filters.describe()}",
    )
    return downloads.table_response(fmt, filters.filename(), HEADERS, rows)
