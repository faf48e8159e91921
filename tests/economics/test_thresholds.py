"""Threshold analysis: the value of an input at which net savings reach zero."""

import pytest

from thrive.economics.core.case import deterministic_result
from thrive.economics.core.thresholds import net_at, threshold

from .conftest import MINIMAL, scenario_from

# 10 people each use 2 fewer bed-days (1,000 each): 20,000 saved for a 1,000 service.
TEXT = (
    MINIMAL
    + """
[unit_costs]
bed = { value = 1000.0, payer = "nhs" }

[[effects]]
resource = "bed"
per_person = { dist = "normal", mean = -2.0, sd = 0.5 }
"""
)


def test_it_finds_the_attribution_at_which_savings_just_pay_for_the_service():
    scenario = scenario_from(TEXT)
    # 20,000 * (1 - a) = 1,000 at a = 0.95
    assert threshold(scenario, "adjustments.attribution") == pytest.approx(0.95, abs=1e-6)


def test_it_finds_the_break_even_service_cost():
    scenario = scenario_from(TEXT)
    found = threshold(scenario, "service_cost.total")
    assert found == pytest.approx(deterministic_result(scenario)["break_even_service_cost"])
    assert net_at(scenario, "service_cost.total", found) == pytest.approx(0.0, abs=1e-6)


def test_it_finds_the_change_per_person_that_breaks_even():
    # -0.1 bed-days each: 10 * 0.1 * 1,000 = 1,000 saved, exactly the service cost
    assert threshold(scenario_from(TEXT), "effects[1].per_person") == pytest.approx(-0.1)


def test_it_says_none_when_no_value_in_range_reaches_zero():
    assert threshold(scenario_from(TEXT), "adjustments.displacement", within=(0.0, 0.5)) is None


def test_a_perspective_that_leaves_out_the_payer_never_breaks_even():
    scenario = scenario_from(TEXT.replace('payer = "nhs"', 'payer = "local_authority"'))
    assert threshold(scenario, "adjustments.attribution", perspective="nhs") is None
    assert threshold(scenario, "adjustments.attribution", perspective="nhs_social_care") == (
        pytest.approx(0.95)
    )
