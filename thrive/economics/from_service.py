"""A scenario built from the service's own records, through the plain feed journeys owns.

People who may only see aggregates (no Capability.SEE_NAMES) get a scenario only when at
least 5 people have records in the period, and then only figures about 5 or more people:
a change reported by fewer is left out, as are the job starts when fewer than 5 started
work, small counts in the notes become "fewer than 5" and report dates are not given.
The command line (`thrive economics from-service`) is for administrators and keeps the
detail (docs/economics.md).
"""

from __future__ import annotations

import re
from datetime import date

from thrive.core.small_numbers import SMALL_COUNT
from thrive.economics.core.from_records import scenario_toml
from thrive.economics.core.service_records import KINDS, adapt, build_scenario
from thrive.journeys.economics_feed import cohort_size, service_use_records

TOO_FEW_PEOPLE = (
    "Fewer than 5 people have records in this period, so a scenario built from them could "
    "identify someone. Choose a longer period."
)


class TooFewPeople(ValueError):
    """Fewer than 5 people have records in the period: a scenario would describe them."""

    def __init__(self) -> None:
        super().__init__(TOO_FEW_PEOPLE)


def scenario_text_for_period(
    start: date,
    end: date,
    *,
    service_cost_total: float = 0.0,
    people: int | None = None,
    name: str = "",
    aggregates_only: bool = False,
    include_medication: bool = True,
) -> str:
    """TOML for review, built from the journeys' records of the period (needs Django set up).

    With aggregates_only, raises TooFewPeople when fewer than 5 people have records, and
    leaves out every figure about fewer than 5 people.
    """
    period = f"{start.isoformat()} to {end.isoformat()}"
    records = service_use_records(start, end)
    left_out: list[str] = []
    if aggregates_only:
        if len({r.person_id for r in records}) < SMALL_COUNT:
            raise TooFewPeople
        records, left_out = _about_5_or_more(records)
    if people is None:
        people = cohort_size(start, end)
        note = (
            f"The cohort is the {people} people with a journey open at some time from {period}; "
            "the changes are those reported in that period."
        )
    else:
        note = f"The cohort of {people} people was given by whoever built the scenario."
    scenario = build_scenario(
        records,
        name=name or f"Service records {period}",
        people=people,
        service_cost_total=service_cost_total,
        cohort_note=note,
        include_medication=include_medication,
        horizon_start=start,
    )
    if aggregates_only:
        left_out += _jobs_without_detail(scenario)
        scenario["assumptions"] = [
            *(_aggregate(n, period) for n in scenario["assumptions"]),
            *({"about": "effects", "text": text} for text in left_out),
        ]
    return scenario_toml(scenario)


def _jobs_without_detail(scenario: dict) -> list[str]:
    """Job starts someone could recognise no more: one shared start month, no benefit elements,
    in no particular order; all left out when fewer than 5 did, or did not, leave benefits."""
    employment = scenario.get("employment")
    if not employment:
        return []
    jobs = employment["jobs"]
    off = sum(job["off_benefits"] for job in jobs)
    if 0 < off < SMALL_COUNT or 0 < len(jobs) - off < SMALL_COUNT:
        del scenario["employment"]
        return [
            "Fewer than 5 people in the period left benefits, or stayed on them, when they "
            "started work, so job starts are left out: they could identify them."
        ]
    months = sorted(job.get("start_month", 0) for job in jobs)
    for job in jobs:
        job.pop("universal_credit", None)
        job["start_month"] = months[len(months) // 2]
    jobs.sort(key=lambda job: (job["off_benefits"], job["hours"], str(job.get("monthly_gross"))))
    return [
        "Each job counts from the middle start month of all job starts, and no LCWRA or "
        "housing elements are shown, so that no one's job can be recognised."
    ]


def _about_5_or_more(records: list) -> tuple[list, list[str]]:
    """The records of resources reported by 5 or more people (and job starts if 5 or more
    people started work), with a note for each left out."""
    adapted = adapt(records)
    people_by_resource: dict[str, set] = {}
    for change in adapted.changes:
        people_by_resource.setdefault(change.kind, set()).add(change.person_id)
    few = {kind for kind, ids in people_by_resource.items() if len(ids) < SMALL_COUNT}
    few_jobs = 0 < len({s.person_id for s in adapted.starts}) < SMALL_COUNT
    kept = []
    for record in records:
        if hasattr(record, "hours_per_week"):
            if not few_jobs:
                kept.append(record)
        elif KINDS.get(record.kind) is None or KINDS[record.kind].unit_cost not in few:
            kept.append(record)
    notes = [
        f"Changes costed as {kind.replace('_', ' ')} were reported by fewer than 5 people, so "
        "they are left out: figures about so few people could identify them."
        for kind in sorted(few)
    ]
    if few_jobs:
        notes.append(
            "Fewer than 5 people started work in the period, so job starts are left out: "
            "their hours and pay could identify them."
        )
    return kept, notes


SMALL_COUNT_AT_START = re.compile(r"^([1-4]) (record\(s\)|job start\(s\))")
CAME_OFF = re.compile(r"only for the (\d+) who said")


def _aggregate(note: dict[str, str], period: str) -> dict[str, str]:
    """The note with any count under 5 as "Fewer than 5" and no dates of single reports."""
    text = note["text"]
    if text.startswith("Reports are dated "):
        text = f"Reports fall within the period {period}."
    text = SMALL_COUNT_AT_START.sub(r"Fewer than 5 \2", text)
    return {**note, "text": CAME_OFF.sub("only for those who said", text)}
