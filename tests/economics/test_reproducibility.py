import numpy as np

from tests.economics.conftest import MINIMAL, scenario_from
from thrive.economics.core.psa import BLOCK, parameter_stream, run_psa
from thrive.economics.core.scenario import load_scenario


def test_it_gives_the_same_draws_in_one_process_or_several():
    scenario = load_scenario("demo")
    iterations = BLOCK * 2 + 777
    alone = run_psa(scenario, iterations, 42)
    shared = run_psa(scenario, iterations, 42, workers=2)
    assert np.array_equal(alone.savings, shared.savings)
    assert np.array_equal(alone.service_cost, shared.service_cost)


def test_it_gives_a_shorter_run_the_first_draws_of_a_longer_one():
    scenario = load_scenario("demo")
    longer = run_psa(scenario, BLOCK + 5000, 42)
    shorter = run_psa(scenario, 500, 42)
    assert np.array_equal(shorter.savings, longer.savings[:500])


def test_it_gives_identical_results_for_the_same_seed():
    scenario = load_scenario("demo")
    a, b = run_psa(scenario, 5000, 3), run_psa(scenario, 5000, 3)
    assert np.array_equal(a.net, b.net)
    assert not np.array_equal(a.net, run_psa(scenario, 5000, 4).net)


def test_it_keeps_a_parameter_stream_when_other_parameters_are_added():
    one = (
        MINIMAL
        + """
[unit_costs]
visit = { dist = "gamma", mean = 100.0, sd = 10.0 }
[[effects]]
resource = "visit"
per_person = -1.0
"""
    )
    two = (
        one
        + """
[[effects]]
resource = "cmht_contact"
per_person = { dist = "normal", mean = -3.0, sd = 1.0 }
"""
    )
    a = run_psa(scenario_from(one), 2000, 11)
    b = run_psa(scenario_from(two), 2000, 11)
    visit_draws = parameter_stream(11, "unit_costs.visit").gamma(100.0, 1.0, 2000)
    # savings of the first effect alone = 10 people * 1 visit * cost drawn from its own stream
    assert np.allclose(a.savings, 10.0 * visit_draws)
    assert not np.allclose(b.savings, a.savings)
    contacts = parameter_stream(11, "effects[2].per_person").normal(-3.0, 1.0, 2000)
    assert np.allclose(b.savings - a.savings, -10.0 * contacts * 278.91)
