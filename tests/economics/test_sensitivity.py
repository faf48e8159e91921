from itertools import pairwise

import numpy as np
import pytest

from tests.economics.conftest import MINIMAL, scenario_from
from thrive.economics.core.psa import run_psa, summarise_psa
from thrive.economics.core.sensitivity import acceptability_curve, net_cdf, tornado

UNCERTAIN = (
    MINIMAL
    + """
[unit_costs]
visit = { dist = "uniform", low = 80.0, high = 120.0 }

[[effects]]
resource = "visit"
per_person = { dist = "normal", mean = -2.0, sd = 0.5 }
"""
)


def test_it_sets_each_input_to_its_2_5th_and_97_5th_percentiles():
    bars = {b.parameter: b for b in tornado(scenario_from(UNCERTAIN))}
    assert set(bars) == {"unit_costs.visit", "effects[1].per_person"}
    visit = bars["unit_costs.visit"]
    # uniform 80-120: 2.5th percentile 80 + 0.025 * 40 = 81, 97.5th = 119
    assert (visit.low_value, visit.high_value) == pytest.approx((81.0, 119.0))
    # per_person at base -2: net = 10 * 2 * 81 - 1000 = 620 and 10 * 2 * 119 - 1000 = 1380
    assert (visit.net_at_low, visit.net_at_high) == pytest.approx((620.0, 1380.0))
    effect = bars["effects[1].per_person"]
    # normal: -2 -/+ 1.959964 * 0.5
    assert effect.low_value == pytest.approx(-2.0 - 1.959964 * 0.5, rel=1e-6)


def test_it_orders_the_tornado_widest_first():
    bars = tornado(scenario_from(UNCERTAIN))
    assert [b.swing for b in bars] == sorted((b.swing for b in bars), reverse=True)


def test_it_summarises_the_psa_against_the_draws():
    draws = run_psa(scenario_from(UNCERTAIN), 50_000, 5)
    summary = summarise_psa(draws)
    # mean net = 10 * 2 * 100 - 1000 = 1000
    assert summary["mean_net"] == pytest.approx(1000.0, rel=0.02)
    assert summary["p_net_positive"] == pytest.approx(np.mean(draws.net > 0))
    lo, hi = summary["interval_95"]
    assert np.mean((draws.net >= lo) & (draws.net <= hi)) == pytest.approx(0.95, abs=0.002)
    assert summary["mean_ratio"] == pytest.approx(2.0, rel=0.02)


def test_it_draws_a_rising_cdf_and_a_falling_acceptability_curve():
    draws = run_psa(scenario_from(UNCERTAIN), 20_000, 5)
    cdf = net_cdf(draws)
    assert cdf[0][1] == 0.0 and cdf[-1][1] == 1.0
    assert all(a[0] <= b[0] for a, b in pairwise(cdf))
    curve = acceptability_curve(draws, 1000.0)
    assert curve[0] == (0.0, pytest.approx(np.mean(draws.savings > 0)))
    assert all(a[1] >= b[1] for a, b in pairwise(curve))
    # at a cost of 2,000 (the mean savings) about half the draws clear it
    near = min(curve, key=lambda point: abs(point[0] - 2000.0))
    assert near[1] == pytest.approx(np.mean(draws.savings > near[0]))
