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
    """One person starting paid work: weekly hours, monthly take-home pay, whether off benefits."""

    person_id: str
    hours: float
    monthly_net: float
    off_benefits: bool
    date: date | None = None


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
    if records.employment_starts:
        scenario["employment"] = _employment(records, assume)
    if records.adjustments:
        scenario["adjustments"] = dict(records.adjustments)
    else:
        scenario["adjustments"] = {"deadweight": 0.0, "attribution": 0.0, "displacement": 0.0}
        assume(
            "No deadweight, attribution or displacement is applied, so every reported change is "
            "credited to the service. That is almost certainly too generous: set [adjustments].",
            "adjustments",
        )
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
    known = default_unit_costs()
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
        if not e.monthly_net > 0:
            raise ScenarioError(f"employment_starts[{i}].monthly_net", "must be positive")
        if not 0 < e.hours <= 100:
            raise ScenarioError(
                f"employment_starts[{i}].hours", "must be weekly hours from 0 to 100"
            )


def _spread(values: Sequence[float], horizon: int, *, positive: bool = False) -> Any:
    mean = statistics.fmean(values) * horizon
    if len(values) < 2 or statistics.stdev(values) == 0:
        return mean
    se = statistics.stdev(values) / math.sqrt(len(values)) * horizon
    if positive:
        return {"dist": "gamma", "mean": mean, "sd": se}
    return {"dist": "normal", "mean": mean, "sd": se}


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
                "uncertainty is the standard error of that mean (normal distribution).",
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


def _employment(records: ServiceRecords, assume: Any) -> dict[str, Any]:
    starts = records.employment_starts
    pay = _spread([e.monthly_net for e in starts], 1, positive=True)
    mean_pay = statistics.fmean(e.monthly_net for e in starts)
    uc = UniversalCredit()
    left_by_calc = uc.maximum_award - uc.taper * max(mean_pay - uc.work_allowance, 0.0) <= 0
    off = sum(e.off_benefits for e in starts)
    assume(
        "Everyone starting work was on Universal Credit at the single 25+ standard allowance "
        "(2025/26), with no LCWRA, housing or child elements; the benefit saved is computed "
        "with the 55% taper.",
        "employment.universal_credit",
    )
    assume(
        f"{off} of {len(starts)} said they came off benefits; at the mean take-home pay of "
        f"{mean_pay:,.2f} a month the calculation "
        + (
            "also takes them off Universal Credit."
            if left_by_calc
            else "leaves some Universal Credit."
        ),
        "employment.monthly_net",
    )
    assume(
        "Everyone starts work at the beginning of the horizon and about 3% leave work each "
        "month (beta, sd 1.5%), a figure not taken from the records.",
        "employment.monthly_drop_off",
    )
    return {
        "people": len(starts),
        "monthly_net": pay,
        "hours": round(statistics.fmean(e.hours for e in starts), 2),
        "monthly_drop_off": dict(DEFAULT_MONTHLY_DROP_OFF),
        "benefit": "universal_credit",
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
        if isinstance(v, Mapping) and "dist" not in v:
            nested.append((key, v))
        else:
            lines.append(f"{key} = {_value(v)}")
    name = header.strip("[]")
    for key, v in nested:
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
        for name in ("hours", "monthly_net"):
            if isinstance(getattr(e, name), bool) or not isinstance(getattr(e, name), int | float):
                raise ScenarioError(f"employment_starts[{i}].{name}", "must be a number")
    people = payload["people"]
    if isinstance(people, bool) or not isinstance(people, int):
        raise ScenarioError("people", "must be a whole number")
    cost = payload["service_cost_total"]
    if isinstance(cost, bool) or not isinstance(cost, int | float):
        raise ScenarioError("service_cost_total", "must be a number")
    return ServiceRecords(
        name=str(payload["name"]),
        people=people,
        service_cost_total=float(cost),
        changes=changes,
        employment_starts=starts,
        horizon_years=int(payload.get("horizon_years", 1)),
        price_year=str(payload.get("price_year", "2024/25")),
        adjustments=payload.get("adjustments", {}),
    )
