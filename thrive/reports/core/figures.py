"""The service's headline figures, computed from plain rows (no Django).

Definitions (docs/outcomes.md):
- people supported: people with a journey whose first meeting happened on or
  before the period's end and which had not ended before the period began;
- outcomes: vocational outcomes achieved within the period, by category;
- outcome ratio: outcomes ÷ people supported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OUTCOME_KINDS = ("employment", "education", "training", "volunteering")


@dataclass(frozen=True)
class JourneyRow:
    person_id: int
    first_met_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class OutcomeRow:
    person_id: int
    kind: str
    achieved_on: date


@dataclass(frozen=True)
class OutcomeFigures:
    period_start: date
    period_end: date
    people_supported: int
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def total_outcomes(self) -> int:
        return sum(self.outcomes.values())

    @property
    def outcome_ratio(self) -> float:
        """Outcomes per person supported; 0 when nobody was supported."""
        if not self.people_supported:
            return 0.0
        return self.total_outcomes / self.people_supported


def supported_in(journey: JourneyRow, start: date, end: date) -> bool:
    """Whether a journey counts as support given within the period."""
    met = journey.first_met_on is not None and journey.first_met_on <= end
    return met and (journey.ended_on is None or journey.ended_on >= start)


def outcome_figures(
    journeys: list[JourneyRow], outcomes: list[OutcomeRow], start: date, end: date
) -> OutcomeFigures:
    """People supported and outcomes by category for the period [start, end]."""
    people = {j.person_id for j in journeys if supported_in(j, start, end)}
    counts = dict.fromkeys(OUTCOME_KINDS, 0)
    for outcome in outcomes:
        if start <= outcome.achieved_on <= end and outcome.kind in counts:
            counts[outcome.kind] += 1
    return OutcomeFigures(start, end, len(people), counts)


# --- The outcome report (docs/outcomes.md defines every figure below) ---

IPS_MIN_HOURS = 4
IPS_BENCHMARK = 0.40
AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 200))
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class PersonRow:
    """What the breakdowns use about a person; blank when the person did not say."""

    person_id: int
    gender: str = ""
    birth_year: int | None = None
    ethnicity: str = ""


@dataclass(frozen=True)
class JourneyDetail:
    """One journey with what the time and IPS figures need."""

    person_id: int
    referred_on: date
    first_met_on: date | None
    ended_on: date | None
    work_at_joining: str = ""


@dataclass(frozen=True)
class JobRow:
    """An employment outcome with its paid hours a week (None when not recorded)."""

    person_id: int
    started_on: date
    hours_per_week: float | None
    off_benefits: bool | None = None


@dataclass(frozen=True)
class GroupCount:
    """One row of a breakdown: people supported and people with an outcome in a group."""

    group: str
    people: int
    with_outcome: int


@dataclass(frozen=True)
class OutcomeReport:
    figures: OutcomeFigures
    people_with_outcome: int
    people_in_paid_work: int
    days_to_first_meeting: list[int]
    ips_job_starts: int
    ips_people_starting: int
    out_of_work_at_joining: int
    out_of_work_into_work: int
    days_to_first_job: list[int]
    by_gender: list[GroupCount]
    by_age_band: list[GroupCount]
    by_ethnicity: list[GroupCount]

    @property
    def employment_rate(self) -> float:
        """People supported with an employment outcome in the period ÷ people supported."""
        return share(self.people_in_paid_work, self.figures.people_supported)

    @property
    def ips_employment_rate(self) -> float:
        """Of people out of work when they joined, the share with an IPS job start."""
        return share(self.out_of_work_into_work, self.out_of_work_at_joining)

    @property
    def median_days_to_first_meeting(self) -> float | None:
        return median(self.days_to_first_meeting)

    @property
    def median_days_to_first_job(self) -> float | None:
        return median(self.days_to_first_job)


def share(part: int, whole: int) -> float:
    """part ÷ whole, or 0 when whole is 0."""
    return part / whole if whole else 0.0


def median(values: list[int]) -> float | None:
    """The middle value (mean of the middle two for an even count); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def age_band(birth_year: int | None, on: date) -> str:
    """The age band for someone's age in years reached during on.year."""
    if birth_year is None:
        return NOT_RECORDED
    age = on.year - birth_year
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low} and over" if high >= 200 else f"{low}–{high}"
    return "Under 18" if age < 18 else NOT_RECORDED


def age_band_order(row: GroupCount) -> tuple[bool, int, str]:
    """Age bands youngest first, with "not recorded" last."""
    digits = "".join(ch for ch in row.group.split("–")[0] if ch.isdigit())
    youngest = -1 if row.group.startswith("Under") else int(digits or 0)
    return (row.group == NOT_RECORDED, youngest, row.group)


def breakdown(
    people: list[PersonRow], supported: set[int], achievers: set[int], key, order=None
) -> list[GroupCount]:
    """People supported and people with an outcome, per group, largest group first."""
    groups: dict[str, list[int]] = {}
    for person in people:
        if person.person_id in supported:
            groups.setdefault(key(person) or NOT_RECORDED, []).append(person.person_id)
    rows = [
        GroupCount(name, len(ids), sum(1 for i in ids if i in achievers))
        for name, ids in groups.items()
    ]
    return sorted(
        rows, key=order or (lambda row: (row.group == NOT_RECORDED, -row.people, row.group))
    )


ANOTHER_ANSWER = "Another answer"


def in_categories(rows: list[GroupCount], categories: tuple[str, ...]) -> list[GroupCount]:
    """The breakdown with every answer outside the categories merged into "Another answer".

    An answer matching a category except for case and spacing counts as that category;
    "Not recorded" stays as it is. Order: categories largest first, then another answer,
    then not recorded.
    """
    by_name = {" ".join(c.split()).casefold(): c for c in categories}
    merged: dict[str, list[int]] = {}
    for row in rows:
        name = row.group
        if name != NOT_RECORDED:
            name = by_name.get(" ".join(name.split()).casefold(), ANOTHER_ANSWER)
        totals = merged.setdefault(name, [0, 0])
        totals[0] += row.people
        totals[1] += row.with_outcome
    return sorted(
        (GroupCount(name, people, achieved) for name, (people, achieved) in merged.items()),
        key=lambda row: (
            (row.group == NOT_RECORDED, row.group == ANOTHER_ANSWER, -row.people, row.group)
        ),
    )


def outcome_report(
    journeys: list[JourneyDetail],
    outcomes: list[OutcomeRow],
    jobs: list[JobRow],
    people: list[PersonRow],
    start: date,
    end: date,
) -> OutcomeReport:
    """Every figure of the outcome report for the period [start, end]."""
    rows = [JourneyRow(j.person_id, j.first_met_on, j.ended_on) for j in journeys]
    supported_journeys = _supported_journeys(journeys, start, end)
    supported = {j.person_id for j in supported_journeys}
    in_period = [o for o in outcomes if start <= o.achieved_on <= end]
    achievers = {o.person_id for o in in_period}
    paid = {o.person_id for o in in_period if o.kind == "employment"} & supported
    ips_starts = _ips_job_starts(jobs, start, end)
    ips_people = {job.person_id for job in ips_starts}
    out_of_work = {j.person_id for j in supported_journeys if j.work_at_joining == "out_of_work"}
    return OutcomeReport(
        figures=outcome_figures(rows, outcomes, start, end),
        people_with_outcome=len(achievers),
        people_in_paid_work=len(paid),
        days_to_first_meeting=_days_to_first_meeting(journeys, start, end),
        ips_job_starts=len(ips_starts),
        ips_people_starting=len(ips_people),
        out_of_work_at_joining=len(out_of_work),
        out_of_work_into_work=len(out_of_work & ips_people),
        days_to_first_job=_days_to_first_job(journeys, ips_starts),
        by_gender=breakdown(people, supported, achievers, lambda p: p.gender),
        by_age_band=breakdown(
            people,
            supported,
            achievers,
            lambda p: age_band(p.birth_year, end),
            order=age_band_order,
        ),
        by_ethnicity=breakdown(people, supported, achievers, lambda p: p.ethnicity),
    )


def _supported_journeys(journeys: list[JourneyDetail], start: date, end: date) -> list:
    """The journeys in which the person was supported at some time in [start, end]."""
    return [
        j
        for j in journeys
        if supported_in(JourneyRow(j.person_id, j.first_met_on, j.ended_on), start, end)
    ]


def _days_to_first_meeting(journeys: list[JourneyDetail], start: date, end: date) -> list[int]:
    """Days from referral to first meeting, for each first meeting in [start, end]."""
    return [
        (j.first_met_on - j.referred_on).days
        for j in journeys
        if j.first_met_on is not None and start <= j.first_met_on <= end
    ]


def _ips_job_starts(jobs: list[JobRow], start: date, end: date) -> list[JobRow]:
    """Jobs started in [start, end] with at least IPS_MIN_HOURS a week."""
    return [
        job
        for job in jobs
        if start <= job.started_on <= end
        and job.hours_per_week is not None
        and job.hours_per_week >= IPS_MIN_HOURS
    ]


def _days_to_first_job(journeys: list[JourneyDetail], ips_starts: list[JobRow]) -> list[int]:
    """For each person starting a job, days from the last first meeting before it to the job.

    One pass over the jobs and one over the journeys: the report holds every journey held.
    """
    first_job: dict[int, date] = {}
    for job in ips_starts:
        first_job[job.person_id] = min(job.started_on, first_job.get(job.person_id, date.max))
    last_met: dict[int, date] = {}
    for j in journeys:
        job_on = first_job.get(j.person_id)
        if job_on and j.first_met_on and j.first_met_on <= job_on:
            last_met[j.person_id] = max(j.first_met_on, last_met.get(j.person_id, date.min))
    return [(first_job[person] - last_met[person]).days for person in sorted(last_met)]
