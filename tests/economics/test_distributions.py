import math

import numpy as np
import pytest

from thrive.economics.core.distributions import (
    beta_alpha_beta,
    gamma_shape_scale,
    lognormal_meanlog_sdlog,
    parse_distribution,
)
from thrive.economics.core.errors import ScenarioError

# (table, expected mean, expected sd) worked out by hand from each distribution's formulas
CASES = [
    ({"dist": "fixed", "value": 3.0}, 3.0, 0.0),
    ({"dist": "normal", "mean": -9.0, "sd": 4.57}, -9.0, 4.57),
    ({"dist": "lognormal", "mean": 10.0, "sd": 3.0}, 10.0, 3.0),
    # exp(0 + 0.5**2/2) = 1.133148; sqrt(exp(0.25) - 1) * 1.133148 = 0.603900
    ({"dist": "lognormal", "meanlog": 0.0, "sdlog": 0.5}, 1.133148, 0.603900),
    ({"dist": "gamma", "mean": 4.0, "sd": 2.0}, 4.0, 2.0),
    # shape 2, scale 3: mean 6, sd sqrt(2) * 3 = 4.242641
    ({"dist": "gamma", "shape": 2.0, "scale": 3.0}, 6.0, 4.242641),
    ({"dist": "beta", "mean": 0.3, "sd": 0.1}, 0.3, 0.1),
    # alpha 2, beta 5: mean 2/7, sd sqrt(10 / (49 * 8)) = 0.159719
    ({"dist": "beta", "alpha": 2.0, "beta": 5.0}, 0.285714, 0.159719),
    # width 12: mean 6, sd 12 / sqrt(12) = 3.464102
    ({"dist": "uniform", "low": 0.0, "high": 12.0}, 6.0, 3.464102),
    # mean (0 + 3 + 6) / 3 = 3, sd sqrt((0 + 36 + 9 - 0 - 0 - 18) / 18) = 1.224745
    ({"dist": "triangular", "low": 0.0, "mode": 3.0, "high": 6.0}, 3.0, 1.224745),
    # mean (0 + 4 * 2 + 10) / 6 = 3; beta(1.8, 4.2) variance 7.56 / (36 * 7) = 0.03
    # -> sd 10 * sqrt(0.03) = 1.732051
    ({"dist": "pert", "low": 0.0, "mode": 2.0, "high": 10.0}, 3.0, 1.732051),
    ({"dist": "gamma", "mean": 4.0, "sd": 2.0, "negate": True}, -4.0, 2.0),
]


@pytest.mark.parametrize(("table", "mean", "sd"), CASES, ids=[str(c[0]) for c in CASES])
def test_it_draws_samples_with_the_stated_mean_and_sd(table, mean, sd):
    dist = parse_distribution(table, "x")
    draws = dist.sample(np.random.default_rng(12345), 400_000)
    assert draws.mean() == pytest.approx(mean, abs=0.01 * max(1.0, abs(mean), sd))
    assert draws.std() == pytest.approx(sd, abs=0.01 * max(sd, 0.01))
    assert dist.mean() == pytest.approx(mean, rel=1e-5, abs=1e-9)
    assert dist.sd() == pytest.approx(sd, rel=1e-5, abs=1e-9)


@pytest.mark.parametrize(("table", "mean", "sd"), CASES[1:], ids=[str(c[0]) for c in CASES[1:]])
def test_it_puts_the_percentiles_where_the_draws_fall(table, mean, sd):
    dist = parse_distribution(table, "x")
    draws = dist.sample(np.random.default_rng(99), 400_000)
    for q in (0.025, 0.975):
        assert np.mean(draws <= dist.ppf(q)) == pytest.approx(q, abs=0.003)


def test_it_matches_moments_by_hand():
    # gamma mean 10 sd 5: shape (10/5)^2 = 4, scale 10/4 = 2.5
    assert gamma_shape_scale(10.0, 5.0) == pytest.approx((4.0, 2.5))
    # beta mean 0.5 sd 0.1: common = 0.25/0.01 - 1 = 24 -> alpha = beta = 12
    assert beta_alpha_beta(0.5, 0.1) == pytest.approx((12.0, 12.0))
    # lognormal mean 1 sd 1: sdlog = sqrt(ln 2), meanlog = -ln(2)/2
    meanlog, sdlog = lognormal_meanlog_sdlog(1.0, 1.0)
    assert sdlog == pytest.approx(math.sqrt(math.log(2.0)))
    assert meanlog == pytest.approx(-math.log(2.0) / 2.0)


def test_it_treats_a_plain_number_as_fixed():
    dist = parse_distribution(-2.5, "effects[1].per_person")
    assert dist.is_fixed and dist.mean() == -2.5
    assert list(dist.sample(np.random.default_rng(1), 3)) == [-2.5, -2.5, -2.5]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"dist": "normal", "mean": -9.0, "sd": -1},
            "effects[2].per_person.sd: must be positive (got -1)",
        ),
        (
            {"dist": "beta", "mean": 1.5, "sd": 0.1},
            "effects[2].per_person.mean: must be between 0 and 1",
        ),
        ({"dist": "weibull", "k": 1}, "effects[2].per_person.dist: unknown distribution 'weibull'"),
        (
            {"dist": "normal", "mean": 1, "sd": 1, "skew": 2},
            "effects[2].per_person.skew: unknown key",
        ),
        ({"dist": "uniform", "low": 1.0}, "effects[2].per_person.high:"),
        ({"dist": "normal", "mean": "a", "sd": 1}, "effects[2].per_person.mean: must be a number"),
        ({"dist": "normal", "mean": 1, "sd": 1, "negate": "yes"}, "effects[2].per_person.negate:"),
    ],
)
def test_it_refuses_bad_parameters_naming_the_exact_key(table, message):
    with pytest.raises(ScenarioError) as caught:
        parse_distribution(table, "effects[2].per_person")
    assert str(caught.value).startswith(message)
