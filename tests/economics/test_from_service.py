"""`thrive economics from-service --from --to` reads the service's records into a scenario."""

import json
import re
import tomllib
from datetime import date

import pytest
from click.testing import CliRunner

from thrive.audit.models import AuditEvent
from thrive.economics.cli import economics
from thrive.economics.core.case import deterministic_result
from thrive.economics.core.editing import parse_text
from thrive.economics.core.scenario import parse_scenario
from thrive.economics.from_service import scenario_text_for_period
from thrive.journeys.models import Journey, Outcome, OutcomeKind, Person, ServiceUseChange


@pytest.fixture
def two_people(db):
    cara = Person.objects.create(reference="T-1", name="Cara")
    dev = Person.objects.create(reference="T-2", name="Dev")
    ServiceUseChange.objects.create(
        journey=Journey.objects.create(person=cara, referred_on=date(2024, 6, 1)),
        kind="cmht_discharge",
        reported_on=date(2025, 5, 2),
    )
    Outcome.objects.create(
        journey=Journey.objects.create(person=dev, referred_on=date(2024, 9, 1)),
        kind=OutcomeKind.EMPLOYMENT,
        achieved_on=date(2025, 7, 1),
        hours_per_week=16,
        off_benefits=True,
    )


def test_it_writes_a_scenario_for_the_period(two_people, tmp_path):
    out = tmp_path / "year.toml"
    result = CliRunner().invoke(
        economics,
        ["from-service", "--from", "2025-04-01", "--to", "2026-03-31", "--out", str(out),
         "--service-cost", "9000"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    text = out.read_text()
    scenario = parse_text(text)
    assert (scenario.people, scenario.effects[0].resource) == (2, "cmht_care_year")
    data = tomllib.loads(text)
    assert data["effects"][0]["per_person"] == -1.0
    assert len(data["employment"]["jobs"]) == 1
    assert "# Assumptions:" in text
    event = AuditEvent.objects.get()
    assert event.subject_type == "service_use_records"
    assert "2025-04-01 to 2026-03-31" in event.detail


def test_it_prints_the_scenario_without_out(two_people):
    result = CliRunner().invoke(
        economics, ["from-service", "--from", "2025-04-01", "--to", "2026-03-31", "--people", "5"]
    )
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.output)["scenario"]["people"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either --records or --from and --to"),
        (["--from", "2025-04-01"], "give both --from and --to"),
        (["--from", "2025-04-01", "--to", "2025-01-01"], "--from: the period must start"),
        (["--from", "April", "--to", "2025-01-01"], "Invalid value for '--from'"),
    ],
)
def test_it_refuses_an_unclear_period(args, message, db):
    result = CliRunner().invoke(economics, ["from-service", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_it_still_reads_a_records_file(tmp_path):
    source = tmp_path / "records.json"
    source.write_text(
        json.dumps(
            {
                "name": "File",
                "people": 3,
                "service_cost_total": 1000,
                "changes": [
                    {"person_id": "p1", "kind": "cmht_contact", "units_before": 24,
                     "units_after": 0}
                ],
            }
        )
    )  # fmt: skip
    result = CliRunner().invoke(economics, ["from-service", "--records", str(source)])
    assert result.exit_code == 0, result.output
    assert parse_text(result.output).people == 3


def test_it_refuses_records_and_a_period_together(tmp_path):
    source = tmp_path / "records.json"
    source.write_text("{}")
    result = CliRunner().invoke(
        economics,
        ["from-service", "--records", str(source), "--from", "2025-01-01", "--to", "2025-02-01"],
    )
    assert result.exit_code != 0
    assert "give either --records or --from and --to" in result.output


# --- Small numbers: a viewer builds from records only when 5 or more people have records ---

ONE_DAY = {"name": "One day", "start": "2025-05-02", "end": "2025-05-02"}
REFUSAL = (
    "Fewer than 5 people have records in this period, so a scenario built from them could "
    "identify someone. Choose a longer period."
)


def record_for(n: int, kind: str, on: date, **numbers) -> None:
    person = Person.objects.create(reference=f"S-{n}-{kind}", name=f"Person {n}")
    journey = Journey.objects.create(person=person, referred_on=date(2024, 6, 1))
    if kind == "job":
        Outcome.objects.create(
            journey=journey, kind=OutcomeKind.EMPLOYMENT, achieved_on=on, **numbers
        )
    else:
        ServiceUseChange.objects.create(journey=journey, kind=kind, reported_on=on, **numbers)


@pytest.fixture
def one_persons_day(db):
    """One person's health events and new job on 2 May 2025: the finding's example."""
    person = Person.objects.create(reference="T-9", name="Cara")
    journey = Journey.objects.create(person=person, referred_on=date(2024, 6, 1))
    ServiceUseChange.objects.create(
        journey=journey, kind="crisis_contacts", units_before=37, units_after=3,
        period="year", reported_on=date(2025, 5, 2),
    )  # fmt: skip
    Outcome.objects.create(
        journey=journey, kind=OutcomeKind.EMPLOYMENT, achieved_on=date(2025, 5, 2),
        hours_per_week=23, off_benefits=True,
    )  # fmt: skip


def test_it_refuses_a_viewer_a_scenario_from_one_persons_records(one_persons_day, login_as, viewer):
    from thrive.economics.models import SavedScenario

    response = login_as(viewer).post("/economics/from-records/", ONE_DAY)
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSAL in page
    assert not SavedScenario.objects.exists()
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.split("<main", 1)[1])
    for per_person in ("37", "23", "crisis", "per_person", "Cara"):
        assert not re.search(rf"\b{per_person}\b", main), per_person
    assert not AuditEvent.objects.filter(subject_type="service_use_records").exists()


def test_it_keeps_one_persons_day_out_of_shared_scenarios_even_for_a_coordinator(
    one_persons_day, login_as, coordinator
):
    """Saved scenarios are open to everyone who runs economics, commissioners included."""
    from thrive.economics.models import SavedScenario

    response = login_as(coordinator).post("/economics/from-records/", ONE_DAY)
    assert response.status_code == 400
    assert b"Fewer than 5 people" in response.content
    assert not SavedScenario.objects.exists()


def test_it_gives_a_viewer_only_aggregates_when_enough_people_have_records(db, login_as, viewer):
    from thrive.economics.models import SavedScenario

    day = date(2025, 5, 2)
    for n in range(6):
        record_for(n, "cmht_discharge", day)
    record_for(7, "crisis_contacts", day, units_before=37, units_after=3, period="year")
    record_for(8, "cpa_discharge", day)
    for n in range(2):
        record_for(10 + n, "job", day, hours_per_week=23, off_benefits=True)
    response = login_as(viewer).post("/economics/from-records/", ONE_DAY)
    assert response.status_code == 302
    text = SavedScenario.objects.get().toml
    data = tomllib.loads(text)
    assert [e["resource"] for e in data["effects"]] == ["cmht_care_year", "step_down_care"]
    assert data["effects"][0]["people"] == 6
    assert "employment" not in data  # two job starts: their pay and hours would be theirs
    assert "crisis_contact" not in text and "-34" not in text
    assert "Reports are dated" not in text
    assert "1 record(s)" not in text
    assert "reported by fewer than 5 people" in text
    assert parse_text(text).people >= 9


def test_it_refuses_a_viewer_at_4_people_and_builds_at_5(db, login_as, viewer):
    from thrive.economics.models import SavedScenario

    day = date(2025, 5, 2)
    for n in range(4):
        record_for(n, "cmht_discharge", day)
    client = login_as(viewer)
    assert client.post("/economics/from-records/", ONE_DAY).status_code == 400
    record_for(4, "job", day, hours_per_week=10)
    assert client.post("/economics/from-records/", ONE_DAY).status_code == 302
    assert SavedScenario.objects.count() == 1


def test_it_costs_the_recorded_job_starts_person_by_person_honouring_off_benefits(db):
    """Two job starts in a year from 1 April 2025. Ann: 37.5 hours at 12.00 an hour from the
    first month, off benefits, with LCWRA. Ben: 20 hours at 12.50 from October, still
    claiming. Drop-off, discounting and the counterfactual set to 0 to check by hand."""
    record_for(1, "job", date(2025, 4, 1), hours_per_week=37.5, hourly_pay=12,
               off_benefits=True, had_lcwra=True)  # fmt: skip
    record_for(2, "job", date(2025, 10, 1), hours_per_week=20, hourly_pay=12.5, off_benefits=False)
    text = scenario_text_for_period(date(2025, 4, 1), date(2026, 3, 31), service_cost_total=1)
    data = tomllib.loads(text)
    data["scenario"]["discount_rate"] = 0.0
    data["employment"]["monthly_drop_off"] = 0.0
    data["adjustments"] = {"deadweight": 0.0, "attribution": 0.0}
    ann, ben = data["employment"]["jobs"]
    assert (ann["monthly_gross"], ann["off_benefits"], ann["start_month"]) == (1950.0, True, 0)
    assert ann["universal_credit"]["lcwra"] is True
    assert (ben["monthly_gross"], ben["off_benefits"], ben["start_month"]) == (1083.33, False, 6)
    by_resource = deterministic_result(parse_scenario(data))["savings"]["by_resource"]
    # Ann leaves Universal Credit: 12 months of 400.14 + 423.27 (LCWRA) = 9,880.92.
    # Ben stays on benefits: no benefit saving counted for him.
    assert by_resource["employment.benefits"] == pytest.approx(9880.92)
    # Ann: 23,400 a year, 10,830 above the allowance: tax 2,166.00, NI 866.40, 12 months.
    # Ben: 12,999.96 a year, 429.96 above: tax 85.99, NI 34.40 a year, for 6 months.
    tax, ni = by_resource["employment.income_tax"], by_resource["employment.national_insurance"]
    assert tax == pytest.approx(2166.00 + 85.992 / 2, abs=0.01)
    assert ni == pytest.approx(866.40 + 34.3968 / 2, abs=0.01)


def test_aggregates_leave_out_jobs_when_fewer_than_5_stayed_on_benefits(db):
    for n in range(6):
        record_for(n, "job", date(2025, 5, 2), hours_per_week=16, off_benefits=n > 0)
    text = scenario_text_for_period(date(2025, 4, 1), date(2026, 3, 31), aggregates_only=True)
    assert "employment" not in tomllib.loads(text)
    assert "Fewer than 5 people in the period left benefits, or stayed on them" in text


def test_aggregates_keep_jobs_but_nothing_that_tells_one_person_from_another(db):
    for n in range(10):  # start months 0 to 7, then 0 and 1: the middle one is 3
        day = date(2025, 4 + n % 8, 2)
        record_for(n, "job", day, hours_per_week=16 + n, off_benefits=n % 2 == 0,
                   had_lcwra=True, housing_element=250)  # fmt: skip
    text = scenario_text_for_period(date(2025, 4, 1), date(2026, 3, 31), aggregates_only=True)
    jobs = tomllib.loads(text)["employment"]["jobs"]
    assert len(jobs) == 10
    assert {job["start_month"] for job in jobs} == {3}
    assert all("universal_credit" not in job for job in jobs)
    assert [job["off_benefits"] for job in jobs] == [False] * 5 + [True] * 5
    assert "only for those who said" in text
