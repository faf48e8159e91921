"""The outcome report: figures gathered from the database, shown with small counts suppressed.

The arithmetic lives in thrive.reports.core.figures (pure, tested on hand-made
examples); every figure is defined in docs/outcomes.md.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured

from thrive.core.small_numbers import SMALL_COUNT, suppressed
from thrive.journeys.models import Journey, Outcome, OutcomeKind, Person
from thrive.reports.core.figures import (
    IPS_BENCHMARK,
    OUTCOME_KINDS,
    GroupCount,
    JobRow,
    JourneyDetail,
    OutcomeReport,
    OutcomeRow,
    PersonRow,
    outcome_report,
)

DEFAULT_BASELINE = "3.4-4.9"
HIDDEN = f"fewer than {SMALL_COUNT}"


def employment_baseline() -> tuple[float, float]:
    """THRIVE_EMPLOYMENT_BASELINE as fractions: a percentage ('4.2') or a range ('3.4-4.9')."""
    raw = os.environ.get("THRIVE_EMPLOYMENT_BASELINE", DEFAULT_BASELINE).strip()
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?\s*(?:[-–]\s*(\d+(?:\.\d+)?)\s*%?)?", raw)
    if not found:
        raise ImproperlyConfigured(
            f"THRIVE_EMPLOYMENT_BASELINE must be a percentage like 4.2 or a range like 3.4-4.9, "
            f"not {raw!r}."
        )
    low = float(found.group(1))
    high = float(found.group(2) or low)
    if not 0 <= low <= high <= 100:
        raise ImproperlyConfigured(
            f"THRIVE_EMPLOYMENT_BASELINE must be between 0 and 100, low first (got {raw!r})."
        )
    return low / 100, high / 100


def gather(start: date, end: date) -> OutcomeReport:
    """Every figure of the outcome report for the period, from the rows held now."""
    journeys = [
        JourneyDetail(*row)
        for row in Journey.objects.values_list(
            "person_id", "referred_on", "first_met_on", "ended_on", "work_at_joining"
        )
    ]
    in_period = Outcome.objects.filter(achieved_on__range=(start, end))
    outcomes = [
        OutcomeRow(*row)
        for row in in_period.values_list("journey__person_id", "kind", "achieved_on")
    ]
    jobs = [
        JobRow(person, started, float(hours) if hours is not None else None, off)
        for person, started, hours, off in in_period.filter(
            kind=OutcomeKind.EMPLOYMENT
        ).values_list("journey__person_id", "achieved_on", "hours_per_week", "off_benefits")
    ]
    people = [
        PersonRow(*row)
        for row in Person.objects.values_list("id", "gender", "birth_year", "ethnicity")
    ]
    return outcome_report(journeys, outcomes, jobs, people, start, end)


def as_json(report: OutcomeReport) -> dict:
    """The whole report, unsuppressed, as JSON-ready data (for the command line)."""
    figures = report.figures
    low, high = employment_baseline()

    def groups(rows: list[GroupCount]) -> list[dict]:
        return [
            {"group": g.group, "people": g.people, "with_outcome": g.with_outcome} for g in rows
        ]

    return {
        "from": figures.period_start.isoformat(),
        "to": figures.period_end.isoformat(),
        "people_supported": figures.people_supported,
        "outcomes": {kind: figures.outcomes[kind] for kind in OUTCOME_KINDS},
        "total_outcomes": figures.total_outcomes,
        "outcome_ratio": round(figures.outcome_ratio, 2),
        "people_with_outcome": report.people_with_outcome,
        "people_in_paid_work": report.people_in_paid_work,
        "employment_rate": round(report.employment_rate, 4),
        "employment_baseline": [low, high],
        "median_days_to_first_meeting": report.median_days_to_first_meeting,
        "ips": {
            "job_starts": report.ips_job_starts,
            "people_starting": report.ips_people_starting,
            "out_of_work_at_joining": report.out_of_work_at_joining,
            "out_of_work_into_work": report.out_of_work_into_work,
            "employment_rate": round(report.ips_employment_rate, 4),
            "benchmark": IPS_BENCHMARK,
            "median_days_to_first_job": report.median_days_to_first_job,
        },
        "by_gender": groups(report.by_gender),
        "by_age_band": groups(report.by_age_band),
        "by_ethnicity": groups(report.by_ethnicity),
    }


@dataclass(frozen=True)
class Line:
    """One figure as shown: its key, label, the text shown and where to read its definition."""

    key: str
    label: str
    shown: str
    value: float | int | None
    note: str = ""


def count(n: int, hide_small: bool) -> tuple[str, int | None]:
    kept = suppressed(n) if hide_small else n
    return (HIDDEN, None) if kept is None else (f"{kept:,}", kept)


def percent(part: int, whole: int, hide_small: bool) -> tuple[str, float | None]:
    if hide_small and suppressed(part) is None:
        return ("not shown (small numbers)", None)
    if not whole:
        return ("—", None)
    return (f"{100 * part / whole:.0f}%", part / whole)


def days(value: float | None, n: int, hide_small: bool) -> tuple[str, float | None]:
    if value is None or (hide_small and suppressed(n) is None):
        return ("—" if value is None else "not shown (small numbers)", None)
    return (f"{value:g} days", value)


def headline_lines(report: OutcomeReport, hide_small: bool) -> list[Line]:
    """The service's own figures, in the order the report shows them."""
    f = report.figures
    low, high = employment_baseline()
    baseline = f"{100 * low:g}%" if low == high else f"{100 * low:g}–{100 * high:g}%"
    lines = [Line("people_supported", "People supported", *count(f.people_supported, hide_small))]
    for kind in OUTCOME_KINDS:
        lines.append(
            Line(
                f"outcomes_{kind}", f"{kind.title()} outcomes", *count(f.outcomes[kind], hide_small)
            )
        )
    lines += [
        Line("total_outcomes", "All outcomes", *count(f.total_outcomes, hide_small)),
        Line(
            "outcome_ratio",
            "Outcome ratio",
            *percent(f.total_outcomes, f.people_supported, hide_small),
            "outcomes ÷ people supported",
        ),
        Line(
            "people_with_outcome",
            "People with at least one outcome",
            *count(report.people_with_outcome, hide_small),
        ),
        Line(
            "employment_rate",
            "Employment rate",
            *percent(report.people_in_paid_work, f.people_supported, hide_small),
            f"baseline for people on CPA: {baseline}",
        ),
        Line(
            "median_days_to_first_meeting",
            "Median days from referral to first meeting",
            *days(
                report.median_days_to_first_meeting, len(report.days_to_first_meeting), hide_small
            ),
            f"{len(report.days_to_first_meeting)} first meetings in the period",
        ),
    ]
    return lines


def ips_lines(report: OutcomeReport, hide_small: bool) -> list[Line]:
    """IPS-comparable figures, beside the benchmark."""
    return [
        Line(
            "ips_job_starts",
            "Job starts of 4 or more paid hours a week",
            *count(report.ips_job_starts, hide_small),
        ),
        Line(
            "ips_people_starting",
            "People starting such a job",
            *count(report.ips_people_starting, hide_small),
        ),
        Line(
            "out_of_work_at_joining",
            "People supported who were out of work when they joined",
            *count(report.out_of_work_at_joining, hide_small),
        ),
        Line(
            "ips_employment_rate",
            "Of them, into work",
            *percent(report.out_of_work_into_work, report.out_of_work_at_joining, hide_small),
            f"IPS benchmark: {IPS_BENCHMARK:.0%}",
        ),
        Line(
            "median_days_to_first_job",
            "Median days from first meeting to first job",
            *days(report.median_days_to_first_job, len(report.days_to_first_job), hide_small),
        ),
    ]


def breakdown_rows(rows: list[GroupCount]) -> list[tuple[str, str, str]]:
    """(group, people, with an outcome) with every count under 5 suppressed, for everyone."""
    return [(g.group, count(g.people, True)[0], count(g.with_outcome, True)[0]) for g in rows]


def table(report: OutcomeReport, hide_small: bool) -> list[tuple[str, str, str, str]]:
    """Every line of the report as (section, measure, value, note), for CSV and XLSX."""
    rows = [
        ("Service", line.label, line.shown, line.note)
        for line in headline_lines(report, hide_small)
    ]
    rows += [
        ("IPS-comparable", line.label, line.shown, line.note)
        for line in ips_lines(report, hide_small)
    ]
    for title, groups in (
        ("By gender", report.by_gender),
        ("By age band", report.by_age_band),
        ("By ethnicity", report.by_ethnicity),
    ):
        for group, people, achieved in breakdown_rows(groups):
            rows.append((title, f"{group}: people supported", people, ""))
            rows.append((title, f"{group}: with an outcome", achieved, ""))
    return rows
