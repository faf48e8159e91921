"""The scenario builder's plain form data to and from scenario data (the TOML tables), exactly.

Form data is a flat mapping of field name to the text typed in; numbers keep their exact
spelling (an int stays an int, a float its shortest repr), so form → TOML → form is the
identity. Scenarios using what the form cannot show (custom unit costs, tax rules, per-effect
counterfactuals) are refused with a message, never silently simplified.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.glossary import ADJUSTMENT_LABELS, resource_label
from thrive.economics.core.scenario import parse_scenario
from thrive.economics.core.unit_costs import default_unit_costs

STAFF_ROWS = 4
EFFECT_ROWS = 8
JOB_SPARE = 2
MAX_JOBS = 40  # keeps a post under Django's 1,000 fields
SHAPES = {
    "fixed": "Exactly this",
    "pert": "Most likely, lowest, highest (PERT)",
    "triangular": "Most likely, lowest, highest (triangular)",
    "uniform": "Anywhere from lowest to highest (uniform)",
    "normal": "Mean and uncertainty (normal)",
    "gamma": "Mean and uncertainty, never below 0 (gamma)",
    "lognormal": "Mean and uncertainty, never below 0, long tail (lognormal)",
    "beta": "Mean and uncertainty, a share from 0 to 1 (beta)",
}
SHAPE_PARTS = {
    "fixed": ("value",),
    "pert": ("mode", "low", "high"),
    "triangular": ("mode", "low", "high"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "gamma": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
    "beta": ("mean", "sd"),
}
PART_LABELS = {
    "value": "Value",
    "mode": "Most likely",
    "low": "Lowest",
    "high": "Highest",
    "mean": "Mean",
    "sd": "Uncertainty (standard deviation)",
}
PARTS = tuple(PART_LABELS)
BENEFITS = {
    "universal_credit": "Universal Credit",
    "flat": "A fixed weekly amount",
    "none": "No benefit",
}
PAY_BASES = {"net": "Take-home pay (after tax)", "gross": "Pay before tax"}
LCWRA = {"": "Not said", "yes": "Yes", "no": "No"}
JOB_PARTS = ("pay", "hours", "start_month", "off_benefits", "lcwra", "housing_element", "note")
COST_KINDS = {"total": "One total", "staff": "Staff lines"}


@dataclass(frozen=True)
class Field:
    """One field of the builder: its name, plain label, help text and kind."""

    name: str
    label: str
    help: str
    kind: str = "text"  # text, number, quantity, choice, lines, check or kept
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    """A group of fields under one heading."""

    title: str
    hint: str
    fields: tuple[Field, ...]


class BuildProblems(ValueError):
    """Field name to one clear message for each field that cannot be used."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = dict(problems)


class NotBuildable(ValueError):
    """The scenario uses something the form cannot show; its TOML is the place to edit it."""


def _resource_choices(extra: Sequence[str]) -> tuple[tuple[str, str], ...]:
    names = sorted({*default_unit_costs(), *extra}, key=resource_label)
    return (("", "None"), *((n, resource_label(n)) for n in names))


def _job_fields(i: int) -> tuple[Field, ...]:
    """One job start's row: its own pay, hours, start month, benefits and note."""
    job = f"Job {i + 1}"
    return (
        Field(
            f"job{i}_pay_basis",
            f"{job}: pay given as",
            "Choose one.",
            "choice",
            tuple(PAY_BASES.items()),
        ),
        Field(f"job{i}_pay", f"{job}: monthly pay", "Leave blank to skip this row.", "quantity"),
        Field(f"job{i}_hours", f"{job}: hours a week", "Weekly hours in this job.", "number"),
        Field(
            f"job{i}_start_month",
            f"{job}: start month",
            "Months from the start of the period: 0 for the first month.",
            "number",
        ),
        Field(
            f"job{i}_off_benefits",
            f"{job}: off benefits",
            "Whether the job took the person off benefits; only then is benefit saved.",
            "choice",
            tuple(LCWRA.items()),
        ),
        Field(
            f"job{i}_lcwra",
            f"{job}: had the limited capability for work element",
            "Universal Credit's LCWRA element before the job.",
            "choice",
            tuple(LCWRA.items()),
        ),
        Field(
            f"job{i}_housing_element",
            f"{job}: monthly housing element",
            "Universal Credit's housing element before the job, if any.",
            "number",
        ),
        Field(f"job{i}_note", f"{job}: note", "What was recorded and what assumed."),
    )


def job_rows(form: Mapping[str, str]) -> int:
    """How many job rows the form has: as many as it says, within reason."""
    try:
        rows = int(str(form.get("job_rows", "")).strip())
    except ValueError:
        return JOB_SPARE
    return min(max(rows, 0), MAX_JOBS)


def kept_resources(form: Mapping[str, str]) -> list[str]:
    """The services the scenario's own (kept) unit costs add to the choices."""
    try:
        kept = json.loads(form.get("unit_costs_kept") or "{}")
    except ValueError:
        return []
    return list(kept) if isinstance(kept, dict) else []


def sections(jobs: int = JOB_SPARE, resources: Sequence[str] = ()) -> tuple[Section, ...]:
    """Every field of the builder, grouped as the page shows them."""
    money_help = "In the scenario's currency."
    effects = tuple(
        f
        for i in range(EFFECT_ROWS)
        for f in (
            Field(
                f"effect{i}_resource",
                f"Change {i + 1}: which service",
                "Leave as None to skip this row.",
                "choice",
                _resource_choices(resources),
            ),
            Field(
                f"effect{i}_people",
                f"Change {i + 1}: how many people",
                "Blank means everyone in the scenario.",
                "number",
            ),
            Field(
                f"effect{i}_change",
                f"Change {i + 1}: change per person over the whole period",
                "Negative for less use: −24 means 24 fewer contacts each.",
                "quantity",
            ),
            Field(f"effect{i}_note", f"Change {i + 1}: note", "Why you expect this change."),
        )
    )
    staff = tuple(
        f
        for i in range(STAFF_ROWS)
        for f in (
            Field(f"staff{i}_role", f"Staff line {i + 1}: role", "Leave blank to skip this line."),
            Field(
                f"staff{i}_fte",
                f"Staff line {i + 1}: full-time equivalent",
                "1 for full time, 0.5 for half.",
                "number",
            ),
            Field(
                f"staff{i}_annual_cost", f"Staff line {i + 1}: cost a year", money_help, "number"
            ),
        )
    )
    return (
        Section(
            "The scenario",
            "Who it is about and over how long.",
            (
                Field("name", "Name", "How the scenario is listed on the page."),
                Field("currency", "Currency", "Three letters, such as GBP."),
                Field("price_year", "Price year", "The year the prices are from, such as 2024/25."),
                Field(
                    "people",
                    "How many people",
                    "The people the service supports in this scenario.",
                    "number",
                ),
                Field(
                    "horizon_years",
                    "Years counted",
                    "How many years of savings to count (1 to 100).",
                    "number",
                ),
                Field(
                    "discount_rate",
                    "Discount rate a year",
                    "As a share: 0.035 is the 3.5% HM Treasury's Green Book uses.",
                    "number",
                ),
            ),
        ),
        Section(
            "What the service costs",
            "Either one total for these people and years, or staff lines costed each year.",
            (
                Field(
                    "cost_kind",
                    "How to give the cost",
                    "Choose one.",
                    "choice",
                    tuple(COST_KINDS.items()),
                ),
                Field(
                    "cost",
                    "Total cost",
                    "For these people over the whole period. " + money_help,
                    "quantity",
                ),
                *staff,
                Field(
                    "overheads",
                    "Overheads on staff",
                    "As a share of staff costs: 0.25 adds a quarter.",
                    "number",
                ),
            ),
        ),
        Section(
            "Changes in service use",
            "How much less (or more) of each service each person uses over the period.",
            (
                *effects,
                Field(
                    "unit_costs_kept",
                    "The scenario's own unit costs",
                    "kept as they are; edit them in the scenario's TOML.",
                    "kept",
                ),
            ),
        ),
        Section(
            "Employment",
            "People moving into paid work: the benefits no longer paid and the tax paid.",
            (
                Field(
                    "employment_people",
                    "People who start paid work",
                    "Blank if the scenario counts no work.",
                    "quantity",
                ),
                Field(
                    "pay_basis", "Pay given as", "Choose one.", "choice", tuple(PAY_BASES.items())
                ),
                Field("pay", "Monthly pay", money_help, "quantity"),
                Field("hours", "Hours a week", "Typical weekly hours in work.", "number"),
                Field(
                    "leaving_work",
                    "Share who leave work each month",
                    "0.03 means 3% a month.",
                    "quantity",
                ),
                Field(
                    "benefit",
                    "Benefit left",
                    "What they were paid before work.",
                    "choice",
                    tuple(BENEFITS.items()),
                ),
                Field(
                    "weekly_amount",
                    "Weekly benefit amount",
                    "Only for a fixed weekly amount.",
                    "quantity",
                ),
                Field(
                    "lcwra",
                    "Had the limited capability for work element",
                    "Universal Credit's LCWRA element; Not said uses the model's default (no).",
                    "choice",
                    tuple(LCWRA.items()),
                ),
                Field(
                    "standard_allowance",
                    "Monthly standard allowance",
                    "Universal Credit's standard allowance; blank uses the 2025/26 rate.",
                    "number",
                ),
                Field(
                    "housing_element",
                    "Monthly housing element",
                    "Universal Credit's housing element, if any.",
                    "number",
                ),
            ),
        ),
        Section(
            "Each job, person by person",
            "Instead of people who start paid work above: each job start on its own. The benefit, "
            "leaving work and Universal Credit figures above apply to every job. Save to get "
            "more empty rows.",
            (Field("job_rows", "Job rows", "How many job rows the form shows.", "kept"),),
        ),
        *(
            Section(f"Job {i + 1}", "Leave every figure blank to skip this job.", _job_fields(i))
            for i in range(jobs)
        ),
        Section(
            "What would have happened anyway",
            "Shares from 0 to 1 taken off the savings. People often come at a crisis peak and "
            "improve anyway, so 0 is rarely right.",
            (
                *(
                    Field(name, label, "A share from 0 to 1.", "quantity")
                    for name, label in ADJUSTMENT_LABELS.items()
                ),
                Field(
                    "reviewed",
                    "We have reviewed deadweight and attribution",
                    "Until this is ticked, every result warns that the counterfactual is not "
                    "reviewed.",
                    "check",
                ),
            ),
        ),
        Section(
            "Assumptions",
            "Everything a reader should know, one assumption a line.",
            (
                Field(
                    "assumptions",
                    "Assumptions",
                    "One a line; they travel with every result.",
                    "lines",
                ),
                Field(
                    "assumptions_kept",
                    "Assumptions tied to a figure",
                    "kept as they are, before the lines above; edit them in the scenario's TOML.",
                    "kept",
                ),
            ),
        ),
    )


def field_names(jobs: int = JOB_SPARE) -> list[str]:
    """Every form key the builder reads, quantity parts included."""
    names = []
    for section in sections(jobs):
        for f in section.fields:
            if f.kind == "quantity":
                names += [f"{f.name}_shape", *(f"{f.name}_{p}" for p in PARTS)]
            else:
                names.append(f.name)
    return names


# -- form → data ---------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _read_number(text: str) -> int | float:
    cleaned = text.strip().replace("\u2212", "-").replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError("Enter a number, such as 24 or 0.35.")
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return int(cleaned)
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("Enter a number, such as 24 or 0.35.")
    return value


class _Reader:
    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form
        self.problems: dict[str, str] = {}

    def kept(self, name: str, kind: type) -> Any:
        text = self.text(name)
        try:
            value = json.loads(text) if text else kind()
        except ValueError:
            value = None
        if not isinstance(value, kind):
            self.problems[name] = "This could not be read; open the scenario in the builder again."
            return kind()
        return value

    def text(self, name: str) -> str:
        return str(self.form.get(name, "") or "").strip()

    def number(self, name: str, *, required: bool = False) -> int | float | None:
        text = self.text(name)
        if not text:
            if required:
                self.problems[name] = "Enter a number."
            return None
        try:
            return _read_number(text)
        except ValueError as exc:
            self.problems[name] = str(exc)
            return None

    def quantity(self, name: str, *, required: bool = False) -> Any:
        shape = self.text(f"{name}_shape") or "fixed"
        if shape not in SHAPES:
            self.problems[name] = "Choose how to give this figure."
            return None
        parts = SHAPE_PARTS[shape]
        if not any(self.text(f"{name}_{p}") for p in parts):
            if required:
                self.problems[name] = f"Enter {PART_LABELS[parts[0]].lower()}."
            return None
        values = {}
        for part in parts:
            text = self.text(f"{name}_{part}")
            if not text:
                self.problems[name] = f"Enter {PART_LABELS[part].lower()} too."
                return None
            try:
                values[part] = _read_number(text)
            except ValueError as exc:
                self.problems[name] = f"{PART_LABELS[part]}: {exc}"
                return None
        if shape == "fixed":
            return values["value"]
        return {
            "dist": shape,
            **{p: values[p] for p in ("low", "mode", "high", "mean", "sd") if p in values},
        }


def quantity_value(form: Mapping[str, str], name: str) -> Any:
    """One quantity field as scenario data (a number or distribution table), None if unusable."""
    reader = _Reader(form)
    value = reader.quantity(name)
    return None if reader.problems else value


def form_to_data(form: Mapping[str, str]) -> dict[str, Any]:
    """Scenario data (as TOML would hold it) from the builder's form; BuildProblems per field."""
    r = _Reader(form)
    head: dict[str, Any] = {"name": r.text("name") or "Untitled scenario"}
    if not r.text("name"):
        r.problems["name"] = "Give the scenario a name."
    for key in ("currency", "price_year"):
        if r.text(key):
            head[key] = r.text(key)
    for key in ("horizon_years", "discount_rate", "people"):
        value = r.number(key, required=key == "people")
        if value is not None:
            head[key] = value
    data: dict[str, Any] = {"scenario": head, "service_cost": _service_cost(r)}
    effects = _effects(r)
    if effects:
        data["effects"] = effects
    employment = _employment(r)
    if employment:
        data["employment"] = employment
    unit_costs = r.kept("unit_costs_kept", dict)
    if unit_costs:
        data["unit_costs"] = unit_costs
    adjustments: dict[str, Any] = {name: r.quantity(name) for name in ADJUSTMENT_LABELS}
    adjustments = {k: v for k, v in adjustments.items() if v is not None}
    if r.text("reviewed") != "yes":
        adjustments["reviewed"] = False
    if adjustments:
        data["adjustments"] = adjustments
    lines = [line.strip() for line in r.text("assumptions").splitlines() if line.strip()]
    assumptions = [*r.kept("assumptions_kept", list), *({"text": line} for line in lines)]
    if assumptions:
        data["assumptions"] = assumptions
    if r.problems:
        raise BuildProblems(r.problems)
    return data


def _service_cost(r: _Reader) -> dict[str, Any]:
    if r.text("cost_kind") != "staff":
        total = r.quantity("cost", required=True)
        return {} if total is None else {"total": total}
    staff = []
    for i in range(STAFF_ROWS):
        role = r.text(f"staff{i}_role")
        if not role:
            continue
        fte = r.number(f"staff{i}_fte", required=True)
        cost = r.number(f"staff{i}_annual_cost", required=True)
        staff.append({"role": role, "fte": fte, "annual_cost": cost})
    if not staff:
        r.problems["staff0_role"] = "Give at least one staff line, or choose one total."
    out: dict[str, Any] = {"staff": staff}
    overheads = r.number("overheads")
    if overheads is not None:
        out["overheads"] = overheads
    return out


def _effects(r: _Reader) -> list[dict[str, Any]]:
    effects = []
    for i in range(EFFECT_ROWS):
        resource = r.text(f"effect{i}_resource")
        if not resource:
            continue
        effect: dict[str, Any] = {"resource": resource}
        people = r.number(f"effect{i}_people")
        if people is not None:
            effect["people"] = people
        change = r.quantity(f"effect{i}_change", required=True)
        if change is not None:
            effect["per_person"] = change
        if r.text(f"effect{i}_note"):
            effect["note"] = r.text(f"effect{i}_note")
        effects.append(effect)
    return effects


def _credit(r: _Reader, prefix: str) -> dict[str, Any]:
    credit: dict[str, Any] = {}
    if r.text(f"{prefix}lcwra") in ("yes", "no"):
        credit["lcwra"] = r.text(f"{prefix}lcwra") == "yes"
    names = ("housing_element",) if prefix else ("standard_allowance", "housing_element")
    for name in names:
        amount = r.number(prefix + name)
        if amount is not None:
            credit[name] = amount
    return credit


def _jobs(r: _Reader) -> list[dict[str, Any]]:
    jobs = []
    for i in range(job_rows(r.form)):
        row = f"job{i}_"
        typed = [f"{row}{p}" for p in ("hours", "start_month", "off_benefits", "lcwra")]
        typed += [f"{row}{p}" for p in ("housing_element", "note")]
        typed += [f"{row}pay_{p}" for p in PARTS]
        if not any(r.text(name) for name in typed):
            continue
        job: dict[str, Any] = {}
        pay = r.quantity(f"{row}pay", required=True)
        if pay is not None:
            job[f"monthly_{r.text(row + 'pay_basis') or 'net'}"] = pay
        for name in ("hours", "start_month"):
            number = r.number(row + name)
            if number is not None:
                job[name] = number
        if r.text(f"{row}off_benefits") in ("yes", "no"):
            job["off_benefits"] = r.text(f"{row}off_benefits") == "yes"
        credit = _credit(r, row)
        if credit:
            job["universal_credit"] = credit
        if r.text(f"{row}note"):
            job["note"] = r.text(f"{row}note")
        jobs.append(job)
    return jobs


def _employment(r: _Reader) -> dict[str, Any]:
    people = r.quantity("employment_people")
    jobs = _jobs(r)
    if people is None and not jobs:
        return {}
    out: dict[str, Any] = {}
    if people is not None and jobs:
        r.problems["employment_people"] = (
            "Give either people who start paid work or each job, not both."
        )
    if people is not None:
        out["people"] = people
        pay = r.quantity("pay", required=True)
        if pay is not None:
            out[f"monthly_{r.text('pay_basis') or 'net'}"] = pay
        hours = r.number("hours")
        if hours is not None:
            out["hours"] = hours
    leaving = r.quantity("leaving_work")
    if leaving is not None:
        out["monthly_drop_off"] = leaving
    out["benefit"] = r.text("benefit") or "universal_credit"
    if out["benefit"] == "flat":
        weekly = r.quantity("weekly_amount", required=True)
        if weekly is not None:
            out["weekly_amount"] = weekly
    credit = _credit(r, "")
    if credit:
        out["universal_credit"] = credit
    if jobs:
        out["jobs"] = jobs
    return out


def checked(form: Mapping[str, str]) -> dict[str, Any]:
    """Scenario data from the form, checked by the model; every problem named by its field."""
    data = form_to_data(form)
    try:
        parse_scenario(data, source="the form")
    except ScenarioError as exc:
        raise BuildProblems({field_for_key(exc.key): _plain(exc.message)}) from None
    return data


def _plain(message: str) -> str:
    text = " ".join(message.split())
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


_KEY_FIELDS = {
    "scenario.name": "name",
    "scenario.currency": "currency",
    "scenario.price_year": "price_year",
    "scenario.horizon_years": "horizon_years",
    "scenario.discount_rate": "discount_rate",
    "scenario.people": "people",
    "service_cost.total": "cost",
    "service_cost.overheads": "overheads",
    "employment.people": "employment_people",
    "employment.monthly_net": "pay",
    "employment.monthly_gross": "pay",
    "employment.hours": "hours",
    "employment.monthly_drop_off": "leaving_work",
    "employment.benefit": "benefit",
    "employment.weekly_amount": "weekly_amount",
    "employment.universal_credit.housing_element": "housing_element",
    "employment.universal_credit.lcwra": "lcwra",
    "employment.jobs": "job0_pay",
    "adjustments.reviewed": "reviewed",
    "unit_costs": "unit_costs_kept",
    "assumptions": "assumptions_kept",
    "employment.universal_credit.standard_allowance": "standard_allowance",
    **{f"adjustments.{name}": name for name in ADJUSTMENT_LABELS},
    "service_cost": "cost",
    "employment": "employment_people",
}
_INDEXED = re.compile(r"(effects|service_cost\.staff|employment\.jobs)\[(\d+)\]\.?([\w.]*)")
_JOB_KEYS = {"universal_credit.lcwra": "lcwra", "universal_credit": "housing_element"}


def field_for_key(key: str) -> str:
    """The form field a scenario key (as an error names it) is typed into."""
    found = _INDEXED.match(key)
    if found:
        row, part = int(found.group(2)) - 1, found.group(3)
        if found.group(1) == "effects":
            suffix = {"resource": "resource", "people": "people", "note": "note"}.get(
                part, "change"
            )
            return f"effect{row}_{suffix}"
        if found.group(1) == "employment.jobs":
            if part in JOB_PARTS:
                return f"job{row}_{part}"
            named = next((v for k, v in _JOB_KEYS.items() if part.startswith(k)), "pay")
            return f"job{row}_{named}"
        return f"staff{row}_{part if part in ('fte', 'annual_cost') else 'role'}"
    for known, name in _KEY_FIELDS.items():
        if key == known or key.startswith(known + "."):
            return name
    return "name"


# -- data → form ---------------------------------------------------------------------------


def _number_text(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NotBuildable(f"{where} is not a plain number")
    return repr(value) if isinstance(value, float) else str(value)


def _quantity_form(name: str, value: Any, where: str) -> dict[str, str]:
    out = {f"{name}_shape": "fixed", **{f"{name}_{p}": "" for p in PARTS}}
    if not isinstance(value, Mapping):
        out[f"{name}_value"] = _number_text(value, where)
        return out
    shape = value.get("dist")
    parts = SHAPE_PARTS.get(shape, ())
    if shape == "fixed" or set(value) != {"dist", *parts}:
        raise NotBuildable(f"{where} uses a distribution the form cannot show")
    out[f"{name}_shape"] = shape
    for part in parts:
        out[f"{name}_{part}"] = _number_text(value[part], where)
    return out


def _allow(table: Mapping[str, Any], where: str, allowed: tuple[str, ...]) -> None:
    extra = sorted(set(table) - set(allowed))
    if extra:
        raise NotBuildable(f"{where} has {', '.join(extra)}, which the form cannot show")


def _kept_text(value: Any, where: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except TypeError:
        raise NotBuildable(f"{where} holds a value the form cannot keep") from None


def blank_form(jobs: int = JOB_SPARE) -> dict[str, str]:
    """Every field empty, quantities exact, choices at their first option, reviewed ticked."""
    form = dict.fromkeys(field_names(jobs), "")
    for name in form:
        if name.endswith("_shape"):
            form[name] = "fixed"
        if name.endswith("pay_basis"):
            form[name] = "net"
    form.update(cost_kind="total", benefit="universal_credit", reviewed="yes", job_rows=str(jobs))
    return form


def data_to_form(data: Mapping[str, Any]) -> dict[str, str]:
    """The builder's form for scenario data; NotBuildable when the form cannot show all of it."""
    _allow(
        data,
        "The scenario",
        (
            "scenario",
            "service_cost",
            "effects",
            "unit_costs",
            "employment",
            "adjustments",
            "assumptions",
        ),
    )
    jobs = (data.get("employment") or {}).get("jobs") or []
    if len(jobs) > MAX_JOBS:
        raise NotBuildable(f"The form has room for {MAX_JOBS} jobs")
    form = blank_form(min(len(jobs) + JOB_SPARE, MAX_JOBS))
    head = dict(data.get("scenario") or {})
    _allow(
        head,
        "[scenario]",
        ("name", "currency", "price_year", "horizon_years", "discount_rate", "people"),
    )
    for key in ("name", "currency", "price_year"):
        if key in head:
            form[key] = str(head[key])
    if isinstance(head.get("price_year"), int):
        raise NotBuildable("[scenario] price_year is a number; the form keeps it as text")
    for key in ("horizon_years", "discount_rate", "people"):
        if key in head:
            form[key] = _number_text(head[key], f"[scenario] {key}")
    cost = dict(data.get("service_cost") or {})
    _allow(cost, "[service_cost]", ("total", "staff", "overheads"))
    if "total" in cost:
        form.update(_quantity_form("cost", cost["total"], "The total cost"))
    else:
        form["cost_kind"] = "staff"
        lines = cost.get("staff") or []
        if len(lines) > STAFF_ROWS:
            raise NotBuildable(f"The form has room for {STAFF_ROWS} staff lines")
        for i, line in enumerate(lines):
            _allow(line, "A staff line", ("role", "fte", "annual_cost"))
            form[f"staff{i}_role"] = str(line.get("role", ""))
            form[f"staff{i}_fte"] = _number_text(line.get("fte"), "A staff line's FTE")
            form[f"staff{i}_annual_cost"] = _number_text(
                line.get("annual_cost"), "A staff line's cost"
            )
        if "overheads" in cost:
            form["overheads"] = _number_text(cost["overheads"], "Overheads")
    effects = data.get("effects") or []
    if len(effects) > EFFECT_ROWS:
        raise NotBuildable(f"The form has room for {EFFECT_ROWS} changes in service use")
    unit_costs = data.get("unit_costs") or {}
    if unit_costs:
        form["unit_costs_kept"] = _kept_text(dict(unit_costs), "[unit_costs]")
    known = {*default_unit_costs(), *unit_costs}
    for i, effect in enumerate(effects):
        _allow(effect, "A change in service use", ("resource", "per_person", "people", "note"))
        if effect.get("resource") not in known:
            raise NotBuildable("A change in service use names a service with no unit cost")
        form[f"effect{i}_resource"] = effect["resource"]
        if "people" in effect:
            form[f"effect{i}_people"] = _number_text(effect["people"], "A change's people")
        form.update(_quantity_form(f"effect{i}_change", effect.get("per_person"), "A change"))
        form[f"effect{i}_note"] = str(effect.get("note", ""))
    if "employment" in data:
        form.update(_employment_form(dict(data["employment"])))
    adjustments = dict(data.get("adjustments") or {})
    _allow(adjustments, "[adjustments]", (*ADJUSTMENT_LABELS, "reviewed"))
    reviewed = adjustments.pop("reviewed", True)
    if not isinstance(reviewed, bool):
        raise NotBuildable("[adjustments] reviewed is not true or false")
    form["reviewed"] = "yes" if reviewed else ""
    for name, value in adjustments.items():
        form.update(_quantity_form(name, value, ADJUSTMENT_LABELS[name]))
    kept, lines = [], []
    for item in data.get("assumptions") or []:
        if isinstance(item, Mapping) and set(item) != {"text"}:
            if lines:
                raise NotBuildable("An assumption tied to a key follows one in plain words")
            kept.append(dict(item))
            continue
        text = item if isinstance(item, str) else item.get("text", "")
        if "\n" in text:
            raise NotBuildable("An assumption runs over several lines")
        lines.append(text)
    if kept:
        form["assumptions_kept"] = _kept_text(kept, "An assumption")
    form["assumptions"] = "\n".join(lines)
    return form


def _employment_form(table: dict[str, Any]) -> dict[str, str]:
    _allow(
        table,
        "[employment]",
        (
            "people",
            "monthly_net",
            "monthly_gross",
            "hours",
            "monthly_drop_off",
            "benefit",
            "weekly_amount",
            "universal_credit",
            "jobs",
        ),
    )
    form: dict[str, str] = {}
    if "people" in table or "jobs" not in table:
        form.update(_quantity_form("employment_people", table.get("people"), "People in work"))
        form.update(_pay_form("", table))
        if "hours" in table:
            form["hours"] = _number_text(table["hours"], "Hours")
    for i, job in enumerate(table.get("jobs") or []):
        form.update(_job_form(f"job{i}_", job))
    if "monthly_drop_off" in table:
        form.update(_quantity_form("leaving_work", table["monthly_drop_off"], "Leaving work"))
    form["benefit"] = str(table.get("benefit", "universal_credit"))
    if "weekly_amount" in table:
        form.update(_quantity_form("weekly_amount", table["weekly_amount"], "Weekly benefit"))
    credit = dict(table.get("universal_credit") or {})
    _allow(
        credit, "[employment.universal_credit]", ("lcwra", "standard_allowance", "housing_element")
    )
    if "lcwra" in credit:
        if not isinstance(credit["lcwra"], bool):
            raise NotBuildable("LCWRA is not true or false")
        form["lcwra"] = "yes" if credit["lcwra"] else "no"
    for name in ("standard_allowance", "housing_element"):
        if name in credit:
            form[name] = _number_text(credit[name], "A Universal Credit amount")
    return form


def _pay_form(prefix: str, table: Mapping[str, Any]) -> dict[str, str]:
    if "monthly_net" in table and "monthly_gross" in table:
        raise NotBuildable("Pay is given both before and after tax")
    basis = "gross" if "monthly_gross" in table else "net"
    return {
        f"{prefix}pay_basis": basis,
        **_quantity_form(f"{prefix}pay", table.get(f"monthly_{basis}"), "Monthly pay"),
    }


def _job_form(prefix: str, job: Any) -> dict[str, str]:
    """One [[employment.jobs]] table as its row of the form."""
    if not isinstance(job, Mapping):
        raise NotBuildable("A job is not a table")
    _allow(
        job,
        "A job",
        (
            "monthly_net",
            "monthly_gross",
            "hours",
            "start_month",
            "off_benefits",
            "universal_credit",
            "note",
        ),
    )
    form = _pay_form(prefix, job)
    for name in ("hours", "start_month"):
        if name in job:
            form[prefix + name] = _number_text(job[name], f"A job's {name}")
    credit = dict(job.get("universal_credit") or {})
    _allow(credit, "A job's Universal Credit", ("lcwra", "housing_element"))
    for name, flags in (("off_benefits", job), ("lcwra", credit)):
        if name in flags:
            if not isinstance(flags[name], bool):
                raise NotBuildable(f"A job's {name} is not true or false")
            form[prefix + name] = "yes" if flags[name] else "no"
    if "housing_element" in credit:
        form[prefix + "housing_element"] = _number_text(
            credit["housing_element"], "A job's housing element"
        )
    if "note" in job:
        form[prefix + "note"] = str(job["note"])
    return form


def starting_form() -> dict[str, str]:
    """A new scenario's form: one year, GBP, the Green Book rate, a cost as a range."""
    return {
        **blank_form(),
        "currency": "GBP",
        "price_year": "2024/25",
        "horizon_years": "1",
        "discount_rate": "0.035",
        "cost_shape": "pert",
        "effect0_change_shape": "pert",
    }
