"""The inquiry team's pages for the appendix tables and the framework table."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.reports.tables_study import make_tables_study
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(coordinator):
    return make_tables_study(coordinator)


def appendix_url(study) -> str:
    return reverse("reports:appendix_tables", args=[study.inquiry.pk])


def framework_url(study) -> str:
    return reverse("reports:framework_table", args=[study.inquiry.pk])


def test_it_shows_the_three_tables_with_each_warning_above_its_table(login_as, coordinator, study):
    page = login_as(coordinator).get(appendix_url(study)).content.decode()
    demographics, vocational, impact = (
        page.index(f'id="{slug}-heading"')
        for slug in ("demographics", "vocational-outcomes", "impact-and-outcomes")
    )
    warning = page.index("With only 3 participants")
    assert demographics < warning < page.index('id="demographics-caption"') < vocational < impact
    assert page.count('class="table-scroll"') == 3
    assert "“I believe in myself.”" in page and "waiting for their approval" in page


def test_it_never_shows_unapproved_or_withdrawn_words(login_as, coordinator, study):
    client = login_as(coordinator)
    for url in (appendix_url(study), framework_url(study)):
        page = client.get(url).content.decode()
        for words in ("I stopped the tablets.", "Home at last.", "withdrawn home", "P4"):
            assert words not in page


def test_reading_the_tables_is_audited(login_as, coordinator, study):
    client = login_as(coordinator)
    client.get(appendix_url(study))
    client.get(framework_url(study))
    details = AuditEvent.objects.filter(
        action=Action.VIEW, subject_type="inquiry", subject_id=str(study.inquiry.pk)
    ).values_list("detail", flat=True)
    assert sorted(details) == ["appendix tables", "framework table"]


def test_each_table_downloads_as_csv(login_as, coordinator, study):
    response = login_as(coordinator).get(
        appendix_url(study), {"table": "vocational-outcomes", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tables-study-vocational-outcomes.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Participant", "Employment", "Education", "Training", "Volunteering"]
    assert rows[1:] == [
        ["P1", "—", "Yes", "—", "Yes"],
        ["P2", "Yes", "—", "—", "—"],
        ["P3", "—", "—", "—", "—"],
    ]
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, detail="Vocational outcomes table as csv"
    ).exists()


def test_each_table_downloads_as_a_real_xlsx_workbook(login_as, coordinator, study):
    response = login_as(coordinator).get(
        appendix_url(study), {"table": "demographics", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Participant", "Age", "Ethnicity"] and rows[1][:2] == ["P1", "57"]


@pytest.mark.parametrize(
    "query", [{"table": "nonsense", "format": "csv"}, {"table": "demographics", "format": "pdf"}]
)
def test_an_unknown_table_or_format_gets_one_clear_message_and_no_download(
    login_as, coordinator, study, query
):
    response = login_as(coordinator).get(appendix_url(study), query)
    assert response.status_code == 400
    assert (
        "Choose one of the tables below and download it as CSV or Excel (XLSX)."
        in response.content.decode()
    )
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_the_framework_table_shows_themes_and_quotes_linking_to_the_passage(
    login_as, coordinator, study
):
    page = login_as(coordinator).get(framework_url(study)).content.decode()
    assert page.count('<th scope="row">') == 6
    assert "A home of one&#x27;s own" in page and "Noise and fear" in page
    assert "Not sure yet" not in page
    transcript = study.participants["P1"].transcripts.get()
    assert f"/inquiries/{study.inquiry.pk}/transcripts/{transcript.pk}/?hl=" in page


def test_a_worker_off_the_team_is_turned_away(login_as, worker, study):
    client = login_as(worker)
    assert client.get(appendix_url(study)).status_code == 403
    assert client.get(framework_url(study)).status_code == 403


def test_the_pages_only_answer_get(login_as, coordinator, study):
    assert login_as(coordinator).post(appendix_url(study)).status_code == 405


def test_the_inquiry_page_links_to_both_tables(login_as, coordinator, study):
    page = (
        login_as(coordinator)
        .get(reverse("inquiry:detail", args=[study.inquiry.pk]))
        .content.decode()
    )
    assert f'href="{appendix_url(study)}"' in page and f'href="{framework_url(study)}"' in page


def test_a_new_inquiry_shows_what_is_missing_instead_of_empty_tables(login_as, coordinator):
    inquiry = Inquiry.objects.create_inquiry("Just started", user=coordinator)
    client = login_as(coordinator)
    appendix = client.get(reverse("reports:appendix_tables", args=[inquiry.pk])).content.decode()
    assert appendix.count("No participants are taking part yet.") == 3
    assert "Before this table goes in a report" not in appendix
    framework = client.get(reverse("reports:framework_table", args=[inquiry.pk])).content.decode()
    assert "No theme is placed yet." in framework
