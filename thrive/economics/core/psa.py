"""Probabilistic sensitivity analysis: seeded streams per parameter and block, summaries.

Draws come in fixed blocks of BLOCK iterations. Every (parameter, block) pair has its own
stream, so the numbers are the same whether the blocks run in one process or several, and
adding a parameter never shifts another's draws.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from thrive.economics.core.costing import costing
from thrive.economics.core.perspectives import (
    PAYERS,
    PERSPECTIVES,
    perspective_savings,
)
from thrive.economics.core.scenario import Scenario

BLOCK = 100_000
FLOAT64_LIMIT = 5_000_000


@dataclass(frozen=True)
class PsaDraws:
    """Savings and service cost for every iteration (float32 beyond FLOAT64_LIMIT iterations)."""

    savings: np.ndarray
    service_cost: np.ndarray
    seed: int
    by_payer: Mapping[str, np.ndarray] = field(default_factory=dict)
    person_income: np.ndarray | float = 0.0

    @property
    def iterations(self) -> int:
        """Number of iterations run."""
        return int(self.savings.size)

    @property
    def net(self) -> np.ndarray:
        """Net savings per iteration."""
        return self.savings.astype(np.float64) - self.service_cost

    def perspective_net(self, key: str | None) -> np.ndarray:
        """Net savings per iteration from one perspective (None: every payer, as `net`)."""
        if key is None:
            return self.net
        counted = perspective_savings(key, self.by_payer, self.person_income)
        return np.asarray(counted, dtype=np.float64) - self.service_cost


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


def drawn_inputs(scenario: Scenario, seed: int, iterations: int) -> Iterator[dict[str, np.ndarray]]:
    """The inputs run_psa draws for its first `iterations` iterations, block by block."""
    for block, n in enumerate(block_sizes(iterations)):
        yield drawn_block(scenario, seed, block, n)


def payers_in(scenario: Scenario) -> list[str]:
    """The payers whose savings the scenario models, in PAYERS order."""
    present = costing(scenario, scenario.base_values()).savings_by_payer()
    return [payer for payer in PAYERS if payer in present]


def costed_block(scenario: Scenario, seed: int, block: int, n: int) -> dict[str, np.ndarray]:
    """Savings (in total and by payer), service cost and income gain for one block."""
    values: dict[str, float | np.ndarray] = scenario.base_values()
    values.update(drawn_block(scenario, seed, block, n))
    result = costing(scenario, values)
    shape = (n,)
    out = {
        "savings": result.savings,
        "service_cost": result.service_cost,
        "person_income": result.person_income_gain,
    }
    out.update({f"payer:{k}": v for k, v in result.savings_by_payer().items()})
    return {k: np.broadcast_to(v, shape) for k, v in out.items()}


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
    names = ["savings", "service_cost", *(f"payer:{p}" for p in payers_in(scenario))]
    if scenario.employment is not None:
        names.append("person_income")
    arrays = {name: np.empty(iterations, dtype=dtype) for name in names}
    sizes = block_sizes(iterations)
    args = (repeat(scenario), repeat(seed), range(len(sizes)), sizes)
    done = 0
    if workers > 1 and len(sizes) > 1:
        with ProcessPoolExecutor(min(workers, len(sizes))) as pool:
            done = _collect(pool.map(costed_block, *args), arrays, progress)
    else:
        done = _collect(map(costed_block, *args), arrays, progress)
    assert done == iterations
    return PsaDraws(
        arrays["savings"],
        arrays["service_cost"],
        seed,
        by_payer={k.split(":", 1)[1]: v for k, v in arrays.items() if k.startswith("payer:")},
        person_income=arrays.get("person_income", 0.0),
    )


def _collect(results, arrays: dict[str, np.ndarray], progress) -> int:
    done = 0
    for block in results:
        n = block["savings"].size
        for name, array in arrays.items():
            array[done : done + n] = block[name]
        done += n
        if progress is not None:
            progress(n)
    return done


def draws_rows(scenario: Scenario, draws: PsaDraws) -> Iterator[list]:
    """The draws as a table: a header, then per iteration each uncertain input, savings,
    service cost and net (the shape BCEA and dampack read)."""
    keys = [p.key for p in scenario.uncertain]
    yield [*keys, "savings", "service_cost", "net"]
    net = draws.net
    start = 0
    for block in drawn_inputs(scenario, draws.seed, draws.iterations):
        n = len(next(iter(block.values()))) if block else min(BLOCK, draws.iterations - start)
        for i in range(start, start + n):
            inputs = [float(block[k][i - start]) for k in keys]
            yield [*inputs, float(draws.savings[i]), float(draws.service_cost[i]), float(net[i])]
        start += n


def draw_only(scenario: Scenario, iterations: int, seed: int) -> int:
    """Draw the same random numbers as run_psa without costing them (benchmark baseline)."""
    for block, n in enumerate(block_sizes(iterations)):
        drawn_block(scenario, seed, block, n)
    return len(scenario.uncertain)


def interval_95(values: np.ndarray) -> list[float]:
    """The central 95% of the draws (2.5th and 97.5th percentiles)."""
    lo, hi = np.quantile(values, [0.025, 0.975])
    return [float(lo), float(hi)]


def mean_ratio(savings: np.ndarray, cost: np.ndarray) -> float | None:
    """Mean savings per 1 spent over the draws; None when the cost can be 0."""
    if not np.all(cost > 0):
        return None
    return float(np.mean(np.asarray(savings, dtype=np.float64) / cost))


def mcse(net: np.ndarray) -> dict[str, float]:
    """Monte Carlo standard errors of the mean net savings and of P(net > 0) (independent draws)."""
    n = net.size
    p = float(np.mean(net > 0))
    return {
        "mean_net": float(np.std(net, ddof=1) / np.sqrt(n)) if n > 1 else 0.0,
        "p_net_positive": float(np.sqrt(p * (1.0 - p) / n)),
    }


def summarise_psa(draws: PsaDraws) -> dict:
    """The fixed PSA summary (every payer), with each payer, each perspective and the MCSE."""
    net = draws.net
    cost = draws.service_cost.astype(np.float64)
    by_payer = {}
    for payer, saved in draws.by_payer.items():
        by_payer[payer] = {
            "mean_savings": float(np.mean(saved, dtype=np.float64)),
            "interval_95": interval_95(saved),
            "mean_ratio": mean_ratio(saved, cost),
        }
    by_perspective = {}
    for key, view in PERSPECTIVES.items():
        view_net = draws.perspective_net(key)
        by_perspective[key] = {
            "label": view.label,
            "mean_savings": float(np.mean(view_net + cost)),
            "mean_net": float(np.mean(view_net)),
            "interval_95": interval_95(view_net),
            "p_net_positive": float(np.mean(view_net > 0)),
            "mean_ratio": mean_ratio(view_net + cost, cost),
        }
    return {
        "iterations": draws.iterations,
        "mean_net": float(np.mean(net)),
        "interval_95": interval_95(net),
        "p_net_positive": float(np.mean(net > 0)),
        "mean_ratio": mean_ratio(draws.savings, cost),
        "mean_savings": float(np.mean(draws.savings, dtype=np.float64)),
        "mean_service_cost": float(np.mean(cost)),
        "sd_net": float(np.std(net)),
        "mcse": mcse(net),
        "by_payer": by_payer,
        "by_perspective": by_perspective,
    }
