"""Probabilistic sensitivity analysis: seeded per-parameter streams, chunked draws, summaries."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from thrive.economics.model import costing
from thrive.economics.scenario import Parameter, Scenario

DEFAULT_CHUNK = 200_000
FLOAT64_LIMIT = 5_000_000


@dataclass(frozen=True)
class PsaDraws:
    """Savings and service cost for every iteration (float32 beyond FLOAT64_LIMIT iterations)."""

    savings: np.ndarray
    service_cost: np.ndarray
    seed: int

    @property
    def iterations(self) -> int:
        """Number of iterations run."""
        return int(self.savings.size)

    @property
    def net(self) -> np.ndarray:
        """Net savings per iteration."""
        return self.savings.astype(np.float64) - self.service_cost


def parameter_stream(seed: int, key: str) -> np.random.Generator:
    """A generator for one parameter, keyed by its name so other inputs never shift it."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(zlib.crc32(key.encode()),))
    )


def _streams(scenario: Scenario, seed: int) -> list[tuple[Parameter, np.random.Generator]]:
    return [(p, parameter_stream(seed, p.key)) for p in scenario.uncertain]


def run_psa(
    scenario: Scenario,
    iterations: int,
    seed: int,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Callable[[int], None] | None = None,
) -> PsaDraws:
    """Cost `iterations` draws of every uncertain input; the chunk size changes nothing."""
    dtype = np.float64 if iterations <= FLOAT64_LIMIT else np.float32
    savings = np.empty(iterations, dtype=dtype)
    cost = np.empty(iterations, dtype=dtype)
    streams = _streams(scenario, seed)
    values: dict[str, float | np.ndarray] = scenario.base_values()
    done = 0
    while done < iterations:
        n = min(chunk_size, iterations - done)
        for param, rng in streams:
            values[param.key] = param.dist.sample(rng, n)
        result = costing(scenario, values)
        savings[done : done + n] = result.savings
        cost[done : done + n] = result.service_cost
        done += n
        if progress is not None:
            progress(n)
    return PsaDraws(savings, cost, seed)


def draw_only(
    scenario: Scenario, iterations: int, seed: int, *, chunk_size: int = DEFAULT_CHUNK
) -> int:
    """Draw the same random numbers as run_psa without costing them (benchmark baseline)."""
    streams = _streams(scenario, seed)
    done = 0
    while done < iterations:
        n = min(chunk_size, iterations - done)
        for param, rng in streams:
            param.dist.sample(rng, n)
        done += n
    return len(streams)


def summarise_psa(draws: PsaDraws) -> dict:
    """The fixed PSA summary: mean net, 95% interval, chance of a positive net, mean ratio."""
    net = draws.net
    lo, hi = np.quantile(net, [0.025, 0.975])
    cost = draws.service_cost.astype(np.float64)
    ratio = None
    if np.all(cost > 0):
        ratio = float(np.mean(draws.savings / cost))
    return {
        "iterations": draws.iterations,
        "mean_net": float(np.mean(net)),
        "interval_95": [float(lo), float(hi)],
        "p_net_positive": float(np.mean(net > 0)),
        "mean_ratio": ratio,
        "mean_savings": float(np.mean(draws.savings, dtype=np.float64)),
        "mean_service_cost": float(np.mean(cost)),
        "sd_net": float(np.std(net)),
    }
