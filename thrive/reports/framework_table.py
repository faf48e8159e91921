"""The framework table: the six areas of living, validating beside invalidating.

Each cell holds the inquiry's own themes whose codes carry that area (a theme of both
valences sits on both sides; a theme whose valence is not decided yet is left out) and one
or two approved quotes from those codes. A quote goes to a side unless its code leans the
other way (an invalidating code of a theme of both valences quotes on the invalidating side).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from thrive.framework.models import ServiceFramework
from thrive.inquiry.models import Inquiry, Valence
from thrive.inquiry.quotable import Quote, quotable_codings, quote_of
from thrive.inquiry.themes import Theme, ThemeCode, ThemeValence
from thrive.reports.core.quote_choice import choose_quotes

QUOTES_PER_CELL = 2
SIDES = (ThemeValence.VALIDATING, ThemeValence.INVALIDATING)
OTHER_SIDE = {
    Valence.VALIDATING: ThemeValence.INVALIDATING,
    Valence.INVALIDATING: ThemeValence.VALIDATING,
}


@dataclass(frozen=True)
class Cell:
    """One side of one area: the themes' names and up to two approved quotes."""

    themes: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class FrameworkRow:
    """An area of living (its name; key is the framework's key) with its two sides."""

    area: str
    validating: Cell
    invalidating: Cell
    key: str = ""


@dataclass(frozen=True)
class FrameworkTable:
    """The six rows, in the framework's order."""

    rows: list[FrameworkRow]

    @property
    def is_empty(self) -> bool:
        """True until some theme with a valence has a code of an area."""
        return not any(row.validating.themes or row.invalidating.themes for row in self.rows)


def sides_of(theme_valence: str, code_valence: str) -> list[str]:
    """The sides a passage speaks for: its theme's sides, less the one its code leans against."""
    sides = SIDES if theme_valence == ThemeValence.BOTH else (theme_valence,)
    return [side for side in sides if OTHER_SIDE.get(code_valence) != side]


def framework_table(inquiry: Inquiry) -> FrameworkTable:
    """Six rows, one per area of living of the service's framework, in the framework's order."""
    order = {
        pk: n
        for n, pk in enumerate(Theme.objects.filter(inquiry=inquiry).values_list("pk", flat=True))
    }
    links = (
        ThemeCode.objects.filter(
            theme__inquiry=inquiry, theme__valence__in=[*SIDES, ThemeValence.BOTH]
        )
        .exclude(code__area="")
        .select_related("theme", "code")
    )
    themes: dict[tuple[str, str], set[Theme]] = defaultdict(set)
    theme_of = {}
    for link in links:
        theme_of[link.code_id] = link.theme
        for side in sides_of(link.theme.valence, ""):
            themes[link.code.area, side].add(link.theme)
    quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    codings = quotable_codings(inquiry).filter(code_id__in=theme_of)
    for coding in codings.select_related("code", "transcript__participant"):
        for side in sides_of(theme_of[coding.code_id].valence, coding.code.valence):
            quotes[coding.code.area, side].append(quote_of(coding))

    def cell(area: str, side: str) -> Cell:
        named = sorted(themes[area, side], key=lambda t: order[t.pk])
        return Cell([t.name for t in named], choose_quotes(quotes[area, side], QUOTES_PER_CELL))

    return FrameworkTable(
        [
            FrameworkRow(area.name, cell(area.key, SIDES[0]), cell(area.key, SIDES[1]), area.key)
            for area in ServiceFramework.current().areas
        ]
    )
