"""Small hand-written SVG charts, returned as strings so a web page can embed them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 90, 30, 40, 60
FONT = 'font-family="system-ui, sans-serif"'


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round-numbered axis ticks covering lo..hi."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / count
    step = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * step:
            step *= mult
            break
    start = math.floor(lo / step) * step
    stop = math.ceil(hi / step) * step
    ticks, t = [], start
    while t <= stop + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _money(x: float, currency: str) -> str:
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x >= 1e6:
        return f"{sign}{currency} {x / 1e6:.1f}m"
    if x >= 1e3:
        return f"{sign}{currency} {x / 1e3:.0f}k"
    return f"{sign}{currency} {x:.0f}"


def _frame(title: str, body: list[str], x_label: str, y_label: str) -> str:
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" font-size="12" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" {FONT} font-size="15">'
        f"{escape(title)}</text>",
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 12}" text-anchor="middle" {FONT}>'
        f"{escape(x_label)}</text>",
    ]
    if y_label:
        head.append(
            f'<text x="16" y="{(TOP + HEIGHT - BOTTOM) / 2}" text-anchor="middle" {FONT} '
            f'transform="rotate(-90 16 {(TOP + HEIGHT - BOTTOM) / 2})">{escape(y_label)}</text>'
        )
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def _x_axis(lo: float, hi: float, fmt: Any, left: float = LEFT) -> tuple[list[str], Any]:
    ticks = nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    span = hi - lo or 1.0

    def sx(v: float) -> float:
        return left + (v - lo) / span * (WIDTH - left - RIGHT)

    base = HEIGHT - BOTTOM
    parts = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>']
    for t in ticks:
        parts.append(
            f'<line x1="{sx(t):.1f}" y1="{base}" x2="{sx(t):.1f}" y2="{base + 5}" stroke="#333"/>'
        )
        parts.append(
            f'<text x="{sx(t):.1f}" y="{base + 18}" text-anchor="middle" {FONT}>'
            f"{escape(fmt(t))}</text>"
        )
    return parts, sx


def _probability_axis() -> tuple[list[str], Any]:
    def sy(p: float) -> float:
        return HEIGHT - BOTTOM - p * (HEIGHT - TOP - BOTTOM)

    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>']
    for p in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{LEFT - 5}" y1="{sy(p):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{sy(p):.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{sy(p) + 4:.1f}" text-anchor="end" {FONT}>{p:.2f}</text>'
        )
    return parts, sy


def tornado_svg(bars: Sequence[dict[str, Any]], base_net: float, currency: str = "GBP") -> str:
    """Tornado chart: net savings with each input alone at its 2.5th and 97.5th percentile."""
    title = "One-way sensitivity of net savings"
    if not bars:
        return _frame(
            title,
            [
                f'<text x="{WIDTH / 2}" y="200" text-anchor="middle" {FONT}>'
                "No uncertain inputs</text>"
            ],
            "",
            "",
        )
    shown = list(bars)[:15]
    values = [base_net] + [b["net_at_low"] for b in shown] + [b["net_at_high"] for b in shown]
    longest = max(len(b.get("label", b["parameter"])) for b in shown)
    left = int(min(max(120, 12 + 6.4 * longest), WIDTH / 2))
    parts, sx = _x_axis(min(values), max(values), lambda v: _money(v, currency), left)
    row = (HEIGHT - TOP - BOTTOM) / len(shown)
    for i, b in enumerate(shown):
        y = TOP + i * row + row * 0.15
        h = row * 0.7
        for value, colour in ((b["net_at_low"], "#4c78a8"), (b["net_at_high"], "#f58518")):
            x0, x1 = sorted((sx(base_net), sx(value)))
            parts.append(
                f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 0.5):.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{left - 6}" y="{y + h / 2 + 4:.1f}" text-anchor="end" {FONT}>'
            f"{escape(b.get('label', b['parameter']))}</text>"
        )
    parts.append(
        f'<line x1="{sx(base_net):.1f}" y1="{TOP}" x2="{sx(base_net):.1f}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#000" stroke-dasharray="4 3"/>'
    )
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{TOP - 4}" text-anchor="end" {FONT} font-size="11">'
        "blue: input at its 2.5th percentile; orange: at its 97.5th</text>"
    )
    return _frame(title, parts, f"Net savings ({currency})", "")


def cdf_svg(points: Sequence[Sequence[float]], currency: str = "GBP") -> str:
    """Cumulative distribution of net savings over the PSA iterations."""
    title = "Cumulative distribution of net savings"
    if not points:
        return _frame(title, [], f"Net savings ({currency})", "Share of iterations at or below")
    xs = [p[0] for p in points]
    axis, sx = _x_axis(min(min(xs), 0.0), max(max(xs), 0.0), lambda v: _money(v, currency))
    prob, sy = _probability_axis()
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(p):.1f}" for i, (x, p) in enumerate(points)
    )
    zero = (
        f'<line x1="{sx(0):.1f}" y1="{TOP}" x2="{sx(0):.1f}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#c00" stroke-dasharray="4 3"/>'
    )
    body = [*prob, *axis, zero, f'<path d="{path}" fill="none" stroke="#4c78a8" stroke-width="2"/>']
    return _frame(title, body, f"Net savings ({currency})", "Share of iterations at or below")


def acceptability_svg(
    points: Sequence[Sequence[float]], base_cost: float, currency: str = "GBP"
) -> str:
    """Probability that savings exceed the service's cost, as that cost varies."""
    title = "Chance that savings exceed the service cost"
    if not points:
        return _frame(title, [], f"Service cost ({currency})", "Probability")
    xs = [p[0] for p in points]
    axis, sx = _x_axis(min(xs), max(xs), lambda v: _money(v, currency))
    prob, sy = _probability_axis()
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(p):.1f}" for i, (x, p) in enumerate(points)
    )
    marker = (
        f'<line x1="{sx(base_cost):.1f}" y1="{TOP}" x2="{sx(base_cost):.1f}" '
        f'y2="{HEIGHT - BOTTOM}" '
        'stroke="#555" stroke-dasharray="4 3"/>'
        f'<text x="{sx(base_cost) + 4:.1f}" y="{TOP + 12}" {FONT}>scenario cost</text>'
    )
    body = [
        *prob,
        *axis,
        marker,
        f'<path d="{path}" fill="none" stroke="#54a24b" stroke-width="2"/>',
    ]
    return _frame(title, body, f"Service cost ({currency})", "Probability")


def charts_for_report(report: dict[str, Any]) -> dict[str, str]:
    """File name to SVG text for every chart a report supports."""
    currency = report["scenario"]["currency"]
    det, sens = report["deterministic"], report["sensitivity"]
    charts = {"tornado.svg": tornado_svg(sens["tornado"], det["net"], currency)}
    if sens["net_cdf"]:
        charts["net_cdf.svg"] = cdf_svg(sens["net_cdf"], currency)
        charts["acceptability.svg"] = acceptability_svg(
            sens["acceptability"], det["service_cost"], currency
        )
    return charts


def png_bytes(svg: str, zoom: float = 2.0) -> bytes:
    """The chart as a PNG on white, for documents that take no SVG (labels use system fonts)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="#ffffff"))
