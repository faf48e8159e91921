"""Value of information: EVPI by hand, EVPPI within it, the regression finding a known signal."""

import numpy as np
import pytest

from thrive.economics.core.voi import evpi, evppi, value_of_information


def test_it_computes_evpi_for_a_hand_worked_two_point_case():
    # Half the time the service nets +100, half the time -300: on average -100, so the
    # decision without information is "do not fund" (0). Knowing the truth, one funds only
    # in the good half: 0.5 * 100 = 50.
    net = np.array([100.0, -300.0] * 500)
    assert evpi(net) == pytest.approx(50.0)


def test_it_finds_no_value_in_information_when_the_decision_never_changes():
    assert evpi(np.array([10.0, 20.0, 30.0])) == 0.0
    assert evpi(np.array([-10.0, -20.0])) == 0.0


def test_it_gives_the_full_evpi_to_the_one_input_that_decides_and_none_to_noise():
    rng = np.random.default_rng(1)
    decisive = rng.normal(0.0, 1.0, 5000)
    noise = rng.normal(0.0, 1.0, 5000)
    net = 1000.0 * decisive
    found = value_of_information(net, {"decisive": decisive, "noise": noise})
    assert found["evppi"]["decisive"] == pytest.approx(found["evpi"], rel=0.01)
    assert found["evppi"]["noise"] < 0.05 * found["evpi"]
    assert list(found["evppi"]) == ["decisive", "noise"]


def test_evppi_never_exceeds_evpi():
    rng = np.random.default_rng(2)
    a, b = rng.gamma(2.0, 1.0, 2000), rng.beta(2.0, 5.0, 2000)
    net = 50.0 * a - 400.0 * b + rng.normal(0, 20, 2000)
    total = evpi(net)
    assert total > 0
    for x in (a, b, a * b):
        assert 0.0 <= evppi(net, x) <= total


def test_it_follows_a_curved_relation_a_straight_line_would_miss():
    rng = np.random.default_rng(3)
    x = rng.uniform(-2.0, 2.0, 5000)
    net = x**2 - 1.0
    # E[net | x] is x**2 - 1 itself, so knowing x is worth the whole EVPI.
    assert evppi(net, x) == pytest.approx(evpi(net), rel=0.02)


def test_a_fixed_input_is_worth_nothing():
    assert evppi(np.array([1.0, -1.0, 2.0]), np.array([5.0, 5.0, 5.0])) == 0.0
