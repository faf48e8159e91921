"""No download runs a formula someone typed into Thrive: every CSV and XLSX cell is made safe."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thrive.economics.core.case import economic_report
from thrive.economics.core.scenario import load_scenario
from thrive.economics.core.tables import headline_csv
from thrive.inquiry.models import Code, Inquiry
from thrive.journeys.models import Person
from thrive.reports.dashboard_figures import today

FORMULA = '=HYPERLINK("http://x","y")'
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula_in_csv(data: bytes) -> None:
    for cell in csv_cells(data):
        assert not cell.startswith(DANGEROUS) or _is_number(cell), cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_formula_in_xlsx(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


@pytest.mark.django_db
def test_it_writes_a_formula_typed_as_a_gender_as_plain_text_in_the_outcome_report(
    login_as, coordinator
):
    met = today() - timedelta(days=20)
    Person.refer(
        on=today() - timedelta(days=30), name="Sam", gender=FORMULA, journey={"first_met_on": met}
    )
    client = login_as(coordinator)
    start = (today() - timedelta(days=365)).isoformat()
    query = f"?from={start}&to={today().isoformat()}"
    as_csv = client.get(reverse("reports:outcome_report_csv") + query)
    assert as_csv.status_code == 200
    assert any("HYPERLINK" in cell for cell in csv_cells(as_csv.content))
    assert_no_formula_in_csv(as_csv.content)
    as_xlsx = client.get(reverse("reports:outcome_report_xlsx") + query)
    texts = assert_no_formula_in_xlsx(as_xlsx.content)
    assert any("HYPERLINK" in text for text in texts)


@pytest.mark.django_db
def test_it_writes_formulas_in_a_codebook_as_plain_text(login_as, co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Cells", from_template=False)
    inquiry.team.add(co_researcher)
    Code.objects.create(inquiry=inquiry, name="=SUM(1,2)", description=FORMULA)
    client = login_as(co_researcher)
    url = reverse("inquiry:codebook_export", args=[inquiry.pk])
    as_csv = client.get(url + "?format=csv").content
    assert "'=SUM(1,2)" in csv_cells(as_csv)
    assert_no_formula_in_csv(as_csv)
    texts = assert_no_formula_in_xlsx(client.get(url + "?format=xlsx").content)
    assert f"'{FORMULA}" in texts


def test_it_writes_the_economics_headline_csv_through_safe_cells():
    report = economic_report(load_scenario("demo"), iterations=0)
    report["provenance"]["code_version"] = FORMULA
    data = headline_csv(report).encode()
    assert f"'{FORMULA}" in csv_cells(data)
    assert_no_formula_in_csv(data)
