"""One-way sensitivity (tornado), the distribution of net savings and the acceptability curve."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from thrive.economics.core.costing import costing
from thrive.economics.core.psa import PsaDraws
from thrive.economics.core.scenario import Scenario

LOW_Q, HIGH_Q = 0.025, 0.975


@dataclass(frozen=True)
class TornadoBar:
    """Net savings with one input at its 2.5th and 97.5th percentiles, all others at base."""

    parameter: str
    label: str
    low_value: float
    high_value: float
    net_at_low: float
    net_at_high: float

    @property
    def swing(self) -> float:
        """Width of the bar: how far this input alone moves net savings."""
        return abs(self.net_at_high - self.net_at_low)


def parameter_label(scenario: Scenario, key: str) -> str:
    """A short readable name for an input, naming the resource for effect inputs."""
    if key.startswith("effects["):
        index = int(key[len("effects[") : key.index("]")])
        what = "counterfactual " if key.endswith(".counterfactual") else ""
        return f"{scenario.effects[index - 1].resource} {what}(effects[{index}])"
    return key


def tornado(scenario: Scenario) -> list[TornadoBar]:
    """One bar per uncertain input, widest first."""
    base = scenario.base_values()
    bars = []
    for param in scenario.uncertain:
        low, high = param.dist.ppf(LOW_Q), param.dist.ppf(HIGH_Q)
        nets = []
        for value in (low, high):
            trial = dict(base)
            trial[param.key] = value
            nets.append(float(costing(scenario, trial).net))
        bars.append(TornadoBar(param.key, parameter_label(scenario, param.key), low, high, *nets))
    return sorted(bars, key=lambda b: (-b.swing, b.parameter))


def net_cdf(draws: PsaDraws, points: int = 101) -> list[tuple[float, float]]:
    """(net savings, share of iterations at or below it) at evenly spaced probabilities."""
    probs = np.linspace(0.0, 1.0, points)
    values = np.quantile(draws.net, probs)
    return [(float(v), float(p)) for v, p in zip(values, probs, strict=True)]


def acceptability_curve(
    draws: PsaDraws, base_service_cost: float, points: int = 41
) -> list[tuple[float, float]]:
    """(service cost, probability that savings exceed it) over a range of service costs."""
    savings = np.sort(draws.savings.astype(np.float64))
    top = max(2.0 * base_service_cost, float(np.quantile(savings, 0.975)), 1.0)
    costs = np.linspace(0.0, top, points)
    above = savings.size - np.searchsorted(savings, costs, side="right")
    return [(float(c), float(a) / savings.size) for c, a in zip(costs, above, strict=True)]
