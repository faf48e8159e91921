"""Turn the journeys' records of reported changes and job starts into a scenario for review.

The journeys app hands over plain records (thrive.journeys.economics_feed); this module
maps them to the model's ReportedChange and EmploymentStart and names every assumption.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thrive.economics.core.from_records import (
    WEEKS_PER_MONTH,
    EmploymentStart,
    ReportedChange,
    ServiceRecords,
    scenario_from_records,
)

PER_YEAR = {"week": 52.0, "month": 12.0, "year": 1.0, "": 1.0}
ASSUMED_HOURS = 16.0
MEDICATION_RISK = (
    "Stopping or reducing psychiatric medication can raise the risk of relapse and of going "
    "back into hospital; the saving on medicines here does not count that risk, and it "
    "should be a decision made with the prescriber. Leave medication changes out with one "
    "switch (--without-medication, or the page's option)."
)


@dataclass(frozen=True)
class Mapping:
    """How one kind of reported change is costed: the unit cost, a scale and default units."""

    unit_cost: str
    scale: float = 1.0
    default_before: float | None = None
    default_after: float | None = None
    note: str = ""
    counted_unit_cost: str | None = None


KINDS = {
    "admission": Mapping(
        "mental_health_admission",
        note="Each hospital admission is costed at an uncertain length of stay (see the "
        "admission unit cost); replace it with the local average if known.",
    ),
    "bed_days": Mapping("inpatient_bed_day", note="Days in hospital are acute adult bed-days."),
    "cmht_discharge": Mapping(
        "cmht_care_year",
        default_before=1.0,
        default_after=0.0,
        note="A discharge from a community mental health team with no numbers recorded is "
        "costed as a year of CMHT care before and none after (an uncertain number of contacts "
        "a year, see its unit cost); with numbers, they are CMHT contacts.",
        counted_unit_cost="cmht_contact",
    ),
    "crisis_contacts": Mapping(
        "crisis_contact", note="Crisis team contacts are crisis resolution contacts (NCC A02)."
    ),
    "home_treatment": Mapping(
        "crisis_contact",
        note="Home treatment contacts are costed as crisis resolution / home treatment "
        "contacts (the same national cost code).",
    ),
    "medication_stopped": Mapping(
        "antipsychotic_year",
        default_before=1.0,
        default_after=0.0,
        note="Psychiatric medication is priced as a year of olanzapine 10 mg daily; stopping "
        "saves a full year.",
    ),
    "medication_reduced": Mapping(
        "antipsychotic_year",
        default_before=1.0,
        default_after=0.5,
        note="Reducing psychiatric medication saves half a year of olanzapine 10 mg daily.",
    ),
    "medication_started": Mapping(
        "antipsychotic_year",
        default_before=0.0,
        default_after=1.0,
        note="Starting psychiatric medication costs a year of olanzapine 10 mg daily.",
    ),
}
NOT_COSTED = {
    "cpa_discharge": "Discharges from the Care Programme Approach are not costed separately: "
    "they usually come with a CMHT discharge, and costing both would count it twice.",
    "benefits_ended": "Benefits ending is not costed as a change in service use; the benefit "
    "saved is counted through job starts.",
}
MEDICATION = {"medication_stopped", "medication_reduced", "medication_started"}


@dataclass
class Adapted:
    """Records mapped to the model's types, plus the notes on how they were mapped."""

    changes: list[ReportedChange] = field(default_factory=list)
    starts: list[EmploymentStart] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def _change(record: Any, skipped: dict[str, int]) -> ReportedChange | None:
    kind = _get(record, "kind")
    mapping = KINDS.get(kind)
    if mapping is None:
        skipped[kind] = skipped.get(kind, 0) + 1
        return None
    before, after = _get(record, "before"), _get(record, "after")
    unit_cost = mapping.unit_cost
    if kind in MEDICATION or (before is None and after is None):
        before, after = mapping.default_before, mapping.default_after
    elif mapping.counted_unit_cost:
        unit_cost = mapping.counted_unit_cost
    if before is None or after is None:
        skipped[f"{kind} without numbers before and after"] = (
            skipped.get(f"{kind} without numbers before and after", 0) + 1
        )
        return None
    per_year = 1.0 if kind in MEDICATION else PER_YEAR.get(_get(record, "period") or "", 1.0)
    return ReportedChange(
        person_id=str(_get(record, "person_id")),
        kind=unit_cost,
        units_before=float(before) * per_year * mapping.scale,
        units_after=float(after) * per_year * mapping.scale,
        date=_get(record, "date"),
    )


def _start(record: Any) -> EmploymentStart:
    """A job start as recorded: pay before tax from the hourly rate, when it was recorded."""
    hours = _get(record, "hours_per_week")
    if hours is None or not 0 < float(hours) <= 100:
        hours = ASSUMED_HOURS
    pay = _get(record, "hourly_pay")
    return EmploymentStart(
        person_id=str(_get(record, "person_id")),
        hours=float(hours),
        monthly_net=None,
        monthly_gross=round(float(pay) * float(hours) * WEEKS_PER_MONTH, 2) if pay else None,
        off_benefits=_get(record, "off_benefits") is True,
        date=_get(record, "date"),
        lcwra=_get(record, "had_lcwra") is True,
        housing_element=float(_get(record, "housing_element") or 0.0),
    )


def adapt(records: Iterable[Any], *, include_medication: bool = True) -> Adapted:
    """Map feed records (service-use changes and job starts) to the model's record types."""
    out = Adapted()
    skipped: dict[str, int] = {}
    kinds_seen: set[str] = set()
    hours_missing = not_said = medication_left_out = 0
    for record in records:
        if _has(record, "hours_per_week"):
            hours = _get(record, "hours_per_week")
            hours_missing += hours is None or not 0 < float(hours) <= 100
            not_said += _get(record, "off_benefits") is None
            out.starts.append(_start(record))
            continue
        if _get(record, "kind") in MEDICATION and not include_medication:
            medication_left_out += 1
            continue
        change = _change(record, skipped)
        if change is not None:
            out.changes.append(change)
            kinds_seen.add(_get(record, "kind"))
    for kind in sorted(kinds_seen):
        out.notes.append({"about": "effects", "text": KINDS[kind].note})
    if kinds_seen & MEDICATION:
        out.notes.append({"about": "effects", "text": MEDICATION_RISK})
    if medication_left_out:
        out.notes.append(
            {
                "about": "effects",
                "text": f"{medication_left_out} record(s) of medication changes are left out, "
                "as asked: " + MEDICATION_RISK.split(";")[0] + ".",
            }
        )
    out.notes.append(
        {
            "about": "effects",
            "text": "Numbers recorded per week or per month are turned into yearly numbers "
            "(52 weeks, 12 months); numbers with no period are taken as yearly.",
        }
    )
    for kind, note in NOT_COSTED.items():
        if kind in skipped:
            out.notes.append({"about": "effects", "text": f"{skipped.pop(kind)} record(s): {note}"})
    for what, count in sorted(skipped.items()):
        out.notes.append(
            {"about": "effects", "text": f"{count} record(s) of {what} could not be costed."}
        )
    if not_said:
        out.notes.append(
            {
                "about": "employment.jobs",
                "text": f"{not_said} job start(s) do not say whether the job ended benefits; they "
                "are costed as still claiming, so no benefit saving is counted for them.",
            }
        )
    if hours_missing:
        out.notes.append(
            {
                "about": "employment.jobs",
                "text": f"{hours_missing} job start(s) had no weekly hours recorded; "
                f"{ASSUMED_HOURS:g} hours a week is assumed.",
            }
        )
    return out


def _has(record: Any, name: str) -> bool:
    return name in record if isinstance(record, dict) else hasattr(record, name)


def build_scenario(
    records: Iterable[Any],
    *,
    name: str,
    people: int,
    service_cost_total: float,
    cohort_note: str = "",
    include_medication: bool = True,
    horizon_start: date | None = None,
) -> dict[str, Any]:
    """A scenario dict from feed records, with the mapping notes among its assumptions."""
    adapted = adapt(records, include_medication=include_medication)
    people_in_records = {c.person_id for c in adapted.changes} | {
        s.person_id for s in adapted.starts
    }
    cohort = max(people, len(people_in_records), 1)
    scenario = scenario_from_records(
        ServiceRecords(
            name=name,
            people=cohort,
            service_cost_total=service_cost_total,
            changes=tuple(adapted.changes),
            employment_starts=tuple(adapted.starts),
            horizon_start=horizon_start,
        )
    )
    notes = [
        {"about": "scenario.people", "text": cohort_note or f"The cohort is {cohort} people."},
        *adapted.notes,
    ]
    if service_cost_total == 0:
        notes.append(
            {
                "about": "service_cost.total",
                "text": "No service cost was given, so it is 0 here: set [service_cost] to the "
                "cost of supporting this cohort before reading the ratio or net figures.",
            }
        )
    scenario["assumptions"] = [*notes, *scenario["assumptions"]]
    return scenario
