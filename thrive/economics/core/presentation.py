"""What the economics page shows for a report dict: rows already formatted, charts with tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thrive.core.numbers import number as _number
from thrive.core.numbers import shown
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
        "by_resource": [(k, _money(v, cur)) for k, v in det["savings"]["by_resource"].items()],
        "by_payer": [
            (k.replace("_", " "), _money(v, cur)) for k, v in det["savings"]["by_payer"].items()
        ],
        "person_income_gain": None if income is None else _money(income, cur),
        "charts": charts,
        "unit_costs": [
            {**c, "value": _number(c["value"])} for c in report["provenance"]["unit_cost_sources"]
        ],
    }


def compare_rows(reports: Sequence[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """Headline figures of several runs side by side, plus what each run was run with."""
    lines = [{line.key: line for line in headline(r)} for r in reports]
    keys: list[str] = []
    for per_run in lines:
        keys += [k for k in per_run if k not in keys]
    rows = []
    for k in keys:
        label = next(per_run[k].label for per_run in lines if k in per_run)
        cells = []
        for report, per_run in zip(reports, lines, strict=True):
            line = per_run.get(k)
            cur = report["scenario"]["currency"]
            cells.append("—" if line is None else shown(line.value, line.kind, cur))
        rows.append((label, cells))
    for label, pick in (
        ("People", lambda r: f"{r['scenario']['people']:,}"),
        ("Horizon (years)", lambda r: str(r["scenario"]["horizon_years"])),
        ("Discount rate", lambda r: f"{r['scenario']['discount_rate']:.1%}"),
        ("Seed", lambda r: str(r["provenance"]["seed"])),
        ("Scenario hash", lambda r: r["provenance"]["scenario_sha256"][:12]),
    ):
        rows.append((label, [pick(r) for r in reports]))
    return rows
