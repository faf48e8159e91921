"""A codebook as a flat table (CSV or XLSX) and back, one row per code.

The first column holds the code's path of names from the top of the tree, joined by " / ";
importing merges by that path, so a codebook can be exported, edited and read back in.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import PurePosixPath

from thrive.core.archives import SPREADSHEET, ArchiveError, checked_archive
from thrive.inquiry.core.codebook import PATH_SEPARATOR, CodeRow
from thrive.inquiry.models import Inquiry, TreePart, Valence

HEADERS = ("code", "description", "colour", "memo", "valence", "tree part", "area", "codable")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
YES = {"", "yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class CodebookError(ValueError):
    """A codebook file that cannot be read; the message names the row."""


def codebook_rows(inquiry: Inquiry) -> list[CodeRow]:
    """Every code as a row, parents before children, in reading order."""
    rows = []
    for path, code in sorted(inquiry.codes.by_path().items()):
        rows.append(
            CodeRow(
                path,
                code.description,
                code.colour,
                code.memo,
                code.valence,
                code.tree_part,
                code.area,
                code.codable,
            )
        )
    return rows


def table(rows: list[CodeRow]) -> list[list[object]]:
    return [
        [
            PATH_SEPARATOR.join(row.path),
            row.description,
            row.colour,
            row.memo or "",
            row.valence,
            row.tree_part,
            row.area,
            "yes" if row.codable else "no",
        ]
        for row in rows
    ]


def read_codebook(filename: str, data: bytes) -> list[CodeRow]:
    """Rows from a .csv or .xlsx codebook, or CodebookError with a plain message."""
    if len(data) > MAX_BYTES:
        raise CodebookError(f"{filename} is larger than 2 MB; a codebook is much smaller.")
    if not data.strip():
        raise CodebookError(f"{filename} is empty.")
    extension = PurePosixPath(filename.lower()).suffix
    if extension == ".csv":
        records = _csv_records(filename, data)
    elif extension == ".xlsx":
        records = _xlsx_records(filename, data)
    else:
        raise CodebookError(f"{filename} is not a .csv or .xlsx file.")
    return rows_from_records(records)


def _csv_records(filename: str, data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise CodebookError(f"{filename} looks like a binary file, not CSV.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookError(f"{filename} is not UTF-8 text; save it as CSV UTF-8.") from None
    try:
        return [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    except csv.Error as error:
        raise CodebookError(f"{filename} could not be read as CSV: {error}.") from None


def _xlsx_records(filename: str, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        checked_archive(data, SPREADSHEET, filename)
    except ArchiveError as error:
        raise CodebookError(str(error)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = []
        for row in sheet.iter_rows(values_only=True):
            if len(records) > MAX_ROWS + 1:
                break
            values = ["" if v is None else str(v) for v in row]
            if any(v.strip() for v in values):
                records.append(values)
        book.close()
    except Exception:  # openpyxl raises many kinds on damaged files
        raise CodebookError(f"{filename} is damaged or is not an Excel workbook.") from None
    return records


def rows_from_records(records: list[list[str]]) -> list[CodeRow]:
    """Check and convert table records (first one the header) into CodeRows."""
    if not records:
        raise CodebookError("The codebook has no rows.")
    header = [cell.strip().lower().replace("_", " ") for cell in records[0]]
    if "code" not in header:
        raise CodebookError("The first row must name the columns, starting with 'code'.")
    if len(records) - 1 > MAX_ROWS:
        raise CodebookError(f"The codebook has more than {MAX_ROWS} codes.")
    column = {name: header.index(name) for name in HEADERS if name in header}
    rows = []
    for number, record in enumerate(records[1:], start=2):

        def cell(name: str, record=record) -> str | None:
            index = column.get(name)
            if index is None:
                return None
            return record[index].strip() if index < len(record) else ""

        rows.append(_row(number, cell))
    return rows


def _row(number: int, cell) -> CodeRow:
    path = tuple(part.strip() for part in (cell("code") or "").split("/"))
    if not all(path):
        raise CodebookError(f"Row {number}: the code needs a name (use ' / ' between levels).")
    if any(len(part) > 200 for part in path):
        raise CodebookError(f"Row {number}: a code name is longer than 200 characters.")
    colour = cell("colour") or "#7a9e7e"
    if not COLOUR.fullmatch(colour):
        raise CodebookError(f"Row {number}: colour {colour!r} is not like #7a9e7e.")
    valence = _choice(number, "valence", cell("valence") or Valence.NEUTRAL, Valence)
    tree_part = _choice(number, "tree part", cell("tree part") or "", TreePart)
    area = cell("area") or ""
    if len(area) > 20:
        raise CodebookError(f"Row {number}: the area is longer than 20 characters.")
    codable = (cell("codable") or "").lower()
    if codable not in YES | NO:
        raise CodebookError(f"Row {number}: codable must be yes or no.")
    return CodeRow(
        path,
        cell("description") or "",
        colour.lower(),
        cell("memo"),
        valence,
        tree_part,
        area,
        codable in YES,
    )


def _choice(number: int, name: str, value: str, choices) -> str:
    if value == "":
        return ""
    for key, label in choices.choices:
        if value.lower() in (key, label.lower()):
            return key
    allowed = ", ".join(choices.values)
    raise CodebookError(f"Row {number}: {name} {value!r} is not one of {allowed}.")
