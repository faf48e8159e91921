"""Reading and checking a scenario file into a frozen Scenario the model can evaluate."""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from thrive.economics.core.distributions import Distribution, fixed, parse_distribution
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.perspectives import PAYERS
from thrive.economics.core.unit_costs import default_currency, default_unit_costs

BENEFITS = ("universal_credit", "flat", "none")
DEFAULT_ITERATIONS = 10_000
DEFAULT_SEED = 20150101
SHORT_NAMES = {"demo": "seven_participants"}

_TOP_KEYS = (
    "scenario",
    "service_cost",
    "unit_costs",
    "effects",
    "employment",
    "adjustments",
    "psa",
    "assumptions",
)


@dataclass(frozen=True)
class Parameter:
    """One input of the model; uncertain when its distribution is not fixed."""

    key: str
    dist: Distribution

    @property
    def base(self) -> float:
        """The value used in the deterministic case (the distribution's mean)."""
        return self.dist.mean()

    @property
    def uncertain(self) -> bool:
        """Whether the probabilistic analysis draws this input."""
        return not self.dist.is_fixed


@dataclass(frozen=True)
class UnitCost:
    """A unit cost the scenario uses, with its parameter key and provenance."""

    name: str
    key: str
    unit: str
    source: str
    price_year: str
    payer: str


@dataclass(frozen=True)
class Effect:
    """A change in use of one resource per person over the horizon (negative = less used)."""

    resource: str
    per_person: str
    people: float
    payer: str
    counterfactual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class StaffLine:
    """One staff role costed into the service."""

    role: str
    fte: float
    annual_cost: float


@dataclass(frozen=True)
class ServiceCost:
    """The service's cost: a total for cohort and horizon, or yearly staff lines plus overheads."""

    total: str | None
    staff: tuple[StaffLine, ...] = ()
    overheads: float = 0.0

    @property
    def annual_staff_cost(self) -> float:
        """Yearly staff cost including overheads."""
        return sum(s.fte * s.annual_cost for s in self.staff) * (1.0 + self.overheads)


@dataclass(frozen=True)
class UniversalCredit:
    """Universal Credit rules (monthly amounts); defaults are the 2025/26 rates."""

    standard_allowance: float = 400.14
    lcwra: bool = False
    lcwra_element: float = 423.27
    housing_element: float = 0.0
    other_elements: float = 0.0
    has_children: bool = False
    work_allowance_higher: float = 684.0
    work_allowance_lower: float = 411.0
    taper: float = 0.55

    @property
    def maximum_award(self) -> float:
        """Monthly award with no earnings."""
        extra = self.lcwra_element if self.lcwra else 0.0
        return self.standard_allowance + extra + self.housing_element + self.other_elements

    @property
    def work_allowance(self) -> float:
        """Monthly earnings kept before the taper starts (only with LCWRA or children)."""
        if not (self.lcwra or self.has_children):
            return 0.0
        return self.work_allowance_lower if self.housing_element > 0 else self.work_allowance_higher


@dataclass(frozen=True)
class TaxRules:
    """Income tax and employee National Insurance (annual amounts); defaults are 2025/26."""

    personal_allowance: float = 12_570.0
    basic_rate: float = 0.20
    basic_rate_limit: float = 50_270.0
    higher_rate: float = 0.40
    additional_rate_threshold: float = 125_140.0
    additional_rate: float = 0.45
    ni_primary_threshold: float = 12_570.0
    ni_upper_earnings_limit: float = 50_270.0
    ni_main_rate: float = 0.08
    ni_upper_rate: float = 0.02


@dataclass(frozen=True)
class Job:
    """One person's job start, costed on its own: pay, hours, benefits left, when it began."""

    earnings: str
    earnings_basis: str
    hours: float
    off_benefits: bool
    start_month: int
    universal_credit: UniversalCredit
    note: str = ""


@dataclass(frozen=True)
class Employment:
    """People moving into paid work: earnings, how long they stay, the benefit they leave.

    Either a group (people, earnings) or `jobs`, one per person; a job not off benefits saves
    no benefit (any taper of an award still paid is not counted: the conservative choice).
    """

    people: str | None
    earnings: str | None
    earnings_basis: str
    hours: float
    monthly_drop_off: str
    benefit: str
    weekly_amount: str | None
    counterfactual_people: str | None
    universal_credit: UniversalCredit
    tax: TaxRules
    jobs: tuple[Job, ...] = ()


@dataclass(frozen=True)
class Adjustments:
    """Parameter keys of the SROI-style adjustments (fractions)."""

    deadweight: str = "adjustments.deadweight"
    attribution: str = "adjustments.attribution"
    displacement: str = "adjustments.displacement"
    drop_off: str = "adjustments.drop_off"
    reviewed: bool = True


@dataclass(frozen=True)
class Assumption:
    """A stated assumption, optionally tied to the key it concerns."""

    text: str
    about: str = ""


@dataclass(frozen=True)
class Scenario:
    """A checked scenario: structure plus every numeric input as a named Parameter."""

    name: str
    currency: str
    price_year: str
    horizon_years: int
    discount_rate: float
    people: int
    service_cost: ServiceCost
    unit_costs: Mapping[str, UnitCost]
    effects: tuple[Effect, ...]
    employment: Employment | None
    adjustments: Adjustments
    parameters: Mapping[str, Parameter]
    iterations: int
    seed: int
    assumptions: tuple[Assumption, ...] = ()
    sha256: str = ""
    source: str = ""
    data: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def counterfactual_warning(self) -> str:
        """A sentence for a warning banner while the counterfactual is unset or unreviewed."""
        if not self.adjustments.reviewed:
            return (
                "The counterfactual uses suggested defaults nobody has reviewed yet: check "
                "deadweight and attribution, then mark them reviewed."
            )
        explicit = any(e.counterfactual for e in self.effects) or bool(
            self.employment and self.employment.counterfactual_people
        )
        unset = all(
            self.parameters[key].dist.is_fixed and self.parameters[key].base == 0.0
            for key in (self.adjustments.deadweight, self.adjustments.attribution)
        )
        if unset and not explicit:
            return (
                "No counterfactual is set: every change is credited to the service, as if "
                "nothing would have changed without it. Set deadweight and attribution."
            )
        return ""

    @property
    def uncertain(self) -> list[Parameter]:
        """Inputs drawn in the probabilistic analysis, in file order."""
        return [p for p in self.parameters.values() if p.uncertain]

    def base_values(self) -> dict[str, float]:
        """Every input at its deterministic value."""
        return {key: p.base for key, p in self.parameters.items()}


def scenario_sha256(data: Mapping[str, Any]) -> str:
    """sha256 of the scenario's canonical JSON form (sorted keys, no whitespace)."""
    canonical = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def shipped_scenarios() -> dict[str, Path]:
    """Example scenarios shipped with the package, by short name."""
    folder = resources.files("thrive.economics.core").joinpath("scenarios")
    found = {Path(str(f)).stem: Path(str(f)) for f in folder.iterdir() if str(f).endswith(".toml")}
    for short, stem in SHORT_NAMES.items():
        if stem in found:
            found[short] = found[stem]
    return found


def resolve_scenario_path(name_or_path: str) -> Path:
    """A path to a scenario file, from a path or a shipped short name such as `demo`."""
    path = Path(name_or_path)
    if path.exists():
        return path
    shipped = shipped_scenarios()
    if name_or_path in shipped:
        return shipped[name_or_path]
    names = ", ".join(sorted(shipped))
    raise ScenarioError(
        "scenario", f"no file {name_or_path!r} and no shipped scenario of that name ({names})"
    )


MAX_TOML_DEPTH = 32


def toml_data(text: str, what: str = "the scenario") -> dict[str, Any]:
    """TOML text as a dict; bad syntax or nesting deeper than any scenario needs is refused.

    tomllib recurses once per level of nesting, so a hostile `[[[[…` would otherwise raise
    RecursionError (a 500 on a page, a traceback on the command line).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError("toml", f"{what} is not valid TOML: {exc}") from None
    except RecursionError:
        data = None
    if data is None or _depth(data) > MAX_TOML_DEPTH:
        raise ScenarioError(
            "toml", f"{what} has lists or tables nested more than {MAX_TOML_DEPTH} levels deep"
        )
    return data


def _depth(value: Any) -> int:
    """How deeply lists and tables nest inside value, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_TOML_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def load_scenario(name_or_path: str) -> Scenario:
    """Read, parse and check a scenario file (or a shipped scenario by short name)."""
    path = resolve_scenario_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError("scenario", f"cannot read {path}: {exc}") from None
    return parse_scenario(toml_data(text, path.name), source=str(path))


def parse_scenario(data: Mapping[str, Any], source: str = "") -> Scenario:
    """Check a scenario already read from TOML and turn it into a Scenario."""
    _refuse_unknown(data, "", _TOP_KEYS)
    params: dict[str, Parameter] = {}
    head = _table(data, "scenario", required=True)
    _refuse_unknown(
        head,
        "scenario",
        ("name", "currency", "price_year", "horizon_years", "discount_rate", "people"),
    )
    name = _string(head, "scenario.name", required=True)
    currency = _string(head, "scenario.currency", default="GBP")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ScenarioError(
            "scenario.currency",
            f"must be a three-letter ISO 4217 code such as GBP (got {currency!r})",
        )
    price_year = head.get("price_year", "")
    if isinstance(price_year, bool) or not isinstance(price_year, str | int):
        raise ScenarioError("scenario.price_year", f"must be text or a year (got {price_year!r})")
    horizon = _integer(head, "scenario.horizon_years", default=1, minimum=1, maximum=100)
    rate = _number(head, "scenario.discount_rate", default=0.035)
    if not 0.0 <= rate < 1.0:
        raise ScenarioError("scenario.discount_rate", f"must be from 0 up to 1 (got {rate:g})")
    people = _integer(head, "scenario.people", required=True, minimum=1)

    service_cost = _service_cost(data, params)
    unit_costs = _unit_costs(data, currency)
    effects = _effects(data, params, unit_costs, people, currency)
    checked_costs = {
        name: _unit_cost_parameter(data, name, f"unit_costs.{name}") for name in unit_costs
    }
    used_costs = {e.resource: unit_costs[e.resource] for e in effects}
    for resource, cost in used_costs.items():
        params[cost.key] = checked_costs[resource]
    employment = _employment(data, params, people, horizon)
    adjustments = _adjustments(data, params)
    _refuse_deadweight_with_counterfactual(params, effects, employment)
    iterations, seed = _psa(data)
    assumptions = _assumptions(data)
    return Scenario(
        name=name,
        currency=currency,
        price_year=str(price_year),
        horizon_years=horizon,
        discount_rate=rate,
        people=people,
        service_cost=service_cost,
        unit_costs=used_costs,
        effects=effects,
        employment=employment,
        adjustments=adjustments,
        parameters=params,
        iterations=iterations,
        seed=seed,
        assumptions=assumptions,
        sha256=scenario_sha256(data),
        source=source,
        data=data,
    )


def _refuse_unknown(table: Mapping[str, Any], where: str, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            path = f"{where}.{key}" if where else key
            raise ScenarioError(path, "unknown key; allowed here: " + ", ".join(allowed))


def _table(data: Mapping[str, Any], key: str, *, required: bool = False, path: str = "") -> dict:
    path = path or key
    if key not in data:
        if required:
            raise ScenarioError(path, "missing section")
        return {}
    value = data[key]
    if not isinstance(value, Mapping):
        raise ScenarioError(path, f"must be a table (got {value!r})")
    return dict(value)


def _string(
    table: Mapping[str, Any], path: str, *, required: bool = False, default: str = ""
) -> str:
    key = path.rsplit(".", 1)[-1]
    if key not in table:
        if required:
            raise ScenarioError(path, "missing")
        return default
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(path, f"must be non-empty text (got {value!r})")
    return value


def _number(table: Mapping[str, Any], path: str, *, default: float | None = None) -> float:
    key = path.rsplit(".", 1)[-1]
    if key not in table:
        if default is None:
            raise ScenarioError(path, "missing")
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioError(path, f"must be a number (got {value!r})")
    return float(value)


def _integer(
    table: Mapping[str, Any],
    path: str,
    *,
    required: bool = False,
    default: int = 0,
    minimum: int = 0,
    maximum: int | None = None,
) -> int:
    key = path.rsplit(".", 1)[-1]
    if key not in table:
        if required:
            raise ScenarioError(path, "missing")
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioError(path, f"must be a whole number (got {value!r})")
    if value < minimum:
        raise ScenarioError(path, f"must be at least {minimum} (got {value})")
    if maximum is not None and value > maximum:
        raise ScenarioError(path, f"must be at most {maximum} (got {value})")
    return value


def _flag(table: Mapping[str, Any], path: str, default: bool = False) -> bool:
    key = path.rsplit(".", 1)[-1]
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ScenarioError(path, f"must be true or false (got {value!r})")
    return value


def _quantity(
    table: Mapping[str, Any],
    path: str,
    params: dict[str, Parameter],
    *,
    default: float | None = None,
    lower: float | None = None,
    upper: float | None = None,
) -> str:
    """Register a number-or-distribution input under `path` and return its key."""
    key = path.rsplit(".", 1)[-1]
    if key in table:
        dist = parse_distribution(table[key], path)
    elif default is not None:
        dist = fixed(default)
    else:
        raise ScenarioError(path, "missing")
    _check_range(dist, path, lower, upper)
    params[path] = Parameter(path, dist)
    return path


def _check_range(dist: Distribution, path: str, lower: float | None, upper: float | None) -> None:
    lo, hi = dist.support()
    if dist.is_fixed:
        if lower is not None and lo < lower:
            raise ScenarioError(path, f"must be at least {lower:g} (got {lo:g})")
        if upper is not None and hi > upper:
            raise ScenarioError(path, f"must be at most {upper:g} (got {hi:g})")
        return
    if lower is None and upper is None:
        return
    span = f"{lower:g} to {upper:g}" if upper is not None else f"{lower:g} or more"
    if (lower is not None and lo < lower) or (upper is not None and hi > upper):
        raise ScenarioError(
            path,
            f"draws must stay within {span}, but a {dist.kind} distribution here ranges "
            f"{lo:g} to {hi:g}; use a bounded one (beta, uniform, triangular, pert) "
            "or, for no upper limit, gamma or lognormal",
        )


def _service_cost(data: Mapping[str, Any], params: dict[str, Parameter]) -> ServiceCost:
    table = _table(data, "service_cost", required=True)
    _refuse_unknown(table, "service_cost", ("total", "staff", "overheads"))
    has_total, has_staff = "total" in table, "staff" in table
    if has_total and (has_staff or "overheads" in table):
        raise ScenarioError(
            "service_cost.total", "give either a total or staff lines with overheads, not both"
        )
    if has_total:
        return ServiceCost(total=_quantity(table, "service_cost.total", params, lower=0.0))
    if not has_staff:
        raise ScenarioError("service_cost", "give a total or [[service_cost.staff]] lines")
    lines = table["staff"]
    if not isinstance(lines, list) or not lines:
        raise ScenarioError("service_cost.staff", "must be a list of [[service_cost.staff]] tables")
    staff = []
    for i, line in enumerate(lines, start=1):
        where = f"service_cost.staff[{i}]"
        if not isinstance(line, Mapping):
            raise ScenarioError(where, "must be a table with role, fte and annual_cost")
        _refuse_unknown(line, where, ("role", "fte", "annual_cost"))
        fte = _number(line, f"{where}.fte")
        cost = _number(line, f"{where}.annual_cost")
        if fte <= 0:
            raise ScenarioError(f"{where}.fte", f"must be positive (got {fte:g})")
        if cost < 0:
            raise ScenarioError(f"{where}.annual_cost", f"must not be negative (got {cost:g})")
        staff.append(StaffLine(_string(line, f"{where}.role", required=True), fte, cost))
    overheads = _number(table, "service_cost.overheads", default=0.0)
    if not 0.0 <= overheads <= 5.0:
        raise ScenarioError(
            "service_cost.overheads", f"must be a fraction from 0 to 5 (got {overheads:g})"
        )
    return ServiceCost(total=None, staff=tuple(staff), overheads=overheads)


_UNIT_COST_INFO_KEYS = ("source", "price_year", "unit", "payer", "description")


def _unit_costs(data: Mapping[str, Any], currency: str) -> dict[str, UnitCost]:
    table = _table(data, "unit_costs")
    costs: dict[str, UnitCost] = {}
    if currency == default_currency():
        for name, info in default_unit_costs().items():
            costs[name] = UnitCost(
                name, f"unit_costs.{name}", info.unit, info.source, info.price_year, info.payer
            )
    for name, value in table.items():
        where = f"unit_costs.{name}"
        info = dict(value) if isinstance(value, Mapping) else {}
        for k in ("source", "price_year", "unit", "description"):
            if k in info and (isinstance(info[k], bool) or not isinstance(info[k], str | int)):
                raise ScenarioError(f"{where}.{k}", "must be text")
        payer = info.get("payer", costs[name].payer if name in costs else "nhs")
        if payer not in PAYERS:
            raise ScenarioError(
                f"{where}.payer", f"must be one of {', '.join(PAYERS)} (got {payer!r})"
            )
        costs[name] = UnitCost(
            name=name,
            key=where,
            unit=str(info.get("unit", "")),
            source=str(info.get("source", "set in the scenario")),
            price_year=str(info.get("price_year", "")),
            payer=payer,
        )
    return costs


def _unit_cost_parameter(data: Mapping[str, Any], name: str, key: str) -> Parameter:
    table = _table(data, "unit_costs")
    if name not in table:
        return Parameter(key, fixed(default_unit_costs()[name].value))
    value = table[name]
    if isinstance(value, Mapping):
        value = {k: v for k, v in value.items() if k not in _UNIT_COST_INFO_KEYS}
    dist = parse_distribution(value, key)
    _check_range(dist, key, 0.0, None)
    return Parameter(key, dist)


def _effects(
    data: Mapping[str, Any],
    params: dict[str, Parameter],
    unit_costs: Mapping[str, UnitCost],
    people: int,
    currency: str,
) -> tuple[Effect, ...]:
    items = data.get("effects", [])
    if not isinstance(items, list):
        raise ScenarioError("effects", "must be a list of [[effects]] tables")
    effects = []
    for i, item in enumerate(items, start=1):
        where = f"effects[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(where, "must be a table")
        _refuse_unknown(
            item, where, ("resource", "per_person", "people", "payer", "counterfactual", "note")
        )
        resource = _string(item, f"{where}.resource", required=True)
        if resource not in unit_costs:
            hint = "define it under [unit_costs] or use a shipped name (see docs/economics.md)"
            if currency != default_currency():
                hint = (
                    "define it under [unit_costs]; shipped defaults are only used for GBP scenarios"
                )
            raise ScenarioError(f"{where}.resource", f"no unit cost named {resource!r}; {hint}")
        per_person = _quantity(item, f"{where}.per_person", params)
        counterfactual = None
        if "counterfactual" in item:
            counterfactual = _quantity(item, f"{where}.counterfactual", params)
        count = _number(item, f"{where}.people", default=float(people))
        if not 0 < count <= people:
            raise ScenarioError(
                f"{where}.people",
                f"must be more than 0 and at most the cohort ({people}) (got {count:g})",
            )
        payer = item.get("payer", unit_costs[resource].payer)
        if payer not in PAYERS:
            raise ScenarioError(
                f"{where}.payer", f"must be one of {', '.join(PAYERS)} (got {payer!r})"
            )
        note = item.get("note", "")
        if not isinstance(note, str):
            raise ScenarioError(f"{where}.note", "must be text")
        effects.append(Effect(resource, per_person, count, payer, counterfactual, note))
    return tuple(effects)


_EMPLOYMENT_KEYS = (
    "people",
    "monthly_net",
    "monthly_gross",
    "hours",
    "monthly_drop_off",
    "benefit",
    "weekly_amount",
    "counterfactual_people",
    "universal_credit",
    "tax",
    "jobs",
)
_GROUP_ONLY = ("people", "monthly_net", "monthly_gross", "hours", "counterfactual_people")
_JOB_KEYS = (
    "monthly_net",
    "monthly_gross",
    "hours",
    "off_benefits",
    "start_month",
    "universal_credit",
    "note",
)


def _earnings(table: Mapping[str, Any], where: str, params: dict[str, Parameter]) -> tuple:
    """The earnings key and basis ("net" or "gross") of a group or a job, and its weekly hours."""
    if ("monthly_net" in table) == ("monthly_gross" in table):
        raise ScenarioError(
            f"{where}.monthly_net", "give exactly one of monthly_net or monthly_gross"
        )
    basis = "net" if "monthly_net" in table else "gross"
    earnings = _quantity(table, f"{where}.monthly_{basis}", params, lower=0.0)
    hours = _number(table, f"{where}.hours", default=0.0)
    if not 0.0 <= hours <= 100.0:
        raise ScenarioError(f"{where}.hours", f"must be weekly hours from 0 to 100 (got {hours:g})")
    return earnings, basis, hours


def _jobs(
    table: Mapping[str, Any], params: dict[str, Parameter], people: int, horizon: int
) -> tuple[Job, ...]:
    items = table["jobs"]
    if not isinstance(items, list) or not items:
        raise ScenarioError("employment.jobs", "must be a list of [[employment.jobs]] tables")
    if len(items) > people:
        raise ScenarioError("employment.jobs", f"more jobs ({len(items)}) than people ({people})")
    shared = _table(table, "universal_credit", path="employment.universal_credit")
    jobs = []
    for i, item in enumerate(items, start=1):
        where = f"employment.jobs[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(where, "must be a table")
        _refuse_unknown(item, where, _JOB_KEYS)
        earnings, basis, hours = _earnings(item, where, params)
        own = _table(item, "universal_credit", path=f"{where}.universal_credit")
        rules = _rules({"universal_credit": {**shared, **own}}, "universal_credit", UniversalCredit)
        start = _integer(item, f"{where}.start_month", maximum=12 * horizon - 1)
        note = item.get("note", "")
        if not isinstance(note, str):
            raise ScenarioError(f"{where}.note", "must be text")
        off = _flag(item, f"{where}.off_benefits")
        jobs.append(Job(earnings, basis, hours, off, start, rules, note))
    return tuple(jobs)


def _employment(
    data: Mapping[str, Any], params: dict[str, Parameter], people: int, horizon: int = 1
) -> Employment | None:
    if "employment" not in data:
        return None
    table = _table(data, "employment")
    _refuse_unknown(table, "employment", _EMPLOYMENT_KEYS)
    jobs: tuple[Job, ...] = ()
    count = earnings = None
    basis, hours = "net", 0.0
    if "jobs" in table:
        for key in _GROUP_ONLY:
            if key in table:
                raise ScenarioError(
                    f"employment.{key}", "give it on each [[employment.jobs]], not for the group"
                )
        jobs = _jobs(table, params, people, horizon)
    else:
        count = _quantity(table, "employment.people", params, lower=0.0, upper=float(people))
        earnings, basis, hours = _earnings(table, "employment", params)
    drop = _quantity(
        table, "employment.monthly_drop_off", params, default=0.0, lower=0.0, upper=1.0
    )
    benefit = table.get("benefit", "universal_credit")
    if benefit not in BENEFITS:
        raise ScenarioError(
            "employment.benefit", f"must be one of {', '.join(BENEFITS)} (got {benefit!r})"
        )
    weekly = None
    if benefit == "flat":
        weekly = _quantity(table, "employment.weekly_amount", params, lower=0.0)
    elif "weekly_amount" in table:
        raise ScenarioError("employment.weekly_amount", 'only used with benefit = "flat"')
    counterfactual = None
    if "counterfactual_people" in table:
        counterfactual = _quantity(
            table, "employment.counterfactual_people", params, lower=0.0, upper=float(people)
        )
    return Employment(
        people=count,
        earnings=earnings,
        earnings_basis=basis,
        hours=hours,
        monthly_drop_off=drop,
        benefit=benefit,
        weekly_amount=weekly,
        counterfactual_people=counterfactual,
        universal_credit=_rules(table, "universal_credit", UniversalCredit),
        tax=_rules(table, "tax", TaxRules),
        jobs=jobs,
    )


def _rules(table: Mapping[str, Any], name: str, cls: type) -> Any:
    where = f"employment.{name}"
    given = _table(table, name, path=where)
    defaults = cls()
    allowed = tuple(defaults.__dataclass_fields__)
    _refuse_unknown(given, where, allowed)
    values = {}
    for key in given:
        path = f"{where}.{key}"
        if isinstance(getattr(defaults, key), bool):
            values[key] = _flag(given, path)
            continue
        number = _number(given, path)
        if number < 0:
            raise ScenarioError(path, f"must not be negative (got {number:g})")
        if (key.endswith("rate") or key == "taper") and number > 1:
            raise ScenarioError(path, f"must be a fraction from 0 to 1 (got {number:g})")
        values[key] = number
    return cls(**values)


def _adjustments(data: Mapping[str, Any], params: dict[str, Parameter]) -> Adjustments:
    table = _table(data, "adjustments")
    names = ("deadweight", "attribution", "displacement", "drop_off")
    _refuse_unknown(table, "adjustments", (*names, "reviewed"))
    for name in names:
        _quantity(table, f"adjustments.{name}", params, default=0.0, lower=0.0, upper=1.0)
    return Adjustments(reviewed=_flag(table, "adjustments.reviewed", default=True))


def _refuse_deadweight_with_counterfactual(
    params: Mapping[str, Parameter], effects: tuple[Effect, ...], employment: Employment | None
) -> None:
    deadweight = params["adjustments.deadweight"].dist
    if deadweight.is_fixed and deadweight.mean() == 0.0:
        return
    explicit = [e.counterfactual for e in effects if e.counterfactual]
    if employment and employment.counterfactual_people:
        explicit.append(employment.counterfactual_people)
    if explicit:
        raise ScenarioError(
            "adjustments.deadweight",
            f"cannot be combined with an explicit counterfactual ({explicit[0]}): both stand for "
            "what would have happened anyway, so keep only one",
        )


def _psa(data: Mapping[str, Any]) -> tuple[int, int]:
    table = _table(data, "psa")
    _refuse_unknown(table, "psa", ("iterations", "seed"))
    iterations = _integer(table, "psa.iterations", default=DEFAULT_ITERATIONS, maximum=100_000_000)
    seed = _integer(table, "psa.seed", default=DEFAULT_SEED)
    return iterations, seed


def _assumptions(data: Mapping[str, Any]) -> tuple[Assumption, ...]:
    items = data.get("assumptions", [])
    if not isinstance(items, list):
        raise ScenarioError("assumptions", "must be a list of [[assumptions]] tables")
    found = []
    for i, item in enumerate(items, start=1):
        where = f"assumptions[{i}]"
        if isinstance(item, str):
            found.append(Assumption(item))
            continue
        if not isinstance(item, Mapping):
            raise ScenarioError(where, "must be a table with text (and optionally about)")
        _refuse_unknown(item, where, ("text", "about"))
        found.append(
            Assumption(_string(item, f"{where}.text", required=True), str(item.get("about", "")))
        )
    return tuple(found)
