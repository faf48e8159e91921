"""From the journeys' records to a scenario: each kind mapped, each assumption named."""

import tomllib
from datetime import date

import pytest

from thrive.economics.core.editing import parse_text
from thrive.economics.core.service_records import adapt, build_scenario
from thrive.economics.from_service import scenario_text_for_period
from thrive.journeys.economics_feed import EmploymentStart, ServiceUseRecord
from thrive.journeys.models import Journey, Outcome, OutcomeKind, Person, ServiceUseChange

SPRING = date(2025, 4, 1)


def test_it_costs_a_cmht_discharge_with_no_numbers_as_a_year_of_cmht_care():
    adapted = adapt([ServiceUseRecord(1, "cmht_discharge", None, None, "", SPRING)])
    (change,) = adapted.changes
    assert (change.kind, change.units_before, change.units_after) == ("cmht_care_year", 1, 0)
    assert any("a year of CMHT care" in n["text"] for n in adapted.notes)


def test_it_costs_a_cmht_discharge_with_numbers_as_contacts():
    adapted = adapt([ServiceUseRecord(1, "cmht_discharge", 2, 0, "month", SPRING)])
    (change,) = adapted.changes
    assert (change.kind, change.units_before, change.units_after) == ("cmht_contact", 24, 0)


def test_it_turns_weekly_and_monthly_numbers_into_yearly_ones():
    adapted = adapt(
        [
            ServiceUseRecord(1, "crisis_contacts", 2, 0, "month", SPRING),
            ServiceUseRecord(2, "home_treatment", 1, 0.5, "week", SPRING),
            ServiceUseRecord(3, "admission", 2, 0, "year", SPRING),
        ]
    )
    assert [(c.kind, c.units_before, c.units_after) for c in adapted.changes] == [
        ("crisis_contact", 24, 0),
        ("crisis_contact", 52, 26),
        ("mental_health_admission", 2, 0),
    ]


def test_it_prices_medication_changes_as_years_of_olanzapine():
    adapted = adapt(
        [
            ServiceUseRecord(1, "medication_stopped", None, None, "", SPRING),
            ServiceUseRecord(2, "medication_reduced", 3, 1, "", SPRING),
        ]
    )
    assert [(c.units_before, c.units_after) for c in adapted.changes] == [(1, 0), (1, 0.5)]
    assert any("risk of relapse" in n["text"] for n in adapted.notes)


def test_one_switch_leaves_medication_changes_out():
    records = [
        ServiceUseRecord(1, "medication_stopped", None, None, "", SPRING),
        ServiceUseRecord(2, "crisis_contacts", 2, 0, "month", SPRING),
    ]
    adapted = adapt(records, include_medication=False)
    assert [c.kind for c in adapted.changes] == ["crisis_contact"]
    assert any("1 record(s) of medication changes are left out" in n["text"] for n in adapted.notes)


def test_it_names_what_it_could_not_cost():
    adapted = adapt(
        [
            ServiceUseRecord(1, "cpa_discharge", None, None, "", SPRING),
            ServiceUseRecord(1, "bed_days", 30, None, "year", SPRING),
        ]
    )
    assert adapted.changes == []
    texts = " ".join(n["text"] for n in adapted.notes)
    assert "Care Programme Approach are not costed" in texts
    assert "bed_days without numbers before and after could not be costed" in texts


def test_it_takes_each_jobs_pay_and_universal_credit_from_its_record():
    adapted = adapt([EmploymentStart(4, 20, True, SPRING, 12.5, True, 300.0)])
    (start,) = adapted.starts
    assert start.monthly_gross == pytest.approx(12.5 * 20 * 52 / 12, abs=0.01)
    assert (start.off_benefits, start.lcwra, start.housing_element) == (True, True, 300.0)


def test_it_leaves_pay_open_when_none_was_recorded_and_treats_not_said_as_still_claiming():
    adapted = adapt([EmploymentStart(4, 16, None, SPRING)])
    (start,) = adapted.starts
    assert start.monthly_gross is None and start.monthly_net is None
    assert start.off_benefits is False
    assert any("costed as still claiming" in n["text"] for n in adapted.notes)


def test_it_assumes_16_hours_when_none_were_recorded():
    adapted = adapt([EmploymentStart(4, None, True, SPRING)])
    assert adapted.starts[0].hours == 16
    assert any("16 hours a week is assumed" in n["text"] for n in adapted.notes)


def test_it_accepts_the_feed_records_as_plain_dicts():
    adapted = adapt(
        [
            {"record": "ServiceUseRecord", "person_id": 1, "kind": "cmht_discharge",
             "before": None, "after": None, "period": "", "date": SPRING},
            {"record": "EmploymentStart", "person_id": 2, "hours_per_week": 16.0,
             "off_benefits": True, "date": SPRING},
        ]
    )  # fmt: skip
    assert len(adapted.changes) == 1 and len(adapted.starts) == 1


def test_it_flags_a_missing_service_cost():
    scenario = build_scenario([], name="x", people=3, service_cost_total=0.0)
    assert any("No service cost was given" in a["text"] for a in scenario["assumptions"])


@pytest.mark.django_db
def test_it_builds_the_scenario_of_two_people_from_the_database():
    cara = Person.objects.create(reference="T-1", name="Cara")
    dev = Person.objects.create(reference="T-2", name="Dev")
    cara_journey = Journey.objects.create(person=cara, referred_on=date(2024, 6, 1))
    dev_journey = Journey.objects.create(person=dev, referred_on=date(2024, 9, 1))
    ServiceUseChange.objects.create(
        journey=cara_journey, kind="cmht_discharge", reported_on=date(2025, 5, 2)
    )
    Outcome.objects.create(
        journey=dev_journey,
        kind=OutcomeKind.EMPLOYMENT,
        achieved_on=date(2025, 7, 1),
        hours_per_week=16,
        off_benefits=True,
    )
    ServiceUseChange.objects.create(  # outside the period: left out
        journey=dev_journey, kind="cmht_discharge", reported_on=date(2026, 5, 2)
    )

    text = scenario_text_for_period(date(2025, 4, 1), date(2026, 3, 31), service_cost_total=9000)

    data = tomllib.loads(text)
    scenario = parse_text(text)
    assert scenario.people == 2
    assert data["effects"] == [
        {"resource": "cmht_care_year", "people": 1, "per_person": -1.0},
        {"resource": "step_down_care", "people": 1, "per_person": 1.0},
    ]
    assert data["unit_costs"]["cmht_care_year"]["dist"] == "pert"
    (job,) = data["employment"]["jobs"]
    assert (job["hours"], job["off_benefits"], job["start_month"]) == (16, True, 3)
    assert job["monthly_gross"]["dist"] == "uniform"
    assert data["service_cost"] == {"total": 9000.0}
    abouts = {a["about"] for a in data["assumptions"]}
    assert {"scenario.people", "effects", "employment.jobs", "adjustments"} <= abouts
    assert "Cara" not in text and "T-1" not in text
