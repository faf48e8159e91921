"""A codebook as flat rows by path of names (CSV, spreadsheet), and back to nested specs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from thrive.inquiry.core.starting_codebook import CodeSpec

PATH_SEPARATOR = " / "


@dataclass(frozen=True)
class CodeRow:
    """One code of a flat codebook (CSV, spreadsheet): its path of names from the top."""

    path: tuple[str, ...]
    description: str = ""
    colour: str = "#7a9e7e"
    memo: str | None = None
    valence: str = "neutral"
    tree_part: str = ""
    area: str = ""
    codable: bool = True


def rows_from_specs(specs: Iterable[CodeSpec], above: tuple[str, ...] = ()) -> list[CodeRow]:
    """A nested codebook as flat rows, parents before children."""
    rows: list[CodeRow] = []
    for spec in specs:
        path = (*above, spec.name)
        rows.append(
            CodeRow(
                path,
                spec.description,
                spec.colour,
                None,
                spec.valence,
                spec.tree_part,
                spec.area,
                spec.codable,
            )
        )
        rows.extend(rows_from_specs(spec.children, path))
    return rows
