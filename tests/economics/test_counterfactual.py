import pytest

from tests.economics.conftest import MINIMAL, scenario_from
from thrive.economics.core.errors import ScenarioError

EFFECT = '[[effects]]\nresource = "cmht_contact"\nper_person = -6.0\ncounterfactual = -2.0\n'


def test_it_refuses_deadweight_with_an_effect_counterfactual():
    with pytest.raises(ScenarioError) as caught:
        scenario_from(MINIMAL + EFFECT + "[adjustments]\ndeadweight = 0.1\n")
    assert caught.value.key == "adjustments.deadweight"
    assert "effects[1].counterfactual" in str(caught.value)


def test_it_refuses_deadweight_with_an_employment_counterfactual():
    text = MINIMAL + "[employment]\npeople = 2\nmonthly_net = 900.0\ncounterfactual_people = 1\n"
    text += '[adjustments]\ndeadweight = { dist = "beta", mean = 0.2, sd = 0.1 }\n'
    with pytest.raises(ScenarioError) as caught:
        scenario_from(text)
    assert "employment.counterfactual_people" in str(caught.value)


def test_it_accepts_a_counterfactual_with_zero_deadweight():
    scenario = scenario_from(MINIMAL + EFFECT + "[adjustments]\ndeadweight = 0.0\n")
    assert scenario.effects[0].counterfactual == "effects[1].counterfactual"
