"""Value of information: what knowing an input for certain would be worth to the decision.

The decision is whether to fund the service (net benefit: the net savings of each draw) or
not (net benefit 0). EVPI is the expected gain from knowing every input; per-parameter
EVPPI estimates the gain from knowing one input, by the regression method of Strong,
Oakley & Brennan (2014), "Estimating multiparameter partial expected value of perfect
information from a probabilistic sensitivity analysis sample: a nonparametric regression
approach", Medical Decision Making 34(3):311-326. Their GAM smoother is replaced here by
its one-input equivalent: a restricted (natural) cubic regression spline with knots at
Harrell's quantiles, fitted by least squares.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

KNOT_QUANTILES = (0.05, 0.275, 0.5, 0.725, 0.95)


def evpi(net: np.ndarray) -> float:
    """Expected value of perfect information: E[max(net, 0)] - max(E[net], 0)."""
    net = np.asarray(net, dtype=np.float64)
    return float(np.mean(np.maximum(net, 0.0)) - max(float(np.mean(net)), 0.0))


def spline_basis(x: np.ndarray) -> np.ndarray:
    """Design matrix of a restricted cubic spline in x (linear beyond the outer knots)."""
    x = np.asarray(x, dtype=np.float64)
    knots = np.unique(np.quantile(x, KNOT_QUANTILES))
    columns = [np.ones_like(x), x]
    if knots.size >= 3:
        last, before = knots[-1], knots[-2]
        scale = (last - knots[0]) ** 2

        def cube(k: float) -> np.ndarray:
            return np.maximum(x - k, 0.0) ** 3

        for k in knots[:-2]:
            columns.append(
                (
                    cube(k)
                    - cube(before) * (last - k) / (last - before)
                    + cube(last) * (before - k) / (last - before)
                )
                / scale
            )
    return np.column_stack(columns)


def conditional_net(net: np.ndarray, x: np.ndarray) -> np.ndarray:
    """E[net | x] at each draw, estimated by the spline regression of net on x."""
    basis = spline_basis(x)
    coef, *_ = np.linalg.lstsq(basis, np.asarray(net, dtype=np.float64), rcond=None)
    return basis @ coef


def evppi(net: np.ndarray, x: np.ndarray) -> float:
    """Partial EVPI of one input, bounded by 0 and the EVPI (estimation noise can cross them)."""
    if np.ptp(x) == 0:
        return 0.0
    fitted = conditional_net(net, x)
    value = float(np.mean(np.maximum(fitted, 0.0)) - max(float(np.mean(fitted)), 0.0))
    return min(max(value, 0.0), evpi(net))


def value_of_information(net: np.ndarray, inputs: Mapping[str, np.ndarray]) -> dict:
    """EVPI and each input's EVPPI (largest first) for one set of draws."""
    by_input = {key: evppi(net, x) for key, x in inputs.items()}
    return {
        "evpi": evpi(net),
        "evppi": dict(sorted(by_input.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
