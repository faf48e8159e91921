"""The outcome report: the brief's year from the demo, on the web and the command line."""

import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from openpyxl import load_workbook

from thrive.demo.load import load_demo
from thrive.journeys.models import Person
from thrive.reports.cli import outcomes
from thrive.reports.dashboard_figures import today, year_to
from thrive.reports.outcome_report import employment_baseline

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_demo()


def period_query() -> str:
    start, end = year_to(today())
    return f"?from={start.isoformat()}&to={end.isoformat()}"


def test_it_prints_the_demo_year_as_json(demo):
    start, end = year_to(today())
    result = CliRunner().invoke(
        outcomes, ["--from", start.isoformat(), "--to", end.isoformat(), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["people_supported"] == 113
    assert data["outcomes"] == {
        "employment": 13,
        "education": 22,
        "training": 21,
        "volunteering": 14,
    }
    assert data["total_outcomes"] == 70
    assert data["outcome_ratio"] == 0.62
    assert data["ips"]["job_starts"] == 13
    assert data["employment_baseline"] == [0.034, 0.049]


def test_it_defaults_to_the_twelve_months_to_today(demo):
    data = json.loads(CliRunner().invoke(outcomes, ["--json"]).output)
    assert (data["from"], data["to"]) == tuple(d.isoformat() for d in year_to(today()))
    assert data["total_outcomes"] == 70


def test_it_refuses_a_bad_date_or_a_backwards_period_on_the_command_line(db):
    assert CliRunner().invoke(outcomes, ["--from", "2025-02-30"]).exit_code == 2
    backwards = CliRunner().invoke(outcomes, ["--from", "2025-06-01", "--to", "2025-01-01"])
    assert backwards.exit_code == 1 and "--from must be on or before --to" in backwards.output


def test_it_shows_the_same_figures_on_the_web(demo, login_as, coordinator):
    page = (
        login_as(coordinator)
        .get(reverse("reports:outcome_report") + period_query())
        .content.decode()
    )
    assert 'data-figure="people_supported">113<' in page
    assert 'data-figure="total_outcomes">70<' in page
    assert 'data-figure="outcome_ratio">62%<' in page
    for label, n in (("Employment", 13), ("Education", 22), ("Training", 21), ("Volunteering", 14)):
        assert re.search(rf"{label} outcomes</th><td class=\"num\"[^>]*>{n}<", page), label
    assert "<svg" in page and 'role="img"' in page
    assert "3.4–4.9%" in page and "IPS benchmark: 40%" in page


def test_it_defaults_the_web_report_to_the_twelve_months_to_today(demo, login_as):
    commissioner = get_user_model().objects.get(username="commissioner")
    page = login_as(commissioner).get(reverse("reports:outcome_report")).content.decode()
    assert 'data-figure="total_outcomes">70<' in page


def test_it_downloads_csv_and_xlsx_with_the_same_figures(demo, login_as, coordinator):
    client = login_as(coordinator)
    response = client.get(reverse("reports:outcome_report_csv") + period_query())
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Service", "All outcomes", "70", ""] in rows
    assert ["Service", "People supported", "113", ""] in rows
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("reports:outcome_report_xlsx")).content)
    ).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Service", "All outcomes", 70, None] in values


def test_it_has_a_print_page_without_navigation(demo, login_as, coordinator):
    page = login_as(coordinator).get(reverse("reports:outcome_report_print") + period_query())
    html = page.content.decode()
    assert 'data-figure="total_outcomes">70<' in html
    assert 'aria-label="Main"' not in html


def test_it_counts_a_new_outcome_straight_away(demo, login_as, coordinator):
    from thrive.journeys.models import Outcome

    journey = Person.objects.get(reference="DEMO-0001").journeys.get()
    Outcome.objects.create(journey=journey, kind="volunteering", achieved_on=today())
    page = login_as(coordinator).get(reverse("reports:outcome_report")).content.decode()
    assert 'data-figure="total_outcomes">71<' in page


def test_it_refuses_bad_periods_with_an_error_title_not_a_500(login_as, coordinator):
    client = login_as(coordinator)
    for query in (
        "?from=yesterday",
        "?to=2025-02-30",
        "?from=2025-06-01&to=2025-01-01",
        "?from=" + "9" * 500,
    ):
        response = client.get(reverse("reports:outcome_report") + query)
        assert response.status_code == 400, query
        assert "<title>Error: Outcome report" in response.content.decode()


def test_it_suppresses_small_counts_for_viewers_but_not_for_coordinators(
    login_as, viewer, coordinator
):
    person = Person.refer(on=date(2025, 4, 1), name="Ada", gender="Woman", journey={})
    journey = person.open_journey
    journey.note_meeting(date(2025, 4, 2))
    journey.outcomes.create(kind="employment", achieved_on=date(2025, 6, 1), hours_per_week=10)
    query = "?from=2025-04-01&to=2026-03-31"
    seen_by_viewer = (
        login_as(viewer).get(reverse("reports:outcome_report") + query).content.decode()
    )
    assert 'data-figure="total_outcomes">fewer than 5<' in seen_by_viewer
    assert 'data-figure="outcome_ratio">not shown (small numbers)<' in seen_by_viewer
    seen_by_coordinator = (
        login_as(coordinator).get(reverse("reports:outcome_report") + query).content.decode()
    )
    assert 'data-figure="total_outcomes">1<' in seen_by_coordinator
    assert 'Woman</th><td class="num">fewer than 5<' in seen_by_coordinator


def test_it_refuses_the_report_to_anonymous_visitors(client):
    assert client.get(reverse("reports:outcome_report")).status_code == 302


def test_it_refuses_post(login_as, coordinator):
    assert login_as(coordinator).post(reverse("reports:outcome_report")).status_code == 405


def test_it_reads_the_employment_baseline_and_refuses_nonsense(monkeypatch):
    assert employment_baseline() == (0.034, 0.049)
    monkeypatch.setenv("THRIVE_EMPLOYMENT_BASELINE", "5%")
    assert employment_baseline() == (0.05, 0.05)
    for bad in ("lots", "9-3", "120", "-1"):
        monkeypatch.setenv("THRIVE_EMPLOYMENT_BASELINE", bad)
        with pytest.raises(ImproperlyConfigured):
            employment_baseline()
