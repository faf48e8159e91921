"""The headline table, its CSV and described charts, all from a report dict (no Django)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from thrive.core.cells import safe_cell
from thrive.core.numbers import money
from thrive.core.svg import with_description
from thrive.economics.core.case_charts import charts_for_report
from thrive.economics.core.glossary import payer_label

CHARTS = {
    "tornado": "tornado.svg",
    "net_cdf": "net_cdf.svg",
    "acceptability": "acceptability.svg",
}


@dataclass(frozen=True)
class Line:
    """One row of the headline table: a stable key, a label, a value and its kind."""

    key: str
    label: str
    value: float | None
    kind: str = "money"  # money, ratio, share or count


def headline(report: dict[str, Any]) -> list[Line]:
    """The figures a commissioner asks for first, in reading order."""
    det, psa = report["deterministic"], report["psa"]
    one = money(1, report["scenario"]["currency"])
    lines = [
        Line("savings", "Savings (discounted)", det["savings"]["total"]),
        Line("service_cost", "Service cost (discounted)", det["service_cost"]),
        Line("net", "Net savings", det["net"]),
        Line("ratio", f"Savings per {one} spent", det["ratio"], "ratio"),
        Line("break_even", "Break-even service cost", det["break_even_service_cost"]),
        Line("per_person_savings", "Savings per person", det["per_person"]["savings"]),
        Line("per_person_cost", "Service cost per person", det["per_person"]["service_cost"]),
        Line("per_person_net", "Net savings per person", det["per_person"]["net"]),
        Line("undiscounted_savings", "Savings (undiscounted)", det["undiscounted"]["savings"]),
        Line("undiscounted_net", "Net savings (undiscounted)", det["undiscounted"]["net"]),
    ]
    lines += [
        Line(f"payer_{payer}", f"Savings to {_in_a_sentence(payer_label(payer))}", amount)
        for payer, amount in det["savings"]["by_payer"].items()
    ]
    if psa:
        low, high = psa["interval_95"]
        lines += [
            Line("psa_iterations", "PSA iterations", psa["iterations"], "count"),
            Line("psa_mean_net", "PSA mean net savings", psa["mean_net"]),
            Line("psa_interval_low", "95% interval, lower", low),
            Line("psa_interval_high", "95% interval, upper", high),
            Line(
                "psa_p_net_positive",
                f"Probability net savings above {money(0, report['scenario']['currency'])}",
                psa["p_net_positive"],
                "share",
            ),
        ]
    return lines


def _in_a_sentence(label: str) -> str:
    return label[0].lower() + label[1:] if label.startswith("The ") else label


def headline_csv(report: dict[str, Any]) -> str:
    """The headline table as CSV: key, figure, value, currency, then provenance lines.

    Every cell goes through safe_cell, so no spreadsheet runs a formula from a scenario.
    """
    currency = report["scenario"]["currency"]
    rows: list[list[object]] = [["key", "figure", "value", "unit"]]
    for line in headline(report):
        unit = currency if line.kind == "money" else line.kind
        rows.append([line.key, line.label, "" if line.value is None else line.value, unit])
    prov = report["provenance"]
    rows.append(["scenario_sha256", "Scenario hash", prov["scenario_sha256"], ""])
    rows.append(["seed", "Seed", prov["seed"], ""])
    rows.append(["code_version", "Code version", prov["code_version"], ""])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _description(name: str, report: dict[str, Any]) -> str:
    det, psa = report["deterministic"], report["psa"]
    cur = report["scenario"]["currency"]
    if name == "tornado":
        bars = report["sensitivity"]["tornado"][:3]
        widest = ", ".join(b["label"] for b in bars) or "no uncertain inputs"
        return (
            f"Net savings when each uncertain input moves to its 2.5th and 97.5th percentile, "
            f"around a base of {money(det['net'], cur)}. Widest first: {widest}."
        )
    if name == "net_cdf" and psa:
        low, high = psa["interval_95"]
        return (
            f"Share of {psa['iterations']:,} draws with net savings at or below each amount; "
            f"95% of draws lie between {money(low, cur)} and {money(high, cur)}."
        )
    return (
        "Probability that savings exceed a given service cost; the scenario's cost of "
        f"{money(det['service_cost'], cur)} is marked."
    )


def described_charts(report: dict[str, Any]) -> dict[str, str]:
    """Chart name to SVG, each with a <desc> saying what it shows (the table is the alternative)."""
    svgs = charts_for_report(report)
    out = {}
    for name, filename in CHARTS.items():
        if filename not in svgs:
            continue
        svg = svgs[filename]
        out[name] = with_description(svg, _description(name, report))
    return out
