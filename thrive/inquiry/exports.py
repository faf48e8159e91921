"""Tables and passages as files to take away: CSV, XLSX and DOCX responses.

Cells that a spreadsheet would run as a formula (starting =, +, -, @) get a leading
apostrophe, and characters no spreadsheet or Word file may hold are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
XLSX_CELL_LIMIT = 32_767
TABLE_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def safe_cell(value: object) -> object:
    """A value fit for a spreadsheet cell: numbers as they are, text defused and cleaned."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = ILLEGAL.sub("", str(value))
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text


def download(content: bytes | str, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}.{fmt}"'
    return response


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(re.sub(r"[\\/*?:\[\]]", " ", title)[:31] or "Sheet")
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        cells = [safe_cell(value) for value in row]
        sheet.append([c[:XLSX_CELL_LIMIT] if isinstance(c, str) else c for c in cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_response(
    fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A CSV or XLSX download of one table."""
    if fmt == "xlsx":
        return download(xlsx_bytes(headers, rows, filename), filename, "xlsx")
    return download(csv_bytes(headers, rows), filename, "csv")


def docx_bytes(title: str, intro: str, passages: Iterable) -> bytes:
    """Passages as a Word document: a heading per transcript, each quote with its place."""
    from docx import Document

    document = Document()
    document.add_heading(ILLEGAL.sub("", title), level=1)
    if intro:
        document.add_paragraph(ILLEGAL.sub("", intro))
    current = None
    for passage in passages:
        if passage.transcript_id != current:
            current = passage.transcript_id
            heading = passage.transcript_title
            if passage.participant_label:
                heading = f"{heading} ({passage.participant_label})"
            document.add_heading(ILLEGAL.sub("", heading), level=2)
        document.add_paragraph(ILLEGAL.sub("", passage.quote), style="Quote")
        where = f"{passage.code_name} · characters {passage.start}–{passage.end}"
        if passage.coder:
            where += f" · coded by {passage.coder}"
        document.add_paragraph(ILLEGAL.sub("", where))
        if passage.memo:
            document.add_paragraph(ILLEGAL.sub("", f"Memo: {passage.memo}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
