"""Values fit for a spreadsheet cell: formulas defused, characters no spreadsheet holds dropped."""

from __future__ import annotations

from thrive.core.text import without_controls

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Numbers as they are; text cleaned and, if a spreadsheet would run it, made plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = without_controls(str(value))
    # Spreadsheets differ on leading blanks, so a formula behind spaces or line breaks counts.
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        text = "'" + text
    return text
