"""Probabilistic sensitivity analysis: seeded streams per parameter and block, summaries.

Draws come in fixed blocks of BLOCK iterations. Every (parameter, block) pair has its own
stream, so the numbers are the same whether the blocks run in one process or several, and
adding a parameter never shifts another's draws.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from thrive.economics.core.costing import costing
from thrive.economics.core.scenario import Scenario

BLOCK = 100_000
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


def parameter_stream(seed: int, key: str, block: int = 0) -> np.random.Generator:
    """A generator for one parameter's draws in one block, keyed by the parameter's name."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(zlib.crc32(key.encode()), block))
    )


def block_sizes(iterations: int) -> list[int]:
    """The iterations split into blocks of BLOCK, the last one shorter."""
    return [min(BLOCK, iterations - start) for start in range(0, iterations, BLOCK)]


def drawn_block(scenario: Scenario, seed: int, block: int, n: int) -> dict[str, np.ndarray]:
    """Draw n values of every uncertain input for one block."""
    return {
        p.key: p.dist.sample(parameter_stream(seed, p.key, block), n) for p in scenario.uncertain
    }


def costed_block(scenario: Scenario, seed: int, block: int, n: int) -> tuple[np.ndarray, ...]:
    """Savings and service cost for the n iterations of one block."""
    values: dict[str, float | np.ndarray] = scenario.base_values()
    values.update(drawn_block(scenario, seed, block, n))
    result = costing(scenario, values)
    shape = (n,)
    return np.broadcast_to(result.savings, shape), np.broadcast_to(result.service_cost, shape)


def run_psa(
    scenario: Scenario,
    iterations: int,
    seed: int,
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> PsaDraws:
    """Cost `iterations` draws of every uncertain input, in one process or several."""
    dtype = np.float64 if iterations <= FLOAT64_LIMIT else np.float32
    savings = np.empty(iterations, dtype=dtype)
    cost = np.empty(iterations, dtype=dtype)
    sizes = block_sizes(iterations)
    args = (repeat(scenario), repeat(seed), range(len(sizes)), sizes)
    done = 0
    if workers > 1 and len(sizes) > 1:
        with ProcessPoolExecutor(min(workers, len(sizes))) as pool:
            results = pool.map(costed_block, *args)
            done = _collect(results, savings, cost, progress)
    else:
        done = _collect(map(costed_block, *args), savings, cost, progress)
    assert done == iterations
    return PsaDraws(savings, cost, seed)


def _collect(results, savings: np.ndarray, cost: np.ndarray, progress) -> int:
    done = 0
    for block_savings, block_cost in results:
        n = block_savings.size
        savings[done : done + n] = block_savings
        cost[done : done + n] = block_cost
        done += n
        if progress is not None:
            progress(n)
    return done


def draw_only(scenario: Scenario, iterations: int, seed: int) -> int:
    """Draw the same random numbers as run_psa without costing them (benchmark baseline)."""
    for block, n in enumerate(block_sizes(iterations)):
        drawn_block(scenario, seed, block, n)
    return len(scenario.uncertain)


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
