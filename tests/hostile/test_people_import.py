"""People and outcome files, generated as CSV and XLSX: a clean result or a refusal, all or none."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.hostile.conftest import examples
from tests.hostile.strategies import CONTROLS, TEXT, mutated, one_line
from thrive.journeys.models import Journey, Outcome, Person
from thrive.journeys.people_import import KINDS, ImportProblem, import_file

pytestmark = pytest.mark.django_db

COLUMNS = sorted({c for required, optional in KINDS.values() for c in required + optional})
HEADERS = st.lists(st.sampled_from([*COLUMNS, "unknown", ""]), min_size=1, max_size=8).map(
    lambda columns: list(dict.fromkeys(["reference", "name", "referred_on", *columns]))
)
CELLS = st.one_of(
    TEXT,
    CONTROLS,
    st.sampled_from(["2025-02-01", "2999-01-01", "1800-01-01", "2025-02-30", "yes", "no", "7"]),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
XLSX_CELLS = st.one_of(
    TEXT,
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Journey.objects.count(), Outcome.objects.count()


def import_and_check(kind: str, name: str, content: bytes, dry_run: bool) -> None:
    """Import inside a savepoint rolled back afterwards, so each example starts empty."""
    with transaction.atomic():
        before = counts()
        try:
            result = import_file(kind, name, content, dry_run=dry_run)
        except ImportProblem as problem:
            one_line(str(problem))
            assert counts() == before
        else:
            for refusal in result.refused:
                one_line(str(refusal))
            if result.refused or dry_run:
                assert not result.written and counts() == before
            else:
                assert result.written
                if kind == "people":
                    assert counts()[0] == before[0] + result.rows
                else:
                    assert counts()[2] == before[2] + result.rows
        transaction.set_rollback(True)


@settings(max_examples=examples(40))
@given(
    kind=st.sampled_from(["people", "outcomes"]),
    header=HEADERS,
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    dry_run=st.booleans(),
)
def test_it_imports_a_generated_csv_whole_or_not_at_all(worker, kind, header, rows, dry_run):
    import_and_check(kind, "people.csv", csv_bytes(header, rows), dry_run)


@settings(max_examples=examples(25))
@given(
    kind=st.sampled_from(["people", "outcomes"]),
    header=HEADERS,
    rows=st.lists(st.lists(XLSX_CELLS, max_size=9), max_size=5),
    dry_run=st.booleans(),
)
def test_it_imports_a_generated_spreadsheet_whole_or_not_at_all(
    worker, kind, header, rows, dry_run
):
    import_and_check(kind, "people.xlsx", xlsx_bytes(header, rows), dry_run)


GOOD_CSV = b"reference,name,referred_on\nOLD-1,Sam,2025-02-01\nOLD-2,Alex,2025-03-01\n"
GOOD_XLSX = xlsx_bytes(["reference", "name", "referred_on"], [["OLD-1", "Sam", date(2025, 2, 1)]])


@settings(max_examples=examples(40))
@given(
    name=st.sampled_from(["people.csv", "people.xlsx", "people.txt", "PEOPLE.XLSX"]),
    data=st.data(),
)
def test_it_imports_mutated_files_whole_or_not_at_all(worker, name, data):
    original = GOOD_XLSX if name.lower().endswith("xlsx") else GOOD_CSV
    import_and_check("people", name, data.draw(mutated(original)), dry_run=False)


@settings(max_examples=examples(30))
@given(content=st.binary(max_size=1024), name=st.sampled_from(["a.csv", "a.xlsx", "a"]))
def test_it_refuses_arbitrary_bytes_in_one_line(content, name):
    import_and_check("people", name, content, dry_run=False)
