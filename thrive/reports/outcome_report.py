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

from thrive.core.small_numbers import SMALL_COUNT, Hidden, Sum, hidden_counts
from thrive.journeys.models import (
    ETHNICITY_CATEGORIES,
    GENDER_CATEGORIES,
    Journey,
    Outcome,
    OutcomeKind,
    Person,
)
from thrive.reports.core.figures import (
    IPS_BENCHMARK,
    OUTCOME_KINDS,
    GroupCount,
    JobRow,
    JourneyDetail,
    OutcomeReport,
    OutcomeRow,
    PersonRow,
    in_categories,
    outcome_report,
    share,
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


def as_json(report: OutcomeReport, hide_small: bool = False) -> dict:
    """The whole report as JSON-ready data for the command line.

    Unsuppressed, or with hide_small as a viewer sees it: a hidden figure is the words
    shown instead ("fewer than 5", "not shown", "not shown (small numbers)").
    """
    figures = report.figures
    low, high = employment_baseline()
    seen = as_seen(report, hide_small)

    def n(key: str, value: int) -> int | str:
        shown, kept = seen.count(key, value)
        return shown if kept is None else value

    def rate(part: str, whole: str, values: tuple[int, int], digits: int) -> float | str:
        shown, kept = seen.percent(part, whole, values)
        return shown if kept is None and values[1] else round(share(*values), digits)

    def days(value: float | None, key: str) -> float | str | None:
        shown, kept = seen.days(value, key)
        return shown if kept is None and value is not None else value

    def groups(key: str, rows: list[GroupCount]) -> list[dict]:
        if not hide_small:
            return [
                {"group": g.group, "people": g.people, "with_outcome": g.with_outcome} for g in rows
            ]
        return [
            {"group": group, "people": number(people), "with_outcome": number(achieved)}
            for group, people, achieved in breakdown_rows(seen, key, rows)
        ]

    by = {key: rows for key, _title, rows in seen.breakdowns}
    return {
        "from": figures.period_start.isoformat(),
        "to": figures.period_end.isoformat(),
        "people_supported": n("people_supported", figures.people_supported),
        "outcomes": {kind: n(f"outcomes_{kind}", figures.outcomes[kind]) for kind in OUTCOME_KINDS},
        "total_outcomes": n("total_outcomes", figures.total_outcomes),
        "outcome_ratio": rate(
            "total_outcomes",
            "people_supported",
            (figures.total_outcomes, figures.people_supported),
            2,
        ),
        "people_with_outcome": n("people_with_outcome", report.people_with_outcome),
        "people_in_paid_work": n("people_in_paid_work", report.people_in_paid_work),
        "employment_rate": rate(
            "people_in_paid_work",
            "people_supported",
            (report.people_in_paid_work, figures.people_supported),
            4,
        ),
        "employment_baseline": [low, high],
        "median_days_to_first_meeting": days(report.median_days_to_first_meeting, "first_meetings"),
        "ips": {
            "job_starts": n("ips_job_starts", report.ips_job_starts),
            "people_starting": n("ips_people_starting", report.ips_people_starting),
            "out_of_work_at_joining": n("out_of_work_at_joining", report.out_of_work_at_joining),
            "out_of_work_into_work": n("out_of_work_into_work", report.out_of_work_into_work),
            "employment_rate": rate(
                "out_of_work_into_work",
                "out_of_work_at_joining",
                (report.out_of_work_into_work, report.out_of_work_at_joining),
                4,
            ),
            "benchmark": IPS_BENCHMARK,
            "median_days_to_first_job": days(report.median_days_to_first_job, "first_jobs"),
        },
        "by_gender": groups("gender", by["gender"]),
        "by_age_band": groups("age", by["age"]),
        "by_ethnicity": groups("ethnicity", by["ethnicity"]),
    }


def number(shown: str) -> int | str:
    """A shown count back as a number ("1,234" → 1234); words such as "fewer than 5" as they are."""
    digits = shown.replace(",", "")
    return int(digits) if digits.isdigit() else shown


@dataclass(frozen=True)
class Line:
    """One figure as shown: its key, label, the text shown and where to read its definition."""

    key: str
    label: str
    shown: str
    value: float | int | None
    note: str = ""


@dataclass(frozen=True)
class Seen:
    """The report as one user sees it: the groups of each breakdown and the counts hidden.

    For viewers (hide_small) the policy in thrive.core.small_numbers covers every count,
    and answers in people's own words are merged into "Another answer". For everyone,
    the breakdowns follow the policy, so a printed report never shows a count under 5.
    """

    report: OutcomeReport
    hide_small: bool
    breakdowns: list[tuple[str, str, list[GroupCount]]]
    hidden: Hidden

    def count(self, key: str, n: int) -> tuple[str, int | None]:
        if self.hide_small and key in self.hidden:
            return self.hidden.shown(key, n), None
        return f"{n:,}", n

    def cell(self, key: tuple, n: int) -> str:
        return self.hidden.shown(key, n)

    def percent(self, part: str, whole: str, values: tuple[int, int]) -> tuple[str, float | None]:
        if self.hide_small and (part in self.hidden or whole in self.hidden):
            return ("not shown (small numbers)", None)
        if not values[1]:
            return ("—", None)
        return (f"{100 * values[0] / values[1]:.0f}%", values[0] / values[1])

    def days(self, value: float | None, key: str) -> tuple[str, float | None]:
        if value is None:
            return ("—", None)
        if self.hide_small and key in self.hidden:
            return ("not shown (small numbers)", None)
        return (f"{value:g} days", value)

    def how_many(self, key: str, n: int, one: str, many: str) -> str:
        """ "fewer than 5 first meetings", "1 first meeting", "12 first meetings"."""
        if self.hide_small and key in self.hidden:
            return f"{HIDDEN} {many}"
        return f"{n:,} {one if n == 1 else many}"


def breakdowns(report: OutcomeReport, hide_small: bool) -> list[tuple[str, str, list[GroupCount]]]:
    """(key, title, groups) per breakdown; viewers see answers outside the categories merged."""
    gender, ethnicity = report.by_gender, report.by_ethnicity
    if hide_small:
        gender = in_categories(gender, GENDER_CATEGORIES)
        ethnicity = in_categories(ethnicity, ETHNICITY_CATEGORIES)
    return [
        ("gender", "By gender", gender),
        ("age", "By age band", report.by_age_band),
        ("ethnicity", "By ethnicity", ethnicity),
    ]


def as_seen(report: OutcomeReport, hide_small: bool) -> Seen:
    """The report with the counts to hide worked out once, over every sum a reader could check."""
    groups = breakdowns(report, hide_small)
    counts, sums, unpublished = _counts_and_sums(report, groups)
    return Seen(report, hide_small, groups, hidden_counts(counts, sums, unpublished=unpublished))


def _counts_and_sums(report: OutcomeReport, groups: list) -> tuple[dict, list[Sum], list]:
    """Every count on the report and how they add up, with the ones never shown (complements).

    A complement such as "people in a group without an outcome" is never shown but is the
    difference of two shown counts, so it is protected like any other.
    """
    f = report.figures
    supported_with = sum(g.with_outcome for g in groups[0][2])
    counts: dict = {
        "people_supported": f.people_supported,
        **{f"outcomes_{kind}": f.outcomes[kind] for kind in OUTCOME_KINDS},
        "total_outcomes": f.total_outcomes,
        "people_with_outcome": report.people_with_outcome,
        "people_in_paid_work": report.people_in_paid_work,
        "first_meetings": len(report.days_to_first_meeting),
        "ips_job_starts": report.ips_job_starts,
        "ips_people_starting": report.ips_people_starting,
        "out_of_work_at_joining": report.out_of_work_at_joining,
        "out_of_work_into_work": report.out_of_work_into_work,
        "first_jobs": len(report.days_to_first_job),
        "achievers_not_supported": report.people_with_outcome - supported_with,
        "supported_with": supported_with,
        "supported_without": f.people_supported - supported_with,
        "supported_not_in_paid_work": f.people_supported - report.people_in_paid_work,
        "out_of_work_not_into_work": report.out_of_work_at_joining - report.out_of_work_into_work,
    }
    unpublished = [
        "supported_with",
        "supported_without",
        "supported_not_in_paid_work",
        "out_of_work_not_into_work",
    ]
    sums = [
        Sum("total_outcomes", tuple(f"outcomes_{kind}" for kind in OUTCOME_KINDS)),
        Sum("people_supported", ("supported_with", "supported_without")),
        Sum("people_with_outcome", ("supported_with", "achievers_not_supported")),
        Sum("people_supported", ("people_in_paid_work", "supported_not_in_paid_work")),
        Sum("out_of_work_at_joining", ("out_of_work_into_work", "out_of_work_not_into_work")),
    ]
    for key, _title, rows in groups:
        for g in rows:
            people, achieved = (key, g.group, "people"), (key, g.group, "with")
            without = (key, g.group, "without")
            counts.update({people: g.people, achieved: g.with_outcome})
            counts[without] = g.people - g.with_outcome
            unpublished.append(without)
            sums.append(Sum(people, (achieved, without)))
        sums += [
            Sum("people_supported", tuple((key, g.group, "people") for g in rows)),
            Sum("supported_with", tuple((key, g.group, "with") for g in rows)),
            Sum("supported_without", tuple((key, g.group, "without") for g in rows)),
        ]
    return counts, sums, unpublished


def headline_lines(report: OutcomeReport | Seen, hide_small: bool = False) -> list[Line]:
    """The service's own figures, in the order the report shows them."""
    seen = report if isinstance(report, Seen) else as_seen(report, hide_small)
    report = seen.report
    f = report.figures
    low, high = employment_baseline()
    baseline = f"{100 * low:g}%" if low == high else f"{100 * low:g}–{100 * high:g}%"
    lines = [
        Line(
            "people_supported",
            "People supported",
            *seen.count("people_supported", f.people_supported),
        )
    ]
    for kind in OUTCOME_KINDS:
        key = f"outcomes_{kind}"
        lines.append(Line(key, f"{kind.title()} outcomes", *seen.count(key, f.outcomes[kind])))
    meetings = len(report.days_to_first_meeting)
    lines += [
        Line("total_outcomes", "All outcomes", *seen.count("total_outcomes", f.total_outcomes)),
        Line(
            "outcome_ratio",
            "Outcome ratio",
            *seen.percent(
                "total_outcomes", "people_supported", (f.total_outcomes, f.people_supported)
            ),
            "outcomes ÷ people supported",
        ),
        Line(
            "people_with_outcome",
            "People with at least one outcome",
            *seen.count("people_with_outcome", report.people_with_outcome),
        ),
        Line(
            "employment_rate",
            "Employment rate",
            *seen.percent(
                "people_in_paid_work",
                "people_supported",
                (report.people_in_paid_work, f.people_supported),
            ),
            f"baseline for people on CPA: {baseline}",
        ),
        Line(
            "median_days_to_first_meeting",
            "Median days from referral to first meeting",
            *seen.days(report.median_days_to_first_meeting, "first_meetings"),
            seen.how_many("first_meetings", meetings, "first meeting", "first meetings")
            + " in the period",
        ),
    ]
    return lines


def ips_lines(report: OutcomeReport | Seen, hide_small: bool = False) -> list[Line]:
    """IPS-comparable figures, beside the benchmark."""
    seen = report if isinstance(report, Seen) else as_seen(report, hide_small)
    report = seen.report
    return [
        Line(
            "ips_job_starts",
            "Job starts of 4 or more paid hours a week",
            *seen.count("ips_job_starts", report.ips_job_starts),
        ),
        Line(
            "ips_people_starting",
            "People starting such a job",
            *seen.count("ips_people_starting", report.ips_people_starting),
        ),
        Line(
            "out_of_work_at_joining",
            "People supported who were out of work when they joined",
            *seen.count("out_of_work_at_joining", report.out_of_work_at_joining),
        ),
        Line(
            "ips_employment_rate",
            "Of them, into work",
            *seen.percent(
                "out_of_work_into_work",
                "out_of_work_at_joining",
                (report.out_of_work_into_work, report.out_of_work_at_joining),
            ),
            f"IPS benchmark: {IPS_BENCHMARK:.0%}",
        ),
        Line(
            "median_days_to_first_job",
            "Median days from first meeting to first job",
            *seen.days(report.median_days_to_first_job, "first_jobs"),
        ),
    ]


def breakdown_rows(seen: Seen, key: str, rows: list[GroupCount]) -> list[tuple[str, str, str]]:
    """(group, people, with an outcome) as shown, for every role, by the one policy."""
    return [
        (
            g.group,
            seen.cell((key, g.group, "people"), g.people),
            seen.cell((key, g.group, "with"), g.with_outcome),
        )
        for g in rows
    ]


def shown_breakdowns(seen: Seen) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return [(key, title, breakdown_rows(seen, key, rows)) for key, title, rows in seen.breakdowns]


def table(
    report: OutcomeReport | Seen, hide_small: bool = False
) -> list[tuple[str, str, str, str]]:
    """Every line of the report as (section, measure, value, note), for CSV and XLSX."""
    seen = report if isinstance(report, Seen) else as_seen(report, hide_small)
    rows = [("Service", line.label, line.shown, line.note) for line in headline_lines(seen)]
    rows += [("IPS-comparable", line.label, line.shown, line.note) for line in ips_lines(seen)]
    for _key, title, groups in shown_breakdowns(seen):
        for group, people, achieved in groups:
            rows.append((title, f"{group}: people supported", people, ""))
            rows.append((title, f"{group}: with an outcome", achieved, ""))
    return rows
