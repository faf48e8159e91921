"""Standard charts drawn by matplotlib, offline, as SVG text or PNG bytes (no Django).

Each chart function takes plain data (lists or NumPy arrays, labels, a title and axis
labels with their units) and returns a Chart; ``chart.svg()`` gives SVG text to embed in a
page or save, ``chart.png()`` gives PNG bytes for documents that take no SVG. The SVG scales
to its container (``width="100%"`` with a viewBox), keeps its text as text, and carries a
<title> and role="img" with an aria-label; pages put a table of the same figures beside it.

Output is deterministic: the same input gives the same SVG text, and the PNG uses the
DejaVu Sans font that ships with matplotlib, so no system fonts are needed. matplotlib is
imported only when a chart is drawn, so importing this module stays cheap.

Hand-drawn SVG is kept only for what no charting library draws (such as trees of change).
"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from thrive.core.numbers import money, money_ticks, number
from thrive.core.svg import svg_attribute, svg_text, with_id_prefix

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
INK = "#222222"
MUTED = "#555555"
GRID = "#E3E3E3"

WIDTH_INCHES = 5.0  # 360 SVG units: text stays readable on a 390 px phone screen
FONT = "DejaVu Sans"  # ships with matplotlib, so PNGs do not depend on system fonts
PAGE_FONTS = "system-ui, 'DejaVu Sans', Arial, sans-serif"  # what a browser uses for SVG text
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10.5,
    "axes.labelsize": 10.5,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "svg.fonttype": "none",  # text stays text: selectable, searchable, smaller
    "svg.hashsalt": "thrive-charts",  # stable clip-path ids, so the same input gives the same SVG
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}
PNG_DPI = 200  # a 5-inch chart is 1,000 pixels wide


@dataclass(frozen=True)
class Chart:
    """A chart ready to draw: its title, its size in inches and what to draw on its axes."""

    title: str
    draw: Callable[[Axes], None] = field(repr=False)
    height: float = 3.4
    width: float = WIDTH_INCHES

    def svg(self) -> str:
        """The chart as SVG text: scales to its container, with a title for screen readers."""
        raw = _render(self, "svg").decode("utf-8")
        return _accessible(raw, self.title)

    def png(self, dpi: int = PNG_DPI) -> bytes:
        """The chart as a PNG on white (1,000 pixels wide at the default 200 dpi)."""
        return _render(self, "png", dpi)


def _render(chart: Chart, fmt: str, dpi: int = 72) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(chart.width, chart.height), layout="constrained")
        ax = fig.add_subplot()
        fig.suptitle(chart.title, x=0.02, ha="left", color=INK, fontsize=11.5, fontweight="bold")
        chart.draw(ax)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata)
    return out.getvalue()


def _accessible(raw: str, title: str) -> str:
    """matplotlib's SVG made embeddable: no prolog or metadata, fluid width, a title."""
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = re.sub(r'\swidth="[^"]*"', ' width="100%"', head, count=1)
    head = re.sub(r'\sheight="[^"]*"', "", head, count=1)
    # matplotlib's one <style> rule becomes attributes the rest inherit: a page's
    # Content-Security-Policy allows no <style> element, and inline it would style the page.
    joins = ' stroke-linejoin="round" stroke-linecap="butt"'
    head = head[:-1] + f'{joins} role="img" aria-label={svg_attribute(title)}>'
    body = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg[head_end:], count=1, flags=re.S)
    body = body.replace("'DejaVu Sans', sans-serif", PAGE_FONTS)
    return f"{head}\n <title>{svg_text(title)}</title>{_own_ids(body, raw).rstrip()}\n"


def _own_ids(body: str, raw: str) -> str:
    """Ids prefixed by a hash of the chart, so two charts on one page never share an id
    (matplotlib names every figure's parts alike: axes_1, patch_1…)."""
    digest = hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return with_id_prefix(body, f"c{digest}")


def _wrap(label: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def _value_ticks(lo: float, hi: float, bins: int = 5) -> list[float]:
    from matplotlib.ticker import MaxNLocator

    locator = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])
    return [float(t) for t in locator.tick_values(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]


def _padded(values: Sequence[float], pad: float = 0.06) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = hi - lo or max(abs(hi), 1.0)
    return lo - span * pad, hi + span * pad


def _value_axis(ax: Axes, axis: str, lo: float, hi: float, currency: str | None) -> None:
    """Round ticks on a value axis, labelled as money (one unit, no repeats) or numbers."""
    ticks = _value_ticks(lo, hi)
    labels = money_ticks(ticks, currency) if currency else [number(t) for t in ticks]
    if axis == "x":
        ax.set_xlim(lo, hi)
        ax.set_xticks(ticks, labels=labels)
        ax.xaxis.grid(True)
    else:
        ax.set_ylim(lo, hi)
        ax.set_yticks(ticks, labels=labels)
        ax.yaxis.grid(True)
    ax.set_axisbelow(True)


def _probability_axis(ax: Axes) -> None:
    ax.set_ylim(0, 1.02)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1], labels=["0%", "25%", "50%", "75%", "100%"])
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)


def _message(ax: Axes, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color=MUTED, transform=ax.transAxes)


def tornado(
    labels: Sequence[str],
    lows: Sequence[float],
    highs: Sequence[float],
    base: float,
    *,
    title: str,
    value_label: str,
    currency: str | None = "GBP",
    low_name: str = "Input at its low value",
    high_name: str = "Input at its high value",
    base_name: str = "Base case",
    empty: str = "No uncertain inputs",
) -> Chart:
    """Horizontal bars from the base value to the result at each input's low and high value.

    Rows are drawn in the order given, first at the top (give the widest first).
    """
    rows = list(zip(labels, lows, highs, strict=True))
    shown_base = money(base, currency) if currency else number(base)

    def draw(ax: Axes) -> None:
        if not rows:
            _message(ax, empty)
            return
        places = range(len(rows))
        ax.barh(
            places,
            [lo - base for _, lo, _ in rows],
            left=base,
            height=0.62,
            color=BLUE,
            label=low_name,
        )
        ax.barh(
            places,
            [hi - base for _, _, hi in rows],
            left=base,
            height=0.62,
            color=ORANGE,
            label=high_name,
        )
        ax.axvline(
            base,
            color=INK,
            linewidth=1,
            linestyle=(0, (4, 3)),
            label=f"{base_name} ({shown_base})",
        )
        ax.set_yticks(list(places), labels=[_wrap(label) for label, _, _ in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        _value_axis(ax, "x", *_padded([base, *lows, *highs]), currency)
        ax.set_xlabel(value_label)
        ax.figure.legend(loc="outside lower center", ncols=1, handlelength=1.6)

    lines = sum(_wrap(label).count("\n") + 1 for label, _, _ in rows)
    height = 1.9 + 0.28 * max(len(rows), 2) + 0.14 * lines if rows else 2.0
    return Chart(title, draw, height=round(height, 2))


def _curve(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    title: str,
    value_label: str,
    probability_label: str,
    currency: str | None,
    colour: str,
    marker: float | None,
    marker_name: str,
    empty: str,
) -> Chart:
    points = sorted(zip(xs, ys, strict=True))

    def draw(ax: Axes) -> None:
        if not points:
            _message(ax, empty)
            return
        px = [x for x, _ in points]
        py = [y for _, y in points]
        ax.plot(px, py, color=colour, linewidth=2)
        spread = px if marker is None else [*px, marker]
        _value_axis(ax, "x", *_padded(spread, 0.03), currency)
        _probability_axis(ax)
        if marker is not None:
            shown = money(marker, currency) if currency else number(marker)
            ax.axvline(
                marker,
                color=INK,
                linewidth=1,
                linestyle=(0, (4, 3)),
                label=f"{marker_name} ({shown})",
            )
            ax.figure.legend(loc="outside lower center", handlelength=1.6)
        ax.set_xlabel(value_label)
        ax.set_ylabel(probability_label)

    return Chart(title, draw, height=3.8)


def cumulative_distribution(
    values: Sequence[float],
    shares: Sequence[float],
    *,
    title: str,
    value_label: str,
    share_label: str = "Share at or below",
    currency: str | None = "GBP",
    marker: float | None = 0.0,
    marker_name: str = "Break-even",
    empty: str = "No draws",
) -> Chart:
    """A rising line: the share (0 to 1) of draws at or below each value."""
    return _curve(
        values,
        shares,
        title=title,
        value_label=value_label,
        probability_label=share_label,
        currency=currency,
        colour=BLUE,
        marker=marker,
        marker_name=marker_name,
        empty=empty,
    )


def acceptability_curve(
    costs: Sequence[float],
    probabilities: Sequence[float],
    *,
    title: str,
    value_label: str,
    probability_label: str = "Probability",
    currency: str | None = "GBP",
    marker: float | None = None,
    marker_name: str = "Scenario cost",
    empty: str = "No draws",
) -> Chart:
    """A line of probability (0 to 1) against cost, with the scenario's own cost marked."""
    return _curve(
        costs,
        probabilities,
        title=title,
        value_label=value_label,
        probability_label=probability_label,
        currency=currency,
        colour=GREEN,
        marker=marker,
        marker_name=marker_name,
        empty=empty,
    )


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    value_label: str,
    currency: str | None = None,
    empty: str = "Nothing to show",
) -> Chart:
    """Horizontal bars, one a label, in the order given (first at the top), values written on."""
    rows = list(zip(labels, values, strict=True))

    def draw(ax: Axes) -> None:
        if not rows:
            _message(ax, empty)
            return
        places = range(len(rows))
        ax.barh(places, [v for _, v in rows], height=0.62, color=BLUE)
        for y, (_, v) in enumerate(rows):
            text = money(v, currency) if currency else number(v)
            ax.annotate(  # beyond a positive bar's end; right of zero for a negative one
                text,
                (max(v, 0.0), y),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=9.5,
                color=INK,
            )
        ax.set_yticks(list(places), labels=[_wrap(label) for label, _ in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        lo, hi = min(0.0, *[v for _, v in rows]), max(0.0, *[v for _, v in rows])
        room = (hi - lo or 1.0) * 0.06
        right = hi + (hi - lo or 1.0) * 0.22  # for the values written beyond the bars' ends
        _value_axis(ax, "x", lo - room if lo < 0 else 0.0, right, currency)
        ax.axvline(0, color=MUTED, linewidth=0.8)
        ax.set_xlabel(value_label)

    return Chart(title, draw, height=round(1.4 + 0.36 * max(len(rows), 2), 2))


def density(
    values: Sequence[float],
    heights: Sequence[float],
    *,
    title: str,
    value_label: str,
    currency: str | None = None,
) -> Chart:
    """A small filled curve of how likely each value is: a picture of a distribution."""
    points = sorted(zip(values, heights, strict=True))

    def draw(ax: Axes) -> None:
        px = [x for x, _ in points]
        py = [y for _, y in points]
        ax.fill_between(px, py, color=BLUE, alpha=0.35, linewidth=0)
        ax.plot(px, py, color=BLUE, linewidth=1.5)
        _value_axis(ax, "x", *_padded(px, 0.02), currency)
        ax.set_ylim(0, max(py) * 1.08 or 1.0)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(value_label)

    return Chart(title, draw, height=1.7, width=3.6)
