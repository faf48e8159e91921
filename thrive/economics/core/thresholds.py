"""Threshold analysis: the value of one input at which net savings reach zero."""

from __future__ import annotations

import math

import numpy as np

from thrive.economics.core.costing import costing
from thrive.economics.core.perspectives import perspective_savings
from thrive.economics.core.scenario import Scenario

GRID = 201
BISECTIONS = 60
WIDEN = 100.0


def net_at(scenario: Scenario, key: str, value: float, perspective: str | None = None) -> float:
    """Deterministic net savings with one input set to value and the rest at their base."""
    values = scenario.base_values()
    values[key] = value
    result = costing(scenario, values)
    if perspective is None:
        return float(result.net)
    saved = perspective_savings(perspective, result.savings_by_payer(), result.person_income_gain)
    return float(saved - result.service_cost)


def search_range(scenario: Scenario, key: str) -> tuple[float, float]:
    """Where to look: fractions from 0 to 1; else the input's range widened to WIDEN times its
    base either side (not below 0 for inputs that cannot be negative)."""
    if key.startswith("adjustments.") or key.endswith("drop_off"):
        return 0.0, 1.0
    param = scenario.parameters[key]
    lo, hi = param.dist.support()
    if not math.isfinite(lo):
        lo = param.dist.ppf(0.001)
    if not math.isfinite(hi):
        hi = param.dist.ppf(0.999)
    span = WIDEN * abs(param.base) or 1.0
    floor = 0.0 if lo >= 0 else min(lo, -span)
    return float(floor), float(max(hi, span))


def threshold(
    scenario: Scenario,
    key: str,
    *,
    perspective: str | None = None,
    within: tuple[float, float] | None = None,
) -> float | None:
    """The value of `key` nearest its base at which net savings are zero; None if none in range."""
    lo, hi = within or search_range(scenario, key)
    grid = np.linspace(lo, hi, GRID)
    nets = np.array([net_at(scenario, key, float(v), perspective) for v in grid])
    crossings = np.flatnonzero(np.sign(nets[:-1]) != np.sign(nets[1:]))
    if crossings.size == 0:
        return None
    base = scenario.parameters[key].base
    i = min(crossings, key=lambda j: abs(grid[j] - base))
    a, b, net_a = float(grid[i]), float(grid[i + 1]), float(nets[i])
    if net_a == 0:
        return a
    for _ in range(BISECTIONS):
        middle = (a + b) / 2
        net_middle = net_at(scenario, key, middle, perspective)
        if net_middle == 0:
            return middle
        if np.sign(net_middle) == np.sign(net_a):
            a, net_a = middle, net_middle
        else:
            b = middle
    return (a + b) / 2


def threshold_keys(scenario: Scenario) -> list[str]:
    """Inputs worth a threshold: every uncertain input and the counterfactual adjustments."""
    keys = [p.key for p in scenario.uncertain]
    adjustments = ("adjustments.deadweight", "adjustments.attribution")
    return keys + [k for k in adjustments if k not in keys]
