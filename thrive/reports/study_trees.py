"""The inquiry's two trees of change, drawn from its themes: growth (validating) and distress.

A theme of both valences grows on both trees. A theme whose valence or part of the tree is
not decided yet is listed as unplaced, so the team can see what is left to decide.
Participants are those behind the theme's own codes (a key theme's include its themes').
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from thrive.inquiry.models import Inquiry
from thrive.inquiry.themes import ThemeNode, ThemeTreePart, ThemeValence, overview
from thrive.reports.core.trees import FONT_SIZE, PART_MEANINGS, TreeTheme, draw_tree

VALENCES = {"growth": ThemeValence.VALIDATING, "distress": ThemeValence.INVALIDATING}


@dataclass(frozen=True)
class UnplacedTheme:
    """A theme not on a tree yet, and what the team has still to decide about it."""

    name: str
    missing: str

    def __str__(self) -> str:
        return self.name


@dataclass
class StudyTree:
    """One drawn tree with its text list of (part of the tree, theme, participants)."""

    kind: str
    svg: str
    items: list[tuple[str, str, int]]
    unplaced: list[UnplacedTheme] = field(default_factory=list)

    def by_part(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """The text list grouped: each part of the tree with its (theme, participants)."""
        parts: dict[str, list[tuple[str, int]]] = {}
        for part, name, participants in self.items:
            parts.setdefault(part, []).append((name, participants))
        return list(parts.items())


@dataclass
class StudyTrees:
    growth: StudyTree
    distress: StudyTree
    unplaced: list[UnplacedTheme]

    def __iter__(self) -> Iterator[StudyTree]:
        return iter((self.growth, self.distress))


def part_label(part: str) -> str:
    """A part of the tree as the text list names it: 'Roots (life conditions)'."""
    return f"{ThemeTreePart(part).label} ({PART_MEANINGS[part]})"


def missing(node: ThemeNode) -> str:
    """What is not decided yet about where the theme goes ("" when it has a place)."""
    theme = node.theme
    unset = [
        what
        for what, value in (("valence", theme.valence), ("part of the tree", theme.tree_part))
        if value == "unset"
    ]
    return " and ".join(unset)


def study_trees(
    inquiry: Inquiry, *, hide_small: bool = False, label_size: float = FONT_SIZE
) -> StudyTrees:
    """Both trees of the inquiry, drawn; hide_small writes small counts as "fewer than 5".

    A larger label_size keeps labels readable where the trees are printed small.
    """
    nodes = [n for key in overview(inquiry).key_themes for n in (key, *key.themes)]
    waiting = [(n, UnplacedTheme(n.theme.name, missing(n))) for n in nodes if missing(n)]
    placed = [n for n in nodes if not missing(n)]
    trees = {}
    for kind, valence in VALENCES.items():
        mine = [n for n in placed if n.theme.valence in (valence, ThemeValence.BOTH)]
        mine.sort(key=lambda n: list(PART_MEANINGS).index(n.theme.tree_part))
        themes = [TreeTheme(n.theme.name, n.theme.tree_part, len(n.participants)) for n in mine]
        items = [(part_label(t.part), t.name, t.participants) for t in themes]
        tree_unplaced = [
            u
            for n, u in waiting
            if n.theme.valence in (valence, ThemeValence.BOTH, ThemeValence.UNSET)
        ]
        svg = draw_tree(kind, themes, hide_small=hide_small, label_size=label_size).svg
        trees[kind] = StudyTree(kind, svg, items, tree_unplaced)
    return StudyTrees(trees["growth"], trees["distress"], [u for _, u in waiting])
