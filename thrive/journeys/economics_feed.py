"""Reported changes in service use and job starts, as plain records for the economic model.

No Django objects leave this module: another part of Thrive adapts these
records to the economic model's own types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db.models import Q

from thrive.journeys.models import Journey, Outcome, OutcomeKind, ServiceUseChange


@dataclass(frozen=True)
class ServiceUseRecord:
    """A change in use of a service as the person reported it, per period (week/month/year)."""

    person_id: int
    kind: str
    before: float | None
    after: float | None
    period: str
    date: date


@dataclass(frozen=True)
class EmploymentStart:
    """A paid job start: hours a week and pay an hour (None when not said), whether it ended
    benefits, and the LCWRA and housing elements of the Universal Credit it replaced."""

    person_id: int
    hours_per_week: float | None
    off_benefits: bool | None
    date: date
    hourly_pay: float | None = None
    had_lcwra: bool | None = None
    housing_element: float | None = None


def number(value) -> float | None:
    return None if value is None else float(value)


def service_use_records(start: date, end: date) -> list[ServiceUseRecord | EmploymentStart]:
    """Every service-use change reported, and every job started, within [start, end], by date."""
    changes = [
        ServiceUseRecord(person, kind, number(before), number(after), period, on)
        for person, kind, before, after, period, on in ServiceUseChange.objects.filter(
            reported_on__range=(start, end)
        ).values_list(
            "journey__person_id", "kind", "units_before", "units_after", "period", "reported_on"
        )
    ]
    jobs = [
        EmploymentStart(person, number(hours), off, on, number(pay), lcwra, number(housing))
        for person, hours, off, on, pay, lcwra, housing in Outcome.objects.filter(
            kind=OutcomeKind.EMPLOYMENT, achieved_on__range=(start, end)
        ).values_list(
            "journey__person_id",
            "hours_per_week",
            "off_benefits",
            "achieved_on",
            "hourly_pay",
            "had_lcwra",
            "housing_element",
        )
    ]
    return sorted([*changes, *jobs], key=lambda r: (r.date, r.person_id, type(r).__name__))


def as_dicts(records: list[ServiceUseRecord | EmploymentStart]) -> list[dict]:
    """The records as plain dicts, each with a 'record' key naming its type."""
    return [{"record": type(r).__name__, **asdict(r)} for r in records]


def cohort_size(start: date, end: date) -> int:
    """People with a journey open at any time in the period (a count, no personal data)."""
    return (
        Journey.objects.filter(referred_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values("person")
        .distinct()
        .count()
    )
