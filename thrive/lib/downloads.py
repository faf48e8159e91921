"""Tables as files to take away (CSV and XLSX) and the response that carries any download.

Every cell goes through thrive.core.cells.safe_cell, so no spreadsheet runs a formula
someone typed into Thrive.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from thrive.core.cells import safe_cell

XLSX_CELL_LIMIT = 32_767
TABLE_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "svg": "image/svg+xml; charset=utf-8",
}


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
