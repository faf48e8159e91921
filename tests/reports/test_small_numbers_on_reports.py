"""Small numbers never reach people who may only see aggregates (finding 5).

A commissioner's outcome report, its downloads, its print page, the dashboard and
`thrive outcomes --hide-small --json` follow one policy (thrive.core.small_numbers): no
count from 1 to 4 is shown, none can be worked out from a total, and answers people wrote
in their own words are shown to viewers only as "Another answer".
"""

import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.core.test_small_numbers import (
    assert_nothing_hidden_can_be_worked_out as check_equations,
)
from thrive.demo.load import load_demo
from thrive.journeys.models import Person
from thrive.reports.cli import outcomes as outcomes_command
from thrive.reports.core.figures import (
    OUTCOME_KINDS,
    OutcomeFigures,
    OutcomeReport,
    PersonRow,
    age_band,
    age_band_order,
    breakdown,
)
from thrive.reports.dashboard_figures import today, year_to
from thrive.reports.outcome_report import _counts_and_sums, as_seen

pytestmark = pytest.mark.django_db

BREAKDOWNS = ("By gender", "By age band", "By ethnicity")
KINDS = ("Employment", "Education", "Training", "Volunteering")


@pytest.fixture
def commissioner():
    load_demo()
    return get_user_model().objects.get(username="commissioner")


def year_query() -> str:
    start, end = year_to(today())
    return f"?from={start.isoformat()}&to={end.isoformat()}"


def number(shown) -> int | None:
    """A shown count as a number, or None when it is hidden."""
    if isinstance(shown, int):
        return shown
    digits = str(shown).replace(",", "")
    return int(digits) if digits.isdigit() else None


def assert_nothing_hidden_can_be_worked_out(service: dict, groups: dict) -> None:
    """Every shown count is 0 or at least 5, and no sum shown has exactly one hidden count.

    service: measure → shown value; groups: breakdown → [(group, people, with an outcome)].
    """
    for measure, shown in service.items():
        n = number(shown)
        assert n is None or n == 0 or n >= 5 or "rate" in measure or "ratio" in measure, (
            measure,
            shown,
        )
    sums = [(service["All outcomes"], [service[f"{kind} outcomes"] for kind in KINDS])]
    for title, rows in groups.items():
        assert rows, title
        sums.append((service["People supported"], [people for _, people, _ in rows]))
        sums.append((service["People with at least one outcome"], [w for _, _, w in rows]))
        for group, people, with_outcome in rows:
            for shown in (people, with_outcome):
                assert number(shown) is None or not 0 < number(shown) < 5, (title, group, shown)
            if number(people) is not None and number(with_outcome) is not None:
                without = number(people) - number(with_outcome)
                assert not 0 < without < 5, (title, group, "without an outcome", without)
    for total, parts in sums:
        hidden = [p for p in parts if number(p) is None]
        if number(total) is not None and len(hidden) == 1:
            worked_out = number(total) - sum(number(p) for p in parts if number(p) is not None)
            raise AssertionError(f"a hidden count is {worked_out}: {total} − {parts}")


def from_table(rows) -> tuple[dict, dict]:
    """(service figures, breakdowns) from the CSV/XLSX rows (section, measure, value, note)."""
    service, groups = {}, {title: {} for title in BREAKDOWNS}
    for section, measure, value, _note in rows[1:]:
        if section in BREAKDOWNS:
            group, what = measure.rsplit(": ", 1)
            groups[section].setdefault(group, {})[what] = value
        else:
            service[measure] = value
    return service, {
        title: [(g, v["people supported"], v["with an outcome"]) for g, v in rows.items()]
        for title, rows in groups.items()
    }


FIGURE_ROW = r'<tr><th scope="row">([^<]+)</th><td class="num" data-figure="[^"]*">([^<]*)<'
GROUP_ROW = r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]*)</td><td class="num">([^<]*)<'


def from_page(html: str) -> tuple[dict, dict]:
    service = dict(re.findall(FIGURE_ROW, html))
    groups = {}
    for title in BREAKDOWNS:
        table = html.split(f"<caption>{title}</caption>", 1)[1].split("</table>", 1)[0]
        groups[title] = re.findall(GROUP_ROW, table)
    return service, groups


def test_it_leaves_no_hidden_count_of_the_demo_page_derivable_for_a_commissioner(
    commissioner, login_as
):
    client = login_as(commissioner)
    for name in ("reports:outcome_report", "reports:outcome_report_print"):
        html = client.get(reverse(name) + year_query()).content.decode()
        service, groups = from_page(html)
        assert service["People supported"] == "113"
        assert_nothing_hidden_can_be_worked_out(service, groups)
        # the example: 113 − (12+27+24+22+25) would give the 3 of unknown age
        ages = dict((g, p) for g, p, _ in groups["By age band"])
        assert ages["Not recorded"] == "fewer than 5"
        assert "not shown" in ages.values()


def test_it_leaves_no_hidden_count_of_the_demo_downloads_derivable_for_a_commissioner(
    commissioner, login_as
):
    client = login_as(commissioner)
    response = client.get(reverse("reports:outcome_report_csv") + year_query())
    assert_nothing_hidden_can_be_worked_out(
        *from_table(list(csv.reader(io.StringIO(response.content.decode()))))
    )
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("reports:outcome_report_xlsx") + year_query()).content)
    ).active
    rows = [[c.value if c.value is not None else "" for c in row] for row in sheet.iter_rows()]
    assert_nothing_hidden_can_be_worked_out(*from_table(rows))


def test_it_hides_small_counts_in_the_command_line_json_when_asked(commissioner):
    start, end = year_to(today())
    period = ["--from", start.isoformat(), "--to", end.isoformat(), "--json"]
    hidden = json.loads(CliRunner().invoke(outcomes_command, [*period, "--hide-small"]).output)
    ages = {row["group"]: row["people"] for row in hidden["by_age_band"]}
    assert ages["Not recorded"] == "fewer than 5"
    assert "not shown" in ages.values()
    full = json.loads(CliRunner().invoke(outcomes_command, period).output)
    assert {row["group"]: row["people"] for row in full["by_age_band"]}["Not recorded"] == 3


def one_person_met_on(day: date, **details) -> Person:
    person = Person.refer(on=day, name="Ada", journey={}, **details)
    person.open_journey.note_meeting(day)
    return person


def test_it_says_fewer_than_5_first_meetings_for_a_one_day_report(login_as, viewer):
    day = date(2025, 5, 6)
    one_person_met_on(day)
    query = f"?from={day.isoformat()}&to={day.isoformat()}"
    page = login_as(viewer).get(reverse("reports:outcome_report") + query).content.decode()
    assert "fewer than 5 first meetings in the period" in page
    assert "1 first meeting" not in page
    assert 'data-figure="people_supported-row">fewer than 5<' in page


def test_it_says_1_first_meeting_in_the_singular_to_a_coordinator(login_as, coordinator):
    day = date(2025, 5, 6)
    one_person_met_on(day)
    query = f"?from={day.isoformat()}&to={day.isoformat()}"
    page = login_as(coordinator).get(reverse("reports:outcome_report") + query).content.decode()
    assert "1 first meeting in the period" in page
    assert "1 first meetings" not in page


def test_it_shows_an_answer_in_someones_own_words_to_a_coordinator_only(
    login_as, viewer, coordinator
):
    day = date(2025, 5, 6)
    for n in range(6):
        one_person_met_on(day, ethnicity="Cornish", gender="Genderfluid" if n else "Woman")
    for _ in range(6):
        one_person_met_on(day, ethnicity="white british", gender="Man")
    query = f"?from={day.isoformat()}&to={day.isoformat()}"
    seen = login_as(viewer).get(reverse("reports:outcome_report") + query).content.decode()
    assert "Cornish" not in seen and "Genderfluid" not in seen
    assert '<th scope="row">Another answer</th><td class="num">6<' in seen
    assert '<th scope="row">White British</th><td class="num">6<' in seen
    csv_text = login_as(viewer).get(reverse("reports:outcome_report_csv") + query).content.decode()
    assert "Cornish" not in csv_text and "Another answer" in csv_text
    for_coordinator = (
        login_as(coordinator).get(reverse("reports:outcome_report") + query).content.decode()
    )
    assert "Cornish" in for_coordinator and "Genderfluid" in for_coordinator


def test_it_suppresses_the_dashboard_for_a_commissioner_by_the_same_policy(
    login_as, viewer, coordinator
):
    day = today()
    person = one_person_met_on(day, gender="Woman")
    person.open_journey.outcomes.create(kind="training", achieved_on=day)
    seen = login_as(viewer).get(reverse("reports:dashboard")).content.decode()
    assert 'data-figure="people_supported">fewer than 5<' in seen
    assert 'data-figure="total_outcomes">fewer than 5<' in seen
    assert ">1<" not in seen
    for_coordinator = login_as(coordinator).get(reverse("reports:dashboard")).content.decode()
    assert 'data-figure="people_supported">1<' in for_coordinator


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Woman", "Man", "Non-binary", "Agender", ""]),
            st.sampled_from([None, 1960, 1980, 1990, 2003]),
            st.sampled_from(["White British", "Mixed", "Cornish", "Black African", ""]),
            st.booleans(),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_no_hidden_count_of_any_report_can_be_worked_out(people, hide_small):
    """Random services: no sum on the report, complements included, gives a hidden count away."""
    rows = [PersonRow(n, g, born, eth) for n, (g, born, eth, _) in enumerate(people)]
    supported = {row.person_id for row in rows}
    achievers = {n for n, person in enumerate(people) if person[3]}
    end = date(2025, 12, 31)
    report = OutcomeReport(
        figures=OutcomeFigures(date(2025, 1, 1), end, len(rows), dict.fromkeys(OUTCOME_KINDS, 0)),
        people_with_outcome=len(achievers),
        people_in_paid_work=0,
        days_to_first_meeting=[],
        ips_job_starts=0,
        ips_people_starting=0,
        out_of_work_at_joining=0,
        out_of_work_into_work=0,
        days_to_first_job=[],
        by_gender=breakdown(rows, supported, achievers, lambda p: p.gender),
        by_age_band=breakdown(
            rows, supported, achievers, lambda p: age_band(p.birth_year, end), age_band_order
        ),
        by_ethnicity=breakdown(rows, supported, achievers, lambda p: p.ethnicity),
    )
    seen = as_seen(report, hide_small)
    counts, sums, unpublished = _counts_and_sums(report, seen.breakdowns)
    guarded = {k for k in counts if k not in unpublished and 0 < counts[k] < 5}
    assert guarded <= set(seen.hidden.small)
    check_equations(counts, sums, seen.hidden, unpublished)
