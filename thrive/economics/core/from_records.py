"""Build a scenario from plain records of what people reported about their service use and work."""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.scenario import UniversalCredit
from thrive.economics.core.unit_costs import default_unit_costs

DEFAULT_MONTHLY_DROP_OFF = {"dist": "beta", "mean": 0.03, "sd": 0.015}
NATIONAL_LIVING_WAGE = 12.21  # per hour, 21 and over, from April 2025 (GOV.UK)
LONDON_LIVING_WAGE = 14.80  # per hour, 2025/26 (Living Wage Foundation, voluntary)
WEEKS_PER_MONTH = 52.0 / 12.0
DEFAULT_ADJUSTMENTS = {
    "deadweight": {"dist": "beta", "mean": 0.3, "sd": 0.1},
    "attribution": {"dist": "beta", "mean": 0.3, "sd": 0.1},
    "displacement": 0.0,
    "reviewed": False,
}
COUNTERFACTUAL_WHY = (
    "Deadweight (what would have happened anyway) and attribution (the share others can "
    "claim) are suggested defaults of about 30% each (beta, sd 10%), evidence grade low: "
    "expert judgement, as the records have no comparison group. Why not 0: people often "
    "come to a service at a crisis peak, when their use of hospital and crisis care would "
    "have fallen anyway (regression to the mean); the changes are self-reported before and "
    "after, which tends to overstate them; other services and family helped too; and some "
    "would have found work without the service (in the EQOLISE trial, Burns et al., Lancet "
    "2007, about half as many people found work with ordinary vocational services as with "
    "IPS). Review them and set reviewed = true under [adjustments]."
)


@dataclass(frozen=True)
class ReportedChange:
    """A person's own account of units of `kind` used over years before and after joining."""

    person_id: str
    kind: str
    units_before: float
    units_after: float
    date: date | None = None
    years_before: float = 1.0
    years_after: float = 1.0


@dataclass(frozen=True)
class EmploymentStart:
    """One person starting paid work: weekly hours, pay (take-home or before tax; None when not
    recorded), whether it took them off benefits, and their Universal Credit before the job."""

    person_id: str
    hours: float
    monthly_net: float | None
    off_benefits: bool
    date: date | None = None
    monthly_gross: float | None = None
    lcwra: bool = False
    housing_element: float = 0.0


@dataclass(frozen=True)
class DerivedCost:
    """A unit cost built from a shipped one times an uncertain count (PERT low, mode, high)."""

    base: str
    low: float
    mode: float
    high: float
    unit: str
    source: str


DERIVED_COSTS = {
    "mental_health_admission": DerivedCost(
        "inpatient_bed_day",
        23.0,
        32.0,
        39.0,
        "admission",
        "Bed-days per admission (PERT, most likely 32, from 23 to 39): NHS Benchmarking "
        "Network mental health inpatient length of stay, mean 32 days in 2014 rising to 39 in "
        "2023, median 23 days in 2013/14; times the acute adult bed-day cost.",
    ),
    "cmht_care_year": DerivedCost(
        "cmht_contact",
        12.0,
        24.0,
        36.0,
        "year of CMHT care",
        "CMHT contacts a year (PERT, most likely 24, from 12 to 36): an assumption of about "
        "two contacts a month under care coordination, from monthly to three a month; no "
        "national figure per person is published in the unit-cost sources used here, so "
        "replace it with the trust's own Mental Health Services Data Set figures; times the "
        "CMHT care contact cost.",
    ),
    "step_down_care": DerivedCost(
        "care_coordinator_hour",
        3.0,
        6.0,
        12.0,
        "step-down period after discharge",
        "Step-down care after a discharge from hospital or a CMHT (PERT, most likely 6 hours, "
        "from 3 to 12): an assumption of about one hour-long contact a month with a "
        "primary-care mental-health practitioner for 3 to 12 months, as the NHS community "
        "mental health framework steps people down to primary care rather than to nothing; no "
        "national figure is published in the unit-cost sources used here, so replace it with "
        "the local step-down offer; times a Band 6 nurse's hour (the practitioner's usual "
        "band). It is a cost, so it reduces the saving.",
    ),
}
STEP_DOWN_FROM = frozenset(
    {
        "cmht_care_year",
        "cmht_contact",
        "mental_health_admission",
        "inpatient_bed_day",
        "older_adult_bed_day",
        "picu_bed_day",
        "rehabilitation_bed_day",
        "low_secure_bed_day",
    }
)


def derived_unit_cost(name: str) -> dict[str, Any]:
    """The [unit_costs] entry of a derived cost: an uncertain count times its base unit cost."""
    derived = DERIVED_COSTS[name]
    base = default_unit_costs()[derived.base]
    return {
        "dist": "pert",
        "low": round(derived.low * base.value, 2),
        "mode": round(derived.mode * base.value, 2),
        "high": round(derived.high * base.value, 2),
        "unit": derived.unit,
        "source": f"{derived.source} Base cost: {base.source}",
        "price_year": base.price_year,
        "payer": base.payer,
    }


@dataclass(frozen=True)
class ServiceRecords:
    """Everything the builder needs: the records plus the few figures records cannot give."""

    name: str
    people: int
    service_cost_total: float
    changes: tuple[ReportedChange, ...] = ()
    employment_starts: tuple[EmploymentStart, ...] = ()
    horizon_years: int = 1
    price_year: str = "2024/25"
    adjustments: Mapping[str, Any] = field(default_factory=dict)
    horizon_start: date | None = None
    step_down: bool = True


def scenario_from_records(records: ServiceRecords) -> dict[str, Any]:
    """A scenario dict (TOML-ready) whose [[assumptions]] name every assumption made."""
    _check(records)
    notes: list[dict[str, str]] = []

    def assume(text: str, about: str) -> None:
        notes.append({"about": about, "text": text})

    horizon = records.horizon_years
    assume(
        "All figures are what people reported about themselves; they were not checked against "
        "clinical or benefit records.",
        "scenario",
    )
    assume(
        "Each reported change is turned into a yearly rate (units divided by the years they "
        f"cover) and assumed to last unchanged for the whole horizon of {horizon} year(s).",
        "effects",
    )
    assume(
        f"The service cost for the cohort and horizon is {records.service_cost_total:,.2f}, "
        "as given by whoever built the scenario; it is not derived from the records.",
        "service_cost.total",
    )
    effects = _effects(records, assume)
    if records.step_down:
        effects += _step_down(records.changes, assume, len(effects) + 1)
    derived = sorted({e["resource"] for e in effects} & set(DERIVED_COSTS))
    scenario: dict[str, Any] = {
        "scenario": {
            "name": records.name,
            "currency": "GBP",
            "price_year": records.price_year,
            "horizon_years": horizon,
            "discount_rate": 0.035,
            "people": records.people,
        },
        "service_cost": {"total": float(records.service_cost_total)},
        "effects": effects,
    }
    if derived:
        scenario["unit_costs"] = {name: derived_unit_cost(name) for name in derived}
        for name in derived:
            assume(DERIVED_COSTS[name].source, f"unit_costs.{name}")
    if records.employment_starts:
        scenario["employment"] = _employment(records, assume)
    if records.adjustments:
        scenario["adjustments"] = dict(records.adjustments)
    else:
        scenario["adjustments"] = dict(DEFAULT_ADJUSTMENTS)
        assume(COUNTERFACTUAL_WHY, "adjustments")
    dates = sorted(
        d
        for d in [*(c.date for c in records.changes), *(e.date for e in records.employment_starts)]
        if d
    )
    if dates:
        assume(f"Reports are dated {dates[0].isoformat()} to {dates[-1].isoformat()}.", "scenario")
    assume(
        "Unit costs are the shipped England 2024/25 defaults (see provenance in the results).",
        "unit_costs",
    )
    scenario["assumptions"] = notes
    return scenario


def _check(records: ServiceRecords) -> None:
    known = {*default_unit_costs(), *DERIVED_COSTS}
    people = {c.person_id for c in records.changes} | {
        e.person_id for e in records.employment_starts
    }
    if records.people < max(1, len(people)):
        raise ScenarioError(
            "people",
            f"must be at least the {len(people)} people in the records (got {records.people})",
        )
    if not math.isfinite(records.service_cost_total) or records.service_cost_total < 0:
        raise ScenarioError("service_cost_total", "must be a number of 0 or more")
    for i, c in enumerate(records.changes, start=1):
        where = f"changes[{i}]"
        if c.kind not in known:
            raise ScenarioError(f"{where}.kind", f"no unit cost named {c.kind!r}")
        for name in ("units_before", "units_after"):
            if not getattr(c, name) >= 0:
                raise ScenarioError(
                    f"{where}.{name}", f"must be 0 or more (got {getattr(c, name)})"
                )
        for name in ("years_before", "years_after"):
            if not getattr(c, name) > 0:
                raise ScenarioError(f"{where}.{name}", f"must be positive (got {getattr(c, name)})")
    for i, e in enumerate(records.employment_starts, start=1):
        for name in ("monthly_net", "monthly_gross"):
            if getattr(e, name) is not None and not getattr(e, name) > 0:
                raise ScenarioError(f"employment_starts[{i}].{name}", "must be positive")
        if e.monthly_net is not None and e.monthly_gross is not None:
            raise ScenarioError(
                f"employment_starts[{i}].monthly_net", "give monthly_net or monthly_gross, not both"
            )
        if not e.housing_element >= 0:
            raise ScenarioError(f"employment_starts[{i}].housing_element", "must be 0 or more")
        if not 0 < e.hours <= 100:
            raise ScenarioError(
                f"employment_starts[{i}].hours", "must be weekly hours from 0 to 100"
            )


def small_sample_sd(values: Sequence[float]) -> float:
    """The standard error of the mean widened so a normal's 95% range matches the Student t
    interval with n - 1 degrees of freedom (a normal SE is too narrow for 2 or 3 reports)."""
    from scipy import stats

    n = len(values)
    se = statistics.stdev(values) / math.sqrt(n)
    return se * float(stats.t.ppf(0.975, n - 1)) / float(stats.norm.ppf(0.975))


def _spread(values: Sequence[float], horizon: int, *, positive: bool = False) -> Any:
    mean = statistics.fmean(values) * horizon
    if len(values) < 2 or statistics.stdev(values) == 0:
        return mean
    sd = small_sample_sd(values) * horizon
    if positive:
        return {"dist": "gamma", "mean": mean, "sd": sd}
    return {"dist": "normal", "mean": mean, "sd": sd}


def _effects(records: ServiceRecords, assume: Any) -> list[dict[str, Any]]:
    yearly: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in records.changes:
        yearly[c.kind][c.person_id] += (
            c.units_after / c.years_after - c.units_before / c.years_before
        )
    effects = []
    for index, (kind, per_person) in enumerate(sorted(yearly.items()), start=1):
        values = list(per_person.values())
        amount = _spread(values, records.horizon_years)
        effects.append({"resource": kind, "people": len(values), "per_person": amount})
        where = f"effects[{index}]"
        if isinstance(amount, dict):
            assume(
                f"{kind}: the change per person is the mean of {len(values)} reports; its "
                "uncertainty is a normal whose 95% range is the Student t interval for that "
                f"mean ({len(values) - 1} degrees of freedom), wider than a normal standard "
                "error for so few reports.",
                f"{where}.per_person",
            )
        else:
            assume(
                f"{kind}: {len(values)} report(s) with no spread, costed without uncertainty; "
                "consider giving a range.",
                f"{where}.per_person",
            )
        assume(
            f"{kind}: people who did not report this resource are assumed not to have changed "
            "their use of it.",
            f"{where}.people",
        )
    return effects


def _step_down(changes: Iterable[ReportedChange], assume: Any, index: int) -> list[dict[str, Any]]:
    """One step-down period for each person whose hospital or CMHT care fell."""
    people = {
        c.person_id
        for c in changes
        if c.kind in STEP_DOWN_FROM
        and c.units_after / c.years_after < c.units_before / c.years_before
    }
    if not people:
        return []
    assume(
        f"The {len(people)} people whose use of hospital or CMHT care fell are each assumed to "
        "have one step-down period of lower-intensity care in primary care after discharge "
        "(see the step-down unit cost); it is counted once, within the horizon, and reduces "
        "the saving.",
        f"effects[{index}]",
    )
    return [{"resource": "step_down_care", "people": len(people), "per_person": 1.0}]


def _job(start: EmploymentStart, horizon_start: date | None) -> dict[str, Any]:
    """One job start as an [[employment.jobs]] table: its own pay, hours, benefits and start."""
    job: dict[str, Any] = {"hours": float(start.hours)}
    if start.monthly_net is not None:
        job["monthly_net"] = float(start.monthly_net)
    elif start.monthly_gross is not None:
        job["monthly_gross"] = float(start.monthly_gross)
    else:
        month = start.hours * WEEKS_PER_MONTH
        job["monthly_gross"] = {
            "dist": "uniform",
            "low": round(NATIONAL_LIVING_WAGE * month, 2),
            "high": round(LONDON_LIVING_WAGE * month, 2),
        }
    job["off_benefits"] = bool(start.off_benefits)
    if start.date and horizon_start:
        months = (start.date.year - horizon_start.year) * 12 + start.date.month
        job["start_month"] = max(months - horizon_start.month, 0)
    if start.lcwra or start.housing_element:
        job["universal_credit"] = {
            "lcwra": bool(start.lcwra),
            "housing_element": float(start.housing_element),
        }
    return job


def _employment(records: ServiceRecords, assume: Any) -> dict[str, Any]:
    """Job starts person by person, each with a note of what was recorded and what assumed."""
    horizon_start = records.horizon_start or min(
        (
            d
            for d in [
                *(c.date for c in records.changes),
                *(e.date for e in records.employment_starts),
            ]
            if d
        ),
        default=None,
    )
    last = 12 * records.horizon_years
    jobs = [_job(e, horizon_start) for e in records.employment_starts]
    beyond = [j for j in jobs if j.get("start_month", 0) >= last]
    jobs = [j for j in jobs if j.get("start_month", 0) < last]
    off = sum(j["off_benefits"] for j in jobs)
    unpaid = sum(isinstance(j.get("monthly_gross"), dict) for j in jobs)
    uc = UniversalCredit()
    assume(
        f"Each of the {len(jobs)} job start(s) is costed on its own hours and pay. Benefit is "
        f"saved only for the {off} who said the job took them off benefits: their whole "
        f"Universal Credit award ends (the standard allowance of {uc.standard_allowance:,.2f} "
        "a month, plus the LCWRA and housing elements where recorded). Those still claiming "
        "save nothing here, although the 55% taper may have reduced their award: the "
        "conservative choice. Income tax and National Insurance are worked out per person.",
        "employment.jobs",
    )
    if unpaid:
        assume(
            f"{unpaid} job start(s) have no pay recorded: pay before tax is uncertain, uniform "
            f"between the National Living Wage (GBP {NATIONAL_LIVING_WAGE} an hour, 2025/26, "
            f"GOV.UK) and the London Living Wage (GBP {LONDON_LIVING_WAGE} an hour, 2025/26, "
            "Living Wage Foundation), for the hours recorded.",
            "employment.jobs",
        )
    if horizon_start:
        assume(
            f"Each job counts from the month it started, counted from {horizon_start.isoformat()}, "
            "to the end of the horizon; months after the horizon are not counted.",
            "employment.jobs",
        )
    if beyond:
        assume(
            f"{len(beyond)} job start(s) fall after the horizon and are left out.",
            "employment.jobs",
        )
    assume(
        "About 3% of people in work leave it each month (beta, sd 1.5%): an assumption, "
        "not taken from the records; replace it with the service's own job tenure.",
        "employment.monthly_drop_off",
    )
    return {
        "monthly_drop_off": dict(DEFAULT_MONTHLY_DROP_OFF),
        "benefit": "universal_credit",
        "jobs": jobs,
    }


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _table_lines(header: str, table: Mapping[str, Any]) -> list[str]:
    lines = [header]
    nested = []
    for key, v in table.items():
        if (isinstance(v, Mapping) and "dist" not in v) or (
            isinstance(v, list) and v and all(isinstance(x, Mapping) for x in v)
        ):
            nested.append((key, v))
        else:
            lines.append(f"{key} = {_value(v)}")
    name = header.strip("[]")
    for key, v in nested:
        if isinstance(v, list):
            for item in v:
                lines += ["", *_table_lines(f"[[{name}.{key}]]", item)]
        else:
            lines += ["", *_table_lines(f"[{name}.{key}]", v)]
    return lines


def scenario_toml(records_or_scenario: ServiceRecords | Mapping[str, Any]) -> str:
    """Scenario TOML text, with every assumption also written as a comment at the top."""
    scenario = (
        scenario_from_records(records_or_scenario)
        if isinstance(records_or_scenario, ServiceRecords)
        else records_or_scenario
    )
    lines = [
        "# Scenario built from the service's records of what people reported.",
        "# Assumptions:",
    ]
    for n, note in enumerate(scenario.get("assumptions", []), start=1):
        lines.append(f"#  {n}. [{note.get('about', '')}] {note['text']}")
    for key, value in scenario.items():
        if isinstance(value, list):
            for item in value:
                lines += ["", *_table_lines(f"[[{key}]]", item)]
        else:
            lines += ["", *_table_lines(f"[{key}]", value)]
    return "\n".join(lines) + "\n"


def _date(value: Any, key: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ScenarioError(key, f"must be a date like 2015-03-31 (got {value!r})") from None


def _build(cls: type, item: Any, key: str, fields: Iterable[str]) -> Any:
    if not isinstance(item, Mapping):
        raise ScenarioError(key, "must be an object")
    allowed = set(fields)
    for name in item:
        if name not in allowed:
            raise ScenarioError(
                f"{key}.{name}", "unknown key; allowed: " + ", ".join(sorted(allowed))
            )
    values = dict(item)
    values["date"] = _date(values.get("date"), f"{key}.date")
    if cls is EmploymentStart:
        values.setdefault("monthly_net", None)
    try:
        return cls(**values)
    except TypeError as exc:
        raise ScenarioError(key, f"missing or invalid field ({exc})") from None


def records_from_json(payload: Any) -> ServiceRecords:
    """ServiceRecords from the JSON accepted by `thrive economics from-service --records`."""
    if not isinstance(payload, Mapping):
        raise ScenarioError("records", "must be a JSON object")
    allowed = {
        "name",
        "people",
        "service_cost_total",
        "changes",
        "employment_starts",
        "horizon_years",
        "price_year",
        "adjustments",
        "horizon_start",
        "step_down",
    }
    for name in payload:
        if name not in allowed:
            raise ScenarioError(name, "unknown key; allowed: " + ", ".join(sorted(allowed)))
    for name in ("name", "people", "service_cost_total"):
        if name not in payload:
            raise ScenarioError(name, "missing")
    change_fields = ReportedChange.__dataclass_fields__
    start_fields = EmploymentStart.__dataclass_fields__
    changes = tuple(
        _build(ReportedChange, c, f"changes[{i}]", change_fields)
        for i, c in enumerate(payload.get("changes", []), start=1)
    )
    starts = tuple(
        _build(EmploymentStart, e, f"employment_starts[{i}]", start_fields)
        for i, e in enumerate(payload.get("employment_starts", []), start=1)
    )
    for i, c in enumerate(changes, start=1):
        for name in ("units_before", "units_after", "years_before", "years_after"):
            if isinstance(getattr(c, name), bool) or not isinstance(getattr(c, name), int | float):
                raise ScenarioError(f"changes[{i}].{name}", "must be a number")
    for i, e in enumerate(starts, start=1):
        for name in ("hours", "monthly_net", "monthly_gross", "housing_element"):
            value = getattr(e, name)
            if name != "hours" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ScenarioError(f"employment_starts[{i}].{name}", "must be a number")
        if not isinstance(e.lcwra, bool) or not isinstance(e.off_benefits, bool):
            raise ScenarioError(
                f"employment_starts[{i}]", "lcwra and off_benefits are true or false"
            )
    people = payload["people"]
    if isinstance(people, bool) or not isinstance(people, int):
        raise ScenarioError("people", "must be a whole number")
    cost = payload["service_cost_total"]
    if isinstance(cost, bool) or not isinstance(cost, int | float):
        raise ScenarioError("service_cost_total", "must be a number")
    if not isinstance(payload.get("step_down", True), bool):
        raise ScenarioError("step_down", "must be true or false")
    return ServiceRecords(
        name=str(payload["name"]),
        people=people,
        service_cost_total=float(cost),
        changes=changes,
        employment_starts=starts,
        horizon_years=int(payload.get("horizon_years", 1)),
        price_year=str(payload.get("price_year", "2024/25")),
        adjustments=payload.get("adjustments", {}),
        horizon_start=_date(payload.get("horizon_start"), "horizon_start"),
        step_down=payload.get("step_down", True),
    )
