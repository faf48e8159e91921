"""Employment costed person by person: each job's pay, start and "off benefits" flag."""

import tomllib
from datetime import date

import pytest

from thrive.economics.core.case import deterministic_result
from thrive.economics.core.employment import months_in_work, months_in_work_from
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.from_records import (
    EmploymentStart,
    ServiceRecords,
    scenario_from_records,
    scenario_toml,
)
from thrive.economics.core.scenario import parse_scenario

from .conftest import MINIMAL, scenario_from

NO_ADJUSTMENTS = {"deadweight": 0.0, "attribution": 0.0, "displacement": 0.0}


def two_job_starts() -> ServiceRecords:
    """Ann: 2,000 a month before tax, off benefits, from April. Ben: 1,000 a month, still
    claiming, from October: 6 months of the one-year horizon."""
    return ServiceRecords(
        name="two jobs",
        people=2,
        service_cost_total=1000.0,
        employment_starts=(
            EmploymentStart("ann", 37.5, None, True, date(2025, 4, 1), monthly_gross=2000.0),
            EmploymentStart("ben", 20.0, None, False, date(2025, 10, 1), monthly_gross=1000.0),
        ),
        adjustments=NO_ADJUSTMENTS,
        horizon_start=date(2025, 4, 1),
    )


def costed(records: ServiceRecords) -> dict:
    data = tomllib.loads(scenario_toml(records))
    data["employment"]["monthly_drop_off"] = 0.0
    data["scenario"]["discount_rate"] = 0.0
    return deterministic_result(parse_scenario(data))


def test_it_costs_two_job_starts_person_by_person_honouring_the_off_benefits_flag():
    by_resource = costed(two_job_starts())["savings"]["by_resource"]
    # Ann leaves Universal Credit: 12 months of the 400.14 standard allowance = 4,801.68.
    # Ben still claims: no benefit saving, though his pay is lower.
    assert by_resource["employment.benefits"] == pytest.approx(4801.68)
    # Ann earns 24,000 a year: tax 20% of (24,000 - 12,570) = 2,286.00; NI 8% = 914.40.
    # Ben earns 12,000 a year, under the personal allowance and primary threshold: none.
    assert by_resource["employment.income_tax"] == pytest.approx(2286.00)
    assert by_resource["employment.national_insurance"] == pytest.approx(914.40)


def test_the_peoples_own_income_gain_is_take_home_pay_less_benefit_lost():
    result = costed(two_job_starts())
    # Ann: (24,000 - 2,286 - 914.40) - 4,801.68 = 15,997.92; Ben: 6 months of 1,000 = 6,000
    assert result["employment"]["person_income_gain"] == pytest.approx(15_997.92 + 6_000.0)


def test_lcwra_and_housing_recorded_for_a_job_add_to_the_benefit_saved():
    records = two_job_starts()
    ann = records.employment_starts[0]
    records = ServiceRecords(
        **{
            **records.__dict__,
            "employment_starts": (
                EmploymentStart(
                    "ann", 37.5, None, True, ann.date, monthly_gross=2000.0,
                    lcwra=True, housing_element=300.0,
                ),
            ),
        }
    )  # fmt: skip
    saved = costed(records)["savings"]["by_resource"]["employment.benefits"]
    assert saved == pytest.approx(12 * (400.14 + 423.27 + 300.0))


def test_a_job_after_the_horizon_is_left_out_and_said_so():
    records = two_job_starts()
    late = EmploymentStart("cat", 16, None, True, date(2026, 6, 1), monthly_gross=800.0)
    records = ServiceRecords(**{**records.__dict__, "people": 3})
    records = ServiceRecords(
        **{**records.__dict__, "employment_starts": (*records.employment_starts, late)}
    )
    scenario = scenario_from_records(records)
    assert len(scenario["employment"]["jobs"]) == 2
    assert any("after the horizon" in a["text"] for a in scenario["assumptions"])


def test_pay_not_recorded_is_uncertain_between_two_sourced_wages():
    records = ServiceRecords(
        "x", 1, 0.0, employment_starts=(EmploymentStart("a", 16, None, True, None),)
    )
    (job,) = scenario_from_records(records)["employment"]["jobs"]
    assert job["monthly_gross"] == {
        "dist": "uniform",
        "low": pytest.approx(12.21 * 16 * 52 / 12, abs=0.01),
        "high": pytest.approx(14.80 * 16 * 52 / 12, abs=0.01),
    }


def test_months_in_work_from_the_start_of_the_horizon_match_the_group_formula():
    for drop in (0.0, 0.03):
        assert months_in_work_from(drop, 3, 0.035, 0) == pytest.approx(
            months_in_work(drop, 3, 0.035)
        )
    assert months_in_work_from(0.0, 2, 0.0, 18) == pytest.approx(6.0)


def test_jobs_and_a_group_cannot_be_mixed():
    text = MINIMAL + "[employment]\npeople = 1\n[[employment.jobs]]\nmonthly_net = 900.0\n"
    with pytest.raises(ScenarioError) as caught:
        scenario_from(text)
    assert caught.value.key == "employment.people"


def test_a_job_cannot_start_after_the_horizon():
    text = MINIMAL + "[[employment.jobs]]\nmonthly_net = 900.0\nstart_month = 12\n"
    with pytest.raises(ScenarioError) as caught:
        scenario_from(text)
    assert caught.value.key == "employment.jobs[1].start_month"
