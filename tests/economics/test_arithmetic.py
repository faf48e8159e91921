import pytest

from tests.economics.conftest import MINIMAL, scenario_from
from thrive.economics.core.case import deterministic_result


def test_it_costs_a_fixed_effect_at_its_unit_cost():
    # 10 people each use 3 fewer CMHT contacts at 278.91: 10 * 3 * 278.91 = 8,367.30
    s = scenario_from(MINIMAL + '[[effects]]\nresource = "cmht_contact"\nper_person = -3.0\n')
    result = deterministic_result(s)
    assert result["savings"]["total"] == pytest.approx(8367.30)
    assert result["savings"]["by_resource"] == {"cmht_contact": pytest.approx(8367.30)}
    assert result["savings"]["by_payer"]["nhs"] == pytest.approx(8367.30)
    assert result["net"] == pytest.approx(8367.30 - 1000.0)
    assert result["ratio"] == pytest.approx(8.3673)
    assert result["per_person"]["savings"] == pytest.approx(836.73)


def test_it_uses_a_scenario_unit_cost_over_the_default():
    text = MINIMAL + "[unit_costs]\ncmht_contact = 100.0\n"
    text += '[[effects]]\nresource = "cmht_contact"\nper_person = -2.0\npeople = 4\n'
    # 4 people * 2 contacts * 100 = 800
    assert deterministic_result(scenario_from(text))["savings"]["total"] == pytest.approx(800.0)


def test_it_counts_more_use_as_a_cost():
    text = (
        MINIMAL + '[unit_costs]\nvisit = 10.0\n[[effects]]\nresource = "visit"\nper_person = 5.0\n'
    )
    # 10 people * +5 visits * 10 = 500 more spent
    assert deterministic_result(scenario_from(text))["savings"]["total"] == pytest.approx(-500.0)


def test_it_discounts_over_three_years():
    text = """
[scenario]
name = "three years"
people = 1
horizon_years = 3
discount_rate = 0.035

[service_cost]
staff = [{ role = "worker", fte = 1.0, annual_cost = 1000.0 }]
overheads = 0.2

[unit_costs]
visit = 100.0

[[effects]]
resource = "visit"
per_person = -30.0
"""
    # 30 visits over 3 years = 10 a year = 1,000 a year, year 1 undiscounted:
    # 1000 + 1000/1.035 + 1000/1.035**2 = 1000 + 966.1836 + 933.5107 = 2899.6943
    # staff: 1,000 * 1.2 = 1,200 a year -> 1.2 * 2899.6943 = 3479.6332
    result = deterministic_result(scenario_from(text))
    assert result["savings"]["total"] == pytest.approx(2899.69, abs=0.01)
    assert result["service_cost"] == pytest.approx(3479.63, abs=0.01)
    assert result["undiscounted"]["savings"] == pytest.approx(3000.0)
    assert result["undiscounted"]["service_cost"] == pytest.approx(3600.0)


@pytest.mark.parametrize(
    ("adjustment", "expected"),
    [("deadweight", 750.0), ("attribution", 750.0), ("displacement", 750.0)],
)
def test_it_applies_each_adjustment_as_a_fraction_removed(adjustment, expected):
    # 10 people * 1 visit * 100 = 1,000; a 0.25 adjustment leaves 750
    text = (
        MINIMAL
        + '[unit_costs]\nvisit = 100.0\n[[effects]]\nresource = "visit"\nper_person = -1.0\n'
    )
    text += f"[adjustments]\n{adjustment} = 0.25\n"
    assert deterministic_result(scenario_from(text))["savings"]["total"] == pytest.approx(expected)


def test_it_multiplies_adjustments_together():
    text = (
        MINIMAL
        + '[unit_costs]\nvisit = 100.0\n[[effects]]\nresource = "visit"\nper_person = -1.0\n'
    )
    text += "[adjustments]\ndeadweight = 0.5\nattribution = 0.2\ndisplacement = 0.1\n"
    # 1000 * 0.5 * 0.8 * 0.9 = 360
    assert deterministic_result(scenario_from(text))["savings"]["total"] == pytest.approx(360.0)


def test_it_applies_drop_off_to_later_years():
    text = """
[scenario]
name = "drop off"
people = 1
horizon_years = 2
discount_rate = 0.0

[service_cost]
total = 0.0

[unit_costs]
visit = 100.0

[[effects]]
resource = "visit"
per_person = -20.0

[adjustments]
drop_off = 0.5
"""
    # 10 visits a year: year 1 = 1000, year 2 = 1000 * (1 - 0.5) = 500 -> 1500
    result = deterministic_result(scenario_from(text))
    assert result["savings"]["total"] == pytest.approx(1500.0)
    assert result["ratio"] is None


def test_it_subtracts_an_explicit_counterfactual():
    text = MINIMAL + '[unit_costs]\nvisit = 100.0\n[[effects]]\nresource = "visit"\n'
    text += "per_person = -5.0\ncounterfactual = -2.0\n"
    # only 5 - 2 = 3 visits per person are due to the service: 10 * 3 * 100 = 3000
    assert deterministic_result(scenario_from(text))["savings"]["total"] == pytest.approx(3000.0)


def test_it_groups_savings_by_the_payer_named_on_the_effect():
    text = MINIMAL + "[unit_costs]\nvisit = 100.0\n"
    text += '[[effects]]\nresource = "visit"\nper_person = -1.0\npayer = "local_authority"\n'
    text += '[[effects]]\nresource = "visit"\nper_person = -2.0\npeople = 5\n'
    by_payer = deterministic_result(scenario_from(text))["savings"]["by_payer"]
    assert by_payer["local_authority"] == pytest.approx(1000.0)
    assert by_payer["nhs"] == pytest.approx(1000.0)
