"""The economic report's charts, drawn by the shared charting library (thrive.core.charts)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from thrive.core import charts
from thrive.core.charts import Chart
from thrive.core.numbers import SYMBOLS
from thrive.economics.core.distributions import parse_distribution
from thrive.economics.core.errors import ScenarioError

TORNADO_ROWS = 15


def currency_symbol(currency: str) -> str:
    """ "£" for GBP; the three-letter code where no symbol is known."""
    return SYMBOLS.get(currency, currency)


FILE_NAMES = {
    "tornado": "tornado.svg",
    "net_cdf": "net_cdf.svg",
    "acceptability": "acceptability.svg",
}


def tornado_chart(bars: Sequence[dict[str, Any]], base_net: float, currency: str = "GBP") -> Chart:
    """Net savings with each input alone at its 2.5th and 97.5th percentile, widest first."""
    shown = list(bars)[:TORNADO_ROWS]
    return charts.tornado(
        [b.get("label", b["parameter"]) for b in shown],
        [b["net_at_low"] for b in shown],
        [b["net_at_high"] for b in shown],
        base_net,
        title="One-way sensitivity of net savings",
        value_label=f"Net savings ({currency_symbol(currency)})",
        currency=currency,
        low_name="Input at its 2.5th percentile",
        high_name="Input at its 97.5th percentile",
        base_name="Base case",
    )


def cdf_chart(points: Sequence[Sequence[float]], currency: str = "GBP") -> Chart:
    """Cumulative distribution of net savings over the PSA iterations."""
    return charts.cumulative_distribution(
        [p[0] for p in points],
        [p[1] for p in points],
        title="Cumulative distribution of net savings",
        value_label=f"Net savings ({currency_symbol(currency)})",
        share_label="Share of iterations at or below",
        currency=currency,
        marker=0.0,
        marker_name="Break-even",
    )


def acceptability_chart(
    points: Sequence[Sequence[float]], base_cost: float, currency: str = "GBP"
) -> Chart:
    """Probability that savings exceed the service's cost, as that cost varies."""
    return charts.acceptability_curve(
        [p[0] for p in points],
        [p[1] for p in points],
        title="Chance that savings exceed the service cost",
        value_label=f"Service cost ({currency_symbol(currency)})",
        probability_label="Probability",
        currency=currency,
        marker=base_cost,
        marker_name="Scenario cost",
    )


def tornado_svg(bars: Sequence[dict[str, Any]], base_net: float, currency: str = "GBP") -> str:
    """Tornado chart as SVG text."""
    return tornado_chart(bars, base_net, currency).svg()


def cdf_svg(points: Sequence[Sequence[float]], currency: str = "GBP") -> str:
    """Cumulative distribution of net savings as SVG text."""
    return cdf_chart(points, currency).svg()


def acceptability_svg(
    points: Sequence[Sequence[float]], base_cost: float, currency: str = "GBP"
) -> str:
    """Acceptability curve as SVG text."""
    return acceptability_chart(points, base_cost, currency).svg()


def report_charts(report: dict[str, Any]) -> dict[str, Chart]:
    """Chart name (tornado, net_cdf, acceptability) to Chart, for every chart a report supports."""
    currency = report["scenario"]["currency"]
    det, sens = report["deterministic"], report["sensitivity"]
    out = {"tornado": tornado_chart(sens["tornado"], det["net"], currency)}
    if sens["net_cdf"]:
        out["net_cdf"] = cdf_chart(sens["net_cdf"], currency)
        out["acceptability"] = acceptability_chart(
            sens["acceptability"], det["service_cost"], currency
        )
    return out


def charts_for_report(report: dict[str, Any]) -> dict[str, str]:
    """File name to SVG text for every chart a report supports."""
    return {FILE_NAMES[name]: chart.svg() for name, chart in report_charts(report).items()}


def chart_png(report: dict[str, Any], name: str) -> bytes | None:
    """One chart of a report as PNG bytes, or None when the report has no such chart."""
    chart = report_charts(report).get(name)
    return None if chart is None else chart.png()


def distribution_svg(value: Any, label: str, currency: str | None = None) -> str | None:
    """A small picture of an input's distribution, or None for a fixed number or bad input."""
    try:
        dist = parse_distribution(value, label)
    except ScenarioError:
        return None
    if dist.is_fixed:
        return None
    shares = [i / 200 for i in range(1, 200)]
    xs = [dist.ppf(q) for q in shares]
    pairs = [((a + b) / 2, 0.005 / (b - a)) for a, b in itertools.pairwise(xs) if b - a > 1e-12]
    if len(pairs) < 2:
        return None
    return charts.density(
        [x for x, _ in pairs],
        [h for _, h in pairs],
        title=f"How likely each value of {label} is",
        value_label=label,
        currency=currency,
    ).svg()


def payer_chart_svg(labels: Sequence[str], amounts: Sequence[float], currency: str) -> str:
    """Savings for each payer as horizontal bars."""
    return charts.bar_chart(
        labels,
        amounts,
        title="Savings for each payer",
        value_label=f"Savings ({currency_symbol(currency)})",
        currency=currency,
    ).svg()


def compare_svg(reports: Sequence[dict[str, Any]], labels: Sequence[str]) -> str:
    """Net savings of several runs side by side."""
    currency = reports[0]["scenario"]["currency"]
    return charts.bar_chart(
        labels,
        [r["deterministic"]["net"] for r in reports],
        title="Net savings of each run",
        value_label=f"Net savings ({currency_symbol(currency)})",
        currency=currency,
    ).svg()
