"""Codebooks to and from CSV and XLSX."""

import io

import pytest
from openpyxl import Workbook

from thrive.inquiry.codebook_files import (
    HEADERS,
    CodebookError,
    codebook_rows,
    read_codebook,
    table,
)
from thrive.inquiry.models import Inquiry
from thrive.lib.downloads import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_it_round_trips_a_codebook_through_csv_and_xlsx():
    source = Inquiry.objects.create_inquiry("Source")
    source.codes.filter(name="Somewhere to dwell").update(memo="Noise came up a lot.")
    rows = codebook_rows(source)
    for filename, data in (
        ("book.csv", csv_bytes(HEADERS, table(rows))),
        ("book.xlsx", xlsx_bytes(HEADERS, table(rows), "Codebook")),
    ):
        copy = Inquiry.objects.create_inquiry(f"Copy {filename}", from_template=False)
        copy.apply_code_rows(read_codebook(filename, data))
        assert codebook_rows(copy) == rows


def test_it_merges_by_path_and_never_removes_codes():
    inquiry = Inquiry.objects.create_inquiry("Merge")
    before = inquiry.codes.count()
    data = (
        b"code,description,colour\n"
        b"Areas of living / Somewhere to dwell,Home and housing,#112233\n"
        b"New group / New child,,\n"
    )
    added, updated = inquiry.apply_code_rows(read_codebook("x.csv", data))
    assert (added, updated) == (2, 1)
    assert inquiry.codes.count() == before + 2
    assert inquiry.codes.get(name="Somewhere to dwell").colour == "#112233"
    assert inquiry.codes.get(name="New child").parent.name == "New group"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("x.csv", b"", "empty"),
        ("x.csv", b"name\nA\n", "starting with 'code'"),
        ("x.csv", b"code,colour\nA,red\n", "Row 2: colour"),
        ("x.csv", b"code,valence\nA,happy\n", "Row 2: valence"),
        ("x.csv", b"code\nA //  / B\n", "Row 2: the code needs a name"),
        ("x.csv", b"code,codable\nA,perhaps\n", "codable"),
        ("x.csv", b"\xff\xfe\x00bin\x00ary", "binary"),
        ("x.csv", "code\n\u00e9\n".encode("latin-1"), "UTF-8"),
        ("x.xlsx", b"PK\x03\x04 not really", "damaged"),
        ("x.pdf", b"%PDF", "not a .csv"),
        ("x.csv", b"code\n" + b"A\n" * (2 * 1024 * 1024), "larger than 2 MB"),
    ],
)
def test_it_refuses_bad_codebook_files_with_a_plain_message(filename, data, message):
    with pytest.raises(CodebookError, match=message):
        read_codebook(filename, data)


def test_it_reads_choices_by_label_and_ignores_blank_rows():
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Valence", "Tree part"])
    sheet.append(["Hope", "Validating", "Fruits"])
    sheet.append([None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = read_codebook("x.xlsx", buffer.getvalue())
    assert (row.path, row.valence, row.tree_part) == (("Hope",), "validating", "fruits")


def test_it_defuses_formulas_in_exported_cells():
    data = csv_bytes(["code"], [["=SUM(A1)"], ["+1"], ["@x"], ["ok"], [3]]).decode("utf-8-sig")
    assert data.splitlines() == ["code", "'=SUM(A1)", "'+1", "'@x", "ok", "3"]
