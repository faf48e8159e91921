"""What the economics page shows for a report dict: rows already formatted, charts with tables."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Sequence
from typing import Any

from thrive.core.numbers import money, shown
from thrive.core.numbers import number as _number
from thrive.economics.core.case_charts import currency_symbol, payer_chart_svg
from thrive.economics.core.glossary import (
    ADJUSTMENT_LABELS,
    parameter_label,
    payer_label,
    resource_label,
)
from thrive.economics.core.tables import described_charts, headline

CDF_SHARES = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
CHART_LABELS = {
    "tornado": "Tornado chart",
    "net_cdf": "Net savings distribution chart",
    "acceptability": "Acceptability curve",
}
CHART_TITLES = {
    "tornado": "What matters most: net savings as each uncertain input moves",
    "net_cdf": "How sure: cumulative chance of net savings up to each amount",
    "acceptability": "Chance the savings exceed each possible service cost",
}


def _money(value: float, currency: str) -> str:
    return shown(value, "money", currency)


def effect_resources(toml_text: str) -> list[str]:
    """The resource of each effect of a scenario, in order, to name its inputs in plain words."""
    try:
        effects = tomllib.loads(toml_text).get("effects", [])
    except (tomllib.TOMLDecodeError, RecursionError):
        return []
    if not isinstance(effects, list):
        return []
    return [str(e.get("resource", "")) if isinstance(e, dict) else "" for e in effects]


def plain_report(report: dict[str, Any], resources: Sequence[str]) -> dict[str, Any]:
    """A copy of a report whose inputs carry glossary labels, for every chart, table and export."""
    out = copy.deepcopy(report)
    for bar in out["sensitivity"]["tornado"]:
        bar["label"] = parameter_label(bar["parameter"], resources)
    for item in out.get("assumptions", []):
        if item.get("about"):
            item["about"] = parameter_label(item["about"], resources)
    return out


def chart_tables(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A table alternative for each chart: caption, column headers and formatted rows."""
    cur = report["scenario"]["currency"]
    sens = report["sensitivity"]
    tables = {
        "tornado": {
            "headers": ["Input", "Low value", "High value", "Net at low", "Net at high"],
            "rows": [
                [
                    b["label"],
                    _number(b["low_value"]),
                    _number(b["high_value"]),
                    _money(b["net_at_low"], cur),
                    _money(b["net_at_high"], cur),
                ]
                for b in sens["tornado"]
            ],
        }
    }
    if sens["net_cdf"]:
        points = {round(p, 2): net for net, p in sens["net_cdf"]}
        tables["net_cdf"] = {
            "headers": ["Share of draws", "Net savings at or below"],
            "rows": [[f"{p:.0%}", _money(points[p], cur)] for p in CDF_SHARES if p in points],
        }
        tables["acceptability"] = {
            "headers": ["Service cost", "Chance savings exceed it"],
            "rows": [[_money(c, cur), f"{p:.0%}"] for c, p in sens["acceptability"][::5]],
        }
    return tables


def report_context(report: dict[str, Any]) -> dict[str, Any]:
    """Everything the run page needs from a report, formatted for reading."""
    cur = report["scenario"]["currency"]
    det, psa = report["deterministic"], report["psa"]
    svgs = described_charts(report)
    tables = chart_tables(report)
    charts = [
        {
            "name": name,
            "label": CHART_LABELS[name],
            "title": CHART_TITLES[name],
            "svg": svg,
            "table": tables[name],
        }
        for name, svg in svgs.items()
    ]
    key = {
        "ratio": shown(det["ratio"], "ratio", cur),
        "net": _money(det["net"], cur),
        "break_even": _money(det["break_even_service_cost"], cur),
        "service_cost": _money(det["service_cost"], cur),
        "discount": f"{report['scenario']['discount_rate']:.1%}",
    }
    if psa:
        low, high = psa["interval_95"]
        key.update(
            interval=f"{_money(low, cur)} to {_money(high, cur)}",
            mean_net=_money(psa["mean_net"], cur),
            p_net_positive=shown(psa["p_net_positive"], "share", cur),
            mean_ratio=shown(psa["mean_ratio"], "ratio", cur),
        )
    income = det.get("employment", {}).get("person_income_gain")
    return {
        "report": report,
        "currency": cur,
        "key": key,
        "headline": [(line.label, shown(line.value, line.kind, cur)) for line in headline(report)],
        "one_unit": money(1, cur),
        "zero": money(0, cur),
        "symbol": currency_symbol(cur),
        "by_resource": [
            (resource_label(k), _money(v, cur)) for k, v in det["savings"]["by_resource"].items()
        ],
        "by_payer": [
            (payer_label(k), _money(v, cur)) for k, v in det["savings"]["by_payer"].items()
        ],
        "person_income_gain": None if income is None else _money(income, cur),
        "charts": charts,
        "unit_costs": [
            {**c, "name": resource_label(c["name"]), "value": _number(c["value"])}
            for c in report["provenance"]["unit_cost_sources"]
        ],
    }


def compare_rows(
    reports: Sequence[dict[str, Any]], *, formatted: bool = True
) -> list[tuple[str, list[Any]]]:
    """Headline figures of several runs side by side, plus what each run was run with.

    Formatted for reading on a page, or raw numbers (None where a run has no such figure)
    for a spreadsheet.
    """
    lines = [{line.key: line for line in headline(r)} for r in reports]
    keys: list[str] = []
    for per_run in lines:
        keys += [k for k in per_run if k not in keys]
    rows = []
    for k in keys:
        label = next(per_run[k].label for per_run in lines if k in per_run)
        cells: list[Any] = []
        for report, per_run in zip(reports, lines, strict=True):
            line = per_run.get(k)
            if not formatted:
                cells.append(None if line is None else line.value)
                continue
            cur = report["scenario"]["currency"]
            cells.append("—" if line is None else shown(line.value, line.kind, cur))
        rows.append((label, cells))
    for label, pick in (
        ("People", lambda r: r["scenario"]["people"]),
        ("Horizon (years)", lambda r: r["scenario"]["horizon_years"]),
        ("Discount rate", lambda r: r["scenario"]["discount_rate"]),
        ("Seed", lambda r: r["provenance"]["seed"]),
        ("Scenario hash", lambda r: r["provenance"]["scenario_sha256"][:12]),
    ):
        values = [pick(r) for r in reports]
        if formatted:
            values = [_shown_setting(label, v) for v in values]
        rows.append((label, values))
    return rows


def _shown_setting(label: str, value: Any) -> str:
    if label == "Discount rate":
        return f"{value:.1%}"
    if label == "People":
        return f"{value:,}"
    return str(value)


def headline_sentence(report: dict[str, Any]) -> str:
    """The answer in one or two sentences a commissioner can quote."""
    cur, scen = report["scenario"]["currency"], report["scenario"]
    det, psa = report["deterministic"], report["psa"]
    years = f"{scen['horizon_years']} year" + ("s" if scen["horizon_years"] != 1 else "")
    ratio = det["ratio"]
    per_unit = (
        f", or {shown(ratio, 'ratio', cur)} saved for every {money(1, cur)} spent"
        if ratio is not None
        else ""
    )
    savings = _money(det["savings"]["total"], cur)
    text = (
        f"For {scen['people']:,} people over {years}, the service costs "
        f"{_money(det['service_cost'], cur)} and saves about {savings}: "
        f"net savings of {_money(det['net'], cur)}{per_unit}."
    )
    if psa:
        low, high = psa["interval_95"]
        text += (
            f" Allowing for uncertainty, 95% of {psa['iterations']:,} draws lay between "
            f"{_money(low, cur)} and {_money(high, cur)}; the chance that net savings are above "
            f"{money(0, cur)} is {shown(psa['p_net_positive'], 'share', cur)}."
        )
    return text


def by_payer_context(report: dict[str, Any]) -> dict[str, Any]:
    """Savings for each payer and, when the run has them, each perspective, with intervals."""
    cur = report["scenario"]["currency"]
    by_payer = report["deterministic"]["savings"]["by_payer"]
    psa = report["psa"] or {}
    total = sum(by_payer.values())
    rows = [
        {
            "payer": payer_label(k),
            "savings": _money(v, cur),
            "share": f"{v / total:.0%}" if total else "—",
            "interval": _interval(psa.get("by_payer", {}).get(k), cur),
        }
        for k, v in by_payer.items()
    ]
    views = report["deterministic"].get("by_perspective", {})
    perspectives = [
        {
            "label": view["label"],
            "net": _money(view["net"], cur),
            "ratio": shown(view["ratio"], "ratio", cur),
            "interval": _interval(psa.get("by_perspective", {}).get(key), cur),
            "chance": _share(psa.get("by_perspective", {}).get(key, {}).get("p_net_positive")),
        }
        for key, view in views.items()
    ]
    chart = payer_chart_svg([payer_label(k) for k in by_payer], list(by_payer.values()), cur)
    return {
        "payer_rows": rows,
        "payer_total": _money(total, cur),
        "payer_chart": chart,
        "payer_intervals": any(row["interval"] for row in rows),
        "perspectives": perspectives,
    }


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _interval(summary: dict[str, Any] | None, currency: str) -> str:
    if not summary or "interval_95" not in summary:
        return ""
    low, high = summary["interval_95"]
    return f"{_money(low, currency)} to {_money(high, currency)}"


def limitations(report: dict[str, Any], toml_text: str) -> list[tuple[str, str]]:
    """What these figures cannot tell, as (title, text), stated from this scenario's inputs."""
    try:
        data = tomllib.loads(toml_text)
    except (tomllib.TOMLDecodeError, RecursionError):
        data = {}
    cur, people = report["scenario"]["currency"], report["scenario"]["people"]
    adjustments = data.get("adjustments", {}) if isinstance(data.get("adjustments"), dict) else {}
    effects = data.get("effects", []) if isinstance(data.get("effects"), list) else []
    out = []
    unset = [
        ADJUSTMENT_LABELS[name].split(" (")[0].lower()
        for name in ("deadweight", "attribution")
        if adjustments.get(name, 0) in (0, 0.0)
    ]
    if unset:
        out.append(
            (
                "Nothing is allowed for what would have happened anyway",
                "This scenario leaves at 0: " + "; ".join(unset) + ". People often come to "
                "a service at a crisis peak and improve anyway, so these figures are likely "
                "too high.",
            )
        )
    out.append(
        (
            "People's own accounts",
            "Changes in service use and work are what people or records said, not a trial; "
            "self-reported changes are not checked against clinical or benefit records.",
        )
    )
    out.append(
        (
            "Cause and effect",
            "The model cannot tell what the service caused. Deadweight and attribution are "
            "judgements; the tornado chart usually shows them among the biggest uncertainties.",
        )
    )
    if people < 30:
        out.append(
            (
                "Small numbers",
                f"With {people} people, one person's change can move the answer a long way.",
            )
        )
    if any(str(e.get("resource", "")).endswith("_year") for e in effects if isinstance(e, dict)):
        out.append(
            (
                "Medication",
                "Medication stopped or reduced is counted as a saving; stopping can raise the "
                "risk of relapse, which the model does not cost.",
            )
        )
    if "employment" in data:
        out.append(
            (
                "Transfers, not resources",
                "Benefits no longer paid and tax paid move money within the public purse; the "
                "by-payer view shows them apart from NHS and social care savings.",
            )
        )
    if report["psa"] is None:
        out.append(("No uncertainty analysis", "The run drew no uncertain inputs: no interval."))
    out += [
        (
            "Savings are not cash",
            "A bed-day or contact not used is usually used by someone else: the value is "
            "capacity freed, not money returned to a budget.",
        ),
        (
            "Not everything has a price",
            "Wellbeing, confidence, relationships, education and volunteering are left out; "
            f"a net figure below {money(0, cur)} does not mean the service is not worth having.",
        ),
        (
            "Inputs are drawn independently",
            "Where savings move together in reality, the interval shown is narrower than it "
            "should be.",
        ),
    ]
    return out
