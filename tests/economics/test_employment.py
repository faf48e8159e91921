import pytest

from tests.economics.conftest import scenario_from
from thrive.economics.core.case import deterministic_result
from thrive.economics.core.employment import (
    gross_from_net,
    income_tax,
    months_in_work,
    national_insurance,
    universal_credit_award,
)
from thrive.economics.core.scenario import TaxRules, UniversalCredit

JOB = """
[scenario]
name = "one job"
people = 1
discount_rate = 0.0

[service_cost]
total = 1000.0

[employment]
people = 1
hours = 20
"""


def test_it_tapers_universal_credit_above_the_work_allowance():
    # LCWRA, no housing: maximum 400.14 + 423.27 = 823.41; work allowance 684.
    # Net earnings 1,184: 1,184 - 684 = 500 above; 55% of 500 = 275 -> award 548.41.
    uc = UniversalCredit(lcwra=True)
    assert uc.maximum_award == pytest.approx(823.41)
    assert uc.work_allowance == 684.0
    assert universal_credit_award(1184.0, uc) == pytest.approx(548.41)


def test_it_uses_the_lower_work_allowance_with_housing_costs():
    # housing element 500: maximum 1,323.41; work allowance 411; net 911 -> 500 above -> 275 off
    uc = UniversalCredit(lcwra=True, housing_element=500.0)
    assert universal_credit_award(911.0, uc) == pytest.approx(1323.41 - 275.0)


def test_it_gives_no_work_allowance_without_lcwra_or_children():
    # standard allowance only: 55% of 500 = 275 off 400.14 -> 125.14; at 1,000 the award is gone
    uc = UniversalCredit()
    assert universal_credit_award(500.0, uc) == pytest.approx(125.14)
    assert universal_credit_award(1000.0, uc) == 0.0


def test_it_computes_tax_and_ni_from_the_thresholds():
    rules = TaxRules()
    # 60,000: basic 20% of 37,700 = 7,540; higher 40% of (60,000 - 50,270) = 3,892 -> 11,432
    assert income_tax(60_000.0, rules) == pytest.approx(11_432.0)
    # NI 8% of 37,700 = 3,016; 2% of 9,730 = 194.60 -> 3,210.60
    assert national_insurance(60_000.0, rules) == pytest.approx(3_210.60)
    assert income_tax(12_000.0, rules) == 0.0


def test_it_finds_the_gross_pay_behind_a_take_home_figure():
    # below the basic limit net = g - 0.28 (g - 12,570): net 14,208 -> g = (14,208 - 3,519.6) / 0.72
    assert gross_from_net(14_208.0, TaxRules()) == pytest.approx(14_845.0)
    assert gross_from_net(10_000.0, TaxRules()) == pytest.approx(10_000.0)


def test_it_counts_exchequer_gains_for_a_uc_taper_case():
    # one person, a year in work, net 1,184/month, LCWRA: UC falls by 275/month -> 3,300;
    # gross 14,845/yr: tax 20% of 2,275 = 455; NI 8% of 2,275 = 182
    text = JOB + "monthly_net = 1184.0\n[employment.universal_credit]\nlcwra = true\n"
    result = deterministic_result(scenario_from(text))
    parts = result["savings"]["by_resource"]
    assert parts["employment.benefits"] == pytest.approx(3300.0)
    assert parts["employment.income_tax"] == pytest.approx(455.0)
    assert parts["employment.national_insurance"] == pytest.approx(182.0)
    assert result["savings"]["by_payer"]["exchequer"] == pytest.approx(3937.0)
    # the person keeps 12 * (1,184 - 275) = 10,908 more
    assert result["employment"]["person_income_gain"] == pytest.approx(10_908.0)


def test_it_saves_a_flat_weekly_benefit():
    # 92.05 a week * 52 weeks = 4,786.60 a year
    text = JOB + 'monthly_net = 1000.0\nbenefit = "flat"\nweekly_amount = 92.05\n'
    parts = deterministic_result(scenario_from(text))["savings"]["by_resource"]
    assert parts["employment.benefits"] == pytest.approx(4786.60)


def test_it_takes_gross_pay_directly():
    # gross 2,000/month = 24,000/yr: tax 20% of 11,430 = 2,286; NI 8% of 11,430 = 914.40
    text = JOB + 'monthly_gross = 2000.0\nbenefit = "none"\n'
    parts = deterministic_result(scenario_from(text))["savings"]["by_resource"]
    assert parts["employment.income_tax"] == pytest.approx(2286.0)
    assert parts["employment.national_insurance"] == pytest.approx(914.40)
    assert parts["employment.benefits"] == 0.0


def test_it_loses_people_from_work_month_by_month():
    # 5% leave each month: months = (1 - 0.95**12) / 0.05 = (1 - 0.540360) / 0.05 = 9.192798
    assert months_in_work(0.05, 1, 0.0) == pytest.approx(9.192798, rel=1e-6)
    assert months_in_work(0.0, 2, 0.0) == pytest.approx(24.0)
    # no one leaves, 3.5% discount: 12 + 12 / 1.035 = 23.594203
    assert months_in_work(0.0, 2, 0.035) == pytest.approx(23.594203, rel=1e-6)


def test_it_subtracts_people_who_would_have_found_work_anyway():
    text = JOB.replace("people = 1\nhours", "people = 1\ncounterfactual_people = 0.25\nhours")
    text = text.replace('name = "one job"\npeople = 1', 'name = "one job"\npeople = 2')
    text += 'monthly_net = 1000.0\nbenefit = "flat"\nweekly_amount = 100.0\n'
    # 0.75 of a person * 100 * 52 = 3,900
    parts = deterministic_result(scenario_from(text))["savings"]["by_resource"]
    assert parts["employment.benefits"] == pytest.approx(3900.0)
