"""The two trees of change drawn as SVG: themes in, a standalone drawing out.

Roots are life conditions, the trunk is how people were treated, branches are activities
and fruits are outcomes. Each theme is one mark (root, strand of the trunk, branch or fruit)
sized by how many participants it came from, with its label in a column beside the tree
and a leader line to its mark. Labels are laid out first, column by column, so none
touches another or leaves the canvas; the canvas grows taller when many need room. Widths
are estimated from the characters, on the generous side, for DejaVu Sans.

Pure and deterministic: the same themes give the same bytes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from thrive.core.small_numbers import FEWER, suppressed
from thrive.core.svg import svg_attribute, svg_text

KINDS = ("growth", "distress")
PARTS = ("roots", "trunk", "branches", "fruits")
PART_MEANINGS = {
    "roots": "life conditions",
    "trunk": "how people were treated",
    "branches": "activities",
    "fruits": "outcomes",
}
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 13  # of labels, unless draw_tree is asked for another
LINE_SPACING = 1.25  # a label's line height, in ems
MAX_LINES = 3
WIDTH = 720
MARGIN = 12
COLUMN = 190  # width of each label column
LEFT_EDGE = MARGIN + COLUMN  # labels on the left end here
RIGHT_EDGE = WIDTH - MARGIN - COLUMN  # labels on the right start here
CENTRE = WIDTH / 2
HALF = (RIGHT_EDGE - LEFT_EDGE) / 2 - 12  # half the width the tree itself may take
GAP = 8  # least room between two labels, and around each part of the tree
MIN_HEIGHTS = {"crown": 220, "trunk": 120, "roots": 110}

COLOURS = {
    "growth": {
        "canopy": "#e3f0d8",
        "wood": "#7a5230",
        "wood_light": "#94663f",
        "root": "#8b6b4a",
        "fruit": "#e0762b",
        "fruit_edge": "#a94f12",
        "highlight": "#f7c08a",
        "ground": "#5f7f2a",
        "earth": "#f4eee4",
    },
    "distress": {
        "canopy": "#ece7e1",
        "wood": "#5b4a3f",
        "wood_light": "#6f5d51",
        "root": "#6a5646",
        "fruit": "#6b4656",
        "fruit_edge": "#45293a",
        "highlight": "#8c6a79",
        "ground": "#7d715f",
        "earth": "#f1eeea",
    },
}
TEXT_COLOUR = "#1f1f1f"
LEADER_COLOUR = "#8a8a8a"
TITLES = {"growth": "Tree of growth", "distress": "Tree of distress"}
SOURCES = {"growth": "validating", "distress": "invalidating"}
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class TreeTheme:
    """A theme to draw: its name, its part of the tree, and how many participants it came from."""

    name: str
    part: str
    participants: int


@dataclass(frozen=True)
class Box:
    """A label's box on the canvas, from its top-left corner."""

    x: float
    y: float
    width: float
    height: float

    def intersects(self, other: Box) -> bool:
        """Whether the two boxes overlap or touch."""
        return not (
            self.x + self.width < other.x
            or other.x + other.width < self.x
            or self.y + self.height < other.y
            or other.y + other.height < self.y
        )

    def inside(self, width: float, height: float) -> bool:
        return (
            self.x >= 0
            and self.y >= 0
            and self.x + self.width <= width
            and self.y + self.height <= height
        )


@dataclass(frozen=True)
class Tree:
    """A drawn tree: the SVG document, its size, each label's box and the trunk's width."""

    svg: str
    width: int
    height: int
    labels: list[Box]
    trunk_width: float


@dataclass
class _Label:
    index: int
    theme: TreeTheme
    lines: list[str]
    width: float
    size: float
    side: int = -1  # -1 left, 1 right
    top: float = 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE_SPACING

    @property
    def middle(self) -> float:
        return self.top + self.height / 2

    def box(self) -> Box:
        x = LEFT_EDGE - self.width if self.side < 0 else RIGHT_EDGE
        return Box(x, self.top, self.width, self.height)


def char_width(char: str) -> float:
    """A generous estimate of one character's width in DejaVu Sans, in ems."""
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.5
    if char == " ":
        return 0.35
    if char in "mwMW@%…":
        return 1.02
    if char.isascii():
        return 0.8 if char.isupper() else 0.65
    return 0.95


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(char_width(c) for c in text) * size


def wrapped(
    text: str, width: float = COLUMN, max_lines: int = MAX_LINES, size: float = FONT_SIZE
) -> list[str]:
    """The text in lines no wider than width, at most max_lines, the last cut short with '…'."""
    words = text.split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:  # a word wider than a line is broken where it must be
            if text_width(current + char, size) > width:
                lines.append(current)
                current = ""
            current += char
    lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def participants_text(count: int, hide_small: bool) -> str:
    shown = suppressed(count) if hide_small else count
    if shown is None:
        return f"from {FEWER} participants"
    return f"from {count} participant{'' if count == 1 else 's'}"


def draw_tree(
    kind: str,
    themes: list[TreeTheme],
    *,
    hide_small: bool = False,
    label_size: float = FONT_SIZE,
) -> Tree:
    """The tree of growth (validating themes) or distress (invalidating themes) as SVG.

    hide_small writes "fewer than 5" for small participant counts in the drawing's text;
    a larger label_size keeps labels readable where the drawing is printed small.
    """
    if not 6 <= label_size <= 40:
        raise ValueError(f"Labels are 6 to 40 units high, not {label_size}.")
    if kind not in KINDS:
        raise ValueError(f"A tree is 'growth' or 'distress', not {kind!r}.")
    for theme in themes:
        if theme.part not in PARTS:
            raise ValueError(f"{theme.name!r} has no part of the tree ({theme.part!r}).")
    clean = [
        TreeTheme(NOT_XML.sub("", t.name).strip() or "(no name)", t.part, max(0, t.participants))
        for t in themes
    ]
    labels = [_Label(n, t, *_measured(t.name, label_size), label_size) for n, t in enumerate(clean)]
    regions = {
        "crown": [lb for lb in labels if lb.theme.part in ("branches", "fruits")],
        "trunk": [lb for lb in labels if lb.theme.part == "trunk"],
        "roots": [lb for lb in labels if lb.theme.part == "roots"],
    }
    for members in regions.values():
        _choose_sides(members)
    heights = {name: _needed(members, MIN_HEIGHTS[name]) for name, members in regions.items()}
    crown_top = MARGIN
    fork = crown_top + heights["crown"] + GAP
    ground = fork + GAP + heights["trunk"] + GAP
    bottom = ground + GAP + heights["roots"]
    height = math.ceil(bottom + MARGIN)
    _stack(regions["crown"], crown_top, crown_top + heights["crown"])
    _stack(regions["trunk"], fork + GAP, ground - GAP)
    _stack(regions["roots"], ground + GAP, bottom)

    most = max((t.participants for t in clean), default=1) or 1
    trunk_support = sum(lb.theme.participants for lb in regions["trunk"])
    trunk_width = min(120.0, 28 + 6 * math.sqrt(trunk_support))
    colours = COLOURS[kind]
    scenery: list[str] = []
    scenery.append(_canopy(crown_top, fork, colours["canopy"]))
    scenery.append(
        f'<rect x="{_n(CENTRE - HALF - 6)}" y="{_n(ground)}" width="{_n(2 * HALF + 12)}" '
        f'height="{_n(bottom - ground)}" fill="{colours["earth"]}"/>'
    )
    scaffold = _scaffold_branches(crown_top, fork, trunk_width)
    for start, control, end in scaffold:
        scenery.append(_tapered(start, control, end, 4.5, 1.5, colours["wood"]))
    for start, control, end in _scaffold_roots(ground, bottom, trunk_width):
        scenery.append(_tapered(start, control, end, 5, 1, colours["root"]))
    scenery.append(_trunk_path(fork, ground, trunk_width, colours["wood"]))
    scenery.append(
        f'<line x1="{_n(CENTRE - HALF - 6)}" y1="{_n(ground)}" x2="{_n(CENTRE + HALF + 6)}" '
        f'y2="{_n(ground)}" stroke="{colours["ground"]}" stroke-width="3" '
        'stroke-linecap="round"/>'
    )
    marks: dict[int, str] = {}
    branches = _draw_branches(regions["crown"], fork, trunk_width, most, colours, marks)
    _draw_fruits(regions["crown"], branches + scaffold, most, colours, kind, marks)
    _draw_strands(regions["trunk"], fork, ground, trunk_width, colours, marks)
    _draw_roots(regions["roots"], ground, trunk_width, most, colours, marks)

    groups = [
        _theme_group(label, marks[label.index], hide_small)
        for label in sorted(labels, key=lambda lb: lb.index)
    ]
    if not clean:
        groups.append(
            f'<text x="{CENTRE}" y="{_n((crown_top + fork) / 2)}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">No themes on this tree yet</text>'
        )
    svg = _document(kind, clean, (WIDTH, height, label_size), scenery, groups)
    return Tree(
        svg,
        WIDTH,
        height,
        [lb.box() for lb in sorted(labels, key=lambda lb: lb.index)],
        trunk_width,
    )


def describe(kind: str, themes: list[TreeTheme]) -> str:
    """The tree in words, for a screen reader."""
    if not themes:
        return f"The {TITLES[kind].lower()} has no themes yet: a bare tree."
    counts = [
        f"{part} ({PART_MEANINGS[part]}): {sum(t.part == part for t in themes)}" for part in PARTS
    ]
    return (
        f"A tree drawn from the inquiry's {SOURCES[kind]} themes, {len(themes)} in all, each sized "
        f"by how many participants it came from. Themes in each part: {'; '.join(counts)}."
    )


def _measured(name: str, size: float) -> tuple[list[str], float]:
    lines = wrapped(name, size=size)
    return lines, max(text_width(line, size) for line in lines)


def _choose_sides(members: list[_Label]) -> None:
    """Each label to the side with less in it so far, so both columns fill alike."""
    used = {-1: 0.0, 1: 0.0}
    for label in members:
        label.side = -1 if used[-1] <= used[1] else 1
        used[label.side] += label.height + GAP


def _needed(members: list[_Label], least: float) -> float:
    need = [sum(lb.height + GAP for lb in members if lb.side == s) + GAP for s in (-1, 1)]
    return max(least, *need)


def _stack(members: list[_Label], top: float, bottom: float) -> None:
    """Spread each side's labels evenly down the region, in order; they always fit."""
    for side in (-1, 1):
        column = _in_order([lb for lb in members if lb.side == side])
        free = (bottom - top) - sum(lb.height for lb in column)
        gap = free / (len(column) + 1)
        y = top + gap
        for label in column:
            label.top = y
            y += label.height + gap


def _in_order(column: list[_Label]) -> list[_Label]:
    """Fruits and branches interleaved evenly down the crown, fruits first: outcomes on top."""
    counts = {part: sum(lb.theme.part == part for lb in column) for part in PARTS}
    seen: dict[str, int] = dict.fromkeys(PARTS, 0)
    keyed = []
    for label in column:
        part = label.theme.part
        keyed.append(((seen[part] + 0.5) / counts[part], part != "fruits", label.index, label))
        seen[part] += 1
    return [row[-1] for row in sorted(keyed, key=lambda row: row[:3])]


Point = tuple[float, float]


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _on_curve(start: Point, control: Point, end: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * start[0] + 2 * u * t * control[0] + t * t * end[0],
        u * u * start[1] + 2 * u * t * control[1] + t * t * end[1],
    )


def _tapered(start: Point, control: Point, end: Point, base: float, tip: float, fill: str) -> str:
    """A limb along a curve, base-wide at its start and tip-wide at its end, as one path."""
    steps = 14
    left, right = [], []
    for step in range(steps + 1):
        t = step / steps
        x, y = _on_curve(start, control, end, t)
        dx = 2 * (1 - t) * (control[0] - start[0]) + 2 * t * (end[0] - control[0])
        dy = 2 * (1 - t) * (control[1] - start[1]) + 2 * t * (end[1] - control[1])
        length = math.hypot(dx, dy) or 1.0
        half = (base + (tip - base) * t) / 2
        nx, ny = -dy / length * half, dx / length * half
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    points = left + right[::-1]
    path = " L".join(f"{_n(x)},{_n(y)}" for x, y in points)
    return f'<path d="M{path} Z" fill="{fill}"/>'


def _thickness(participants: int, most: int, least: float, extra: float) -> float:
    return least + extra * math.sqrt(participants / most)


def _scaffold_branches(top: float, fork: float, trunk: float) -> list[tuple[Point, Point, Point]]:
    """The tree's own bare branches, which carry fruit wherever the crown needs it."""
    limbs = []
    for side in (-1, 1):
        start = (CENTRE + side * trunk * 0.15, fork + 6)
        for reach, height in ((0.35, 0.0), (0.8, 0.3)):
            end = (CENTRE + side * HALF * reach, top + (fork - top) * height)
            limbs.append((start, _bend(start, end), end))
    return limbs


def _scaffold_roots(ground: float, bottom: float, trunk: float) -> list[tuple[Point, Point, Point]]:
    roots = [
        ((CENTRE, ground), (CENTRE, ground + 20), (CENTRE + 6, ground + (bottom - ground) * 0.6))
    ]
    for side in (-1, 1):
        start = (CENTRE + side * trunk * 0.3, ground)
        end = (CENTRE + side * HALF * 0.55, ground + (bottom - ground) * 0.35)
        roots.append((start, _spread(start, end), end))
    return roots


def _canopy(top: float, fork: float, fill: str) -> str:
    """The crown's foliage: an oval with round tufts all along its edge, like a cloud."""
    tuft = 28.0
    rx, ry = HALF - tuft + 8, (fork - top) / 2 - tuft + 6
    cy = (top + fork) / 2
    around = math.pi * (3 * (rx + ry) - math.sqrt((3 * rx + ry) * (rx + 3 * ry)))
    count = max(10, int(around / 40))
    tufts = "".join(
        f'<circle cx="{_n(CENTRE + rx * math.cos(a))}" cy="{_n(cy + ry * math.sin(a))}" '
        f'r="{_n(tuft)}"/>'
        for a in (2 * math.pi * n / count for n in range(count))
    )
    return (
        f'<g fill="{fill}"><ellipse cx="{CENTRE}" cy="{_n(cy)}" rx="{_n(rx)}" ry="{_n(ry)}"/>'
        f"{tufts}</g>"
    )


def _bend(start: Point, end: Point) -> Point:
    """A branch's control point: it rises from the trunk first, then reaches out."""
    return (start[0] + (end[0] - start[0]) * 0.2, end[1] + (start[1] - end[1]) * 0.2)


def _spread(start: Point, end: Point) -> Point:
    """A root's control point: it spreads out under the ground first, then goes down."""
    return (start[0] + (end[0] - start[0]) * 0.7, start[1] + (end[1] - start[1]) * 0.1)


def _draw_branches(crown, fork, trunk, most, colours, marks) -> list[tuple[Point, Point, Point]]:
    """Low branches reach wide; higher ones rise from the middle first, as a crown grows.

    So each branch lies inside the ones below it and no line to a label crosses a branch.
    """
    drawn = []
    for side in (-1, 1):
        mine = [lb for lb in crown if lb.side == side and lb.theme.part == "branches"]
        mine.sort(key=lambda lb: -lb.top)
        for rank, label in enumerate(mine):
            height = rank / max(1, len(mine) - 1)  # 0 the lowest, 1 the highest
            start = (CENTRE + side * trunk * (0.35 - 0.3 * height), fork + 6)
            end = (CENTRE + side * (HALF - 8) * (1 - 0.4 * height), label.middle)
            out, up = 0.75 - 0.65 * height, 0.15 + 0.65 * height
            control = (start[0] + (end[0] - start[0]) * out, start[1] + (end[1] - start[1]) * up)
            width = _thickness(label.theme.participants, most, 3, 9)
            limb = _tapered(
                start, control, end, width, max(1.5, width * 0.35), colours["wood_light"]
            )
            marks[label.index] = limb + _leader(label, end[0])
            drawn.append((start, control, end))
    return drawn


def _draw_fruits(crown, limbs, most, colours, kind, marks) -> None:
    for k, label in enumerate(lb for lb in crown if lb.theme.part == "fruits"):
        radius = _thickness(label.theme.participants, most, 4, 9)
        stem_top = label.middle - radius - 4
        mine = [limb for limb in limbs if (limb[2][0] - CENTRE) * label.side > 0]
        holding = [limb for limb in mine if limb[2][1] <= stem_top <= limb[0][1]] or mine
        start, control, end = holding[k % len(holding)]
        x, y = _on_curve(start, control, end, _t_at(start, control, end, stem_top))
        cy = y + radius + 4
        stem = (
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(cy - radius)}" '
            f'stroke="{colours["wood"]}" stroke-width="1.5"/>'
        )
        if kind == "growth":
            body = (
                f'<circle cx="{_n(x)}" cy="{_n(cy)}" r="{_n(radius)}" fill="{colours["fruit"]}" '
                f'stroke="{colours["fruit_edge"]}" stroke-width="1"/>'
                f'<circle cx="{_n(x - radius * 0.35)}" cy="{_n(cy - radius * 0.35)}" '
                f'r="{_n(radius * 0.25)}" fill="{colours["highlight"]}"/>'
            )
        else:  # withered: drooping and dark
            body = (
                f'<ellipse cx="{_n(x)}" cy="{_n(cy + radius * 0.1)}" rx="{_n(radius * 0.8)}" '
                f'ry="{_n(radius * 1.1)}" fill="{colours["fruit"]}" '
                f'stroke="{colours["fruit_edge"]}" stroke-width="1"/>'
            )
        reach = x + label.side * radius
        marks[label.index] = stem + body + _leader(label, reach, cy)


def _t_at(start: Point, control: Point, end: Point, y: float) -> float:
    """Where along a curve (whose height only ever rises or falls) it is at height y."""
    low, high = 0.0, 1.0
    rising = end[1] < start[1]
    for _ in range(30):
        mid = (low + high) / 2
        above = _on_curve(start, control, end, mid)[1] < y
        if above == rising:
            high = mid
        else:
            low = mid
    return (low + high) / 2


def _trunk_path(fork: float, ground: float, width: float, fill: str) -> str:
    base, top = width * 1.35, width * 0.8
    bend = min(40.0, (ground - fork) / 3)
    return (
        f'<path d="M{_n(CENTRE - base / 2)},{_n(ground + 2)} '
        f"Q{_n(CENTRE - width / 2)},{_n(ground - 4)} {_n(CENTRE - width / 2)},{_n(ground - bend)} "
        f"L{_n(CENTRE - top / 2)},{_n(fork)} L{_n(CENTRE + top / 2)},{_n(fork)} "
        f"L{_n(CENTRE + width / 2)},{_n(ground - bend)} "
        f'Q{_n(CENTRE + width / 2)},{_n(ground - 4)} {_n(CENTRE + base / 2)},{_n(ground + 2)} Z" '
        f'fill="{fill}"/>'
    )


def _draw_strands(trunk_labels, fork, ground, width, colours, marks) -> None:
    """Each trunk theme a strand of the trunk, as wide as its share of the participants."""
    weights = {lb.index: max(1, lb.theme.participants) for lb in trunk_labels}
    total = sum(weights.values())
    position = 0.0

    def at(y: float, fraction: float) -> float:
        return _strand_x(y, fraction, fork, ground, width)

    for k, label in enumerate(sorted(trunk_labels, key=lambda lb: (lb.side, lb.index))):
        left = position - 0.5
        position += weights[label.index] / total
        right = position - 0.5
        shade = colours["wood_light"] if k % 2 else colours["wood"]
        strand = (
            f'<path d="M{_n(at(fork, left))},{_n(fork)} L{_n(at(fork, right))},{_n(fork)} '
            f'L{_n(at(ground, right))},{_n(ground)} L{_n(at(ground, left))},{_n(ground)} Z" '
            f'fill="{shade}" stroke="{colours["fruit_edge"]}" stroke-width="0.5"/>'
        )
        y = label.middle
        x = at(y, (left + right) / 2)
        knot = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{colours["highlight"]}"/>'
        marks[label.index] = strand + knot + _leader(label, x)


def _strand_x(y: float, fraction: float, fork: float, ground: float, width: float) -> float:
    """Where a fraction of the trunk's width (-0.5 to 0.5) lies at height y; it widens below."""
    local = width * (0.8 + 0.2 * (y - fork) / max(1.0, ground - fork))
    return CENTRE + fraction * local * 0.96


def _draw_roots(roots, ground, trunk, most, colours, marks) -> None:
    """Shallow roots spread wide along the ground; deeper ones go down first, nearer the middle.

    So each root lies inside the ones above it and no line to a label crosses a root.
    """
    for side in (-1, 1):
        mine = sorted((lb for lb in roots if lb.side == side), key=lambda lb: lb.top)
        for rank, label in enumerate(mine):
            depth = rank / max(1, len(mine) - 1)  # 0 the shallowest, 1 the deepest
            start = (CENTRE + side * trunk * (0.6 - 0.5 * depth), ground)
            end = (CENTRE + side * (HALF - 6) * (1 - 0.5 * depth), label.middle)
            out, down = 0.85 - 0.75 * depth, 0.1 + 0.75 * depth
            control = (start[0] + (end[0] - start[0]) * out, ground + (end[1] - ground) * down)
            width = _thickness(label.theme.participants, most, 3, 9)
            limb = _tapered(start, control, end, width, max(1.0, width * 0.2), colours["root"])
            marks[label.index] = limb + _leader(label, end[0])


def _leader(label: _Label, x: float, y: float | None = None) -> str:
    """A thin line from a mark across to its label."""
    y = label.middle if y is None else y
    to = LEFT_EDGE + 4 if label.side < 0 else RIGHT_EDGE - 4
    return (
        f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(to)}" y2="{_n(label.middle)}" '
        f'stroke="{LEADER_COLOUR}" stroke-width="1"/>'
    )


def _theme_group(label: _Label, mark: str, hide_small: bool) -> str:
    theme = label.theme
    title = f"{theme.name} ({PART_MEANINGS[theme.part]}), " + participants_text(
        theme.participants, hide_small
    )
    anchor, x = ("end", LEFT_EDGE) if label.side < 0 else ("start", RIGHT_EDGE)
    baseline = label.top + label.size * 0.95
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(baseline + n * label.size * LINE_SPACING)}">'
        f"{svg_text(line)}</tspan>"
        for n, line in enumerate(label.lines)
    )
    return (
        f'<g class="theme theme-{theme.part}"><title>{svg_text(title)}</title>{mark}'
        f'<text class="tree-label" text-anchor="{anchor}" fill="{TEXT_COLOUR}">{spans}</text></g>'
    )


def _document(kind, themes, size, scenery, groups) -> str:
    width, height, font_size = size
    ids = f"{kind}-tree-title {kind}-tree-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ids}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family={svg_attribute(FONT_FAMILY)} font-size="{_n(font_size)}" '
        f'class="tree tree-{kind}">'
        f'<title id="{kind}-tree-title">{TITLES[kind]}</title>'
        f'<desc id="{kind}-tree-desc">{svg_text(describe(kind, themes))}</desc>'
        f'<g class="scenery">{"".join(scenery)}</g>{"".join(groups)}</svg>'
    )
