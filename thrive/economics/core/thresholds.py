"""Threshold analysis: the value of one input at which net savings reach zero."""

from __future__ import annotations

import math

import numpy as np

from thrive.economics.core.costing import costing
from thrive.economics.core.perspectives import perspective_savings
from thrive.economics.core.scenario import Scenario

GRID = 201
ZOOMS = 4
WIDEN = 100.0


def net_at(
    scenario: Scenario, key: str, value: float | np.ndarray, perspective: str | None = None
) -> float | np.ndarray:
    """Deterministic net savings with one input set to value (or each of an array of values)
    and the rest at their base."""
    values: dict[str, float | np.ndarray] = dict(scenario.base_values())
    values[key] = value
    result = costing(scenario, values)
    if perspective is None:
        net = result.net
    else:
        saved = perspective_savings(
            perspective, result.savings_by_payer(), result.person_income_gain
        )
        net = saved - result.service_cost
    if np.ndim(value):
        return np.broadcast_to(np.asarray(net, dtype=float), np.shape(value))
    return float(net)


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
    nets = net_at(scenario, key, grid, perspective)
    crossings = np.flatnonzero(np.sign(nets[:-1]) != np.sign(nets[1:]))
    if crossings.size == 0:
        return None
    base = scenario.parameters[key].base
    i = min(crossings, key=lambda j: abs(grid[j] - base))
    for _ in range(ZOOMS):
        if nets[i] == 0:
            return float(grid[i])
        grid = np.linspace(grid[i], grid[i + 1], GRID)
        nets = net_at(scenario, key, grid, perspective)
        i = int(np.flatnonzero(np.sign(nets[:-1]) != np.sign(nets[1:]))[0])
    return float(grid[i] - nets[i] * (grid[i + 1] - grid[i]) / (nets[i + 1] - nets[i]))


def threshold_keys(scenario: Scenario) -> list[str]:
    """Inputs worth a threshold: every uncertain input and the counterfactual adjustments."""
    keys = [p.key for p in scenario.uncertain]
    adjustments = ("adjustments.deadweight", "adjustments.attribution")
    return keys + [k for k in adjustments if k not in keys]
