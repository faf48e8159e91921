"""The full economic case for a scenario as one JSON-ready dict (the `--json` output)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import thrive
from thrive.economics.core.costing import costing
from thrive.economics.core.perspectives import PAYERS, PERSPECTIVES, perspective_savings
from thrive.economics.core.psa import PsaDraws, drawn_inputs, run_psa, summarise_psa
from thrive.economics.core.scenario import Scenario
from thrive.economics.core.sensitivity import acceptability_curve, net_cdf, tornado
from thrive.economics.core.thresholds import threshold, threshold_keys
from thrive.economics.core.voi import value_of_information

VOI_DRAWS = 20_000


def _money(x: Any) -> float:
    return round(float(x), 2)


def _share(x: Any) -> float:
    return round(float(x), 6)


def _ratio(savings: float, cost: float) -> float | None:
    return _share(savings / cost) if cost > 0 else None


def deterministic_result(scenario: Scenario) -> dict[str, Any]:
    """Base-case figures: every input at its mean, discounted over the horizon."""
    base = scenario.base_values()
    result = costing(scenario, base)
    plain = costing(scenario, base, discounted=False)
    savings, cost = float(result.savings), float(result.service_cost)
    by_payer = {payer: 0.0 for payer in PAYERS}
    by_payer.update({k: float(v) for k, v in result.savings_by_payer().items()})
    out: dict[str, Any] = {
        "savings": {
            "total": _money(savings),
            "by_resource": {k: _money(v) for k, v in result.savings_by_resource.items()},
            "by_payer": {k: _money(v) for k, v in by_payer.items()},
        },
        "service_cost": _money(cost),
        "net": _money(savings - cost),
        "ratio": _ratio(savings, cost),
        "break_even_service_cost": _money(savings),
        "per_person": {
            "savings": _money(savings / scenario.people),
            "service_cost": _money(cost / scenario.people),
            "net": _money((savings - cost) / scenario.people),
            "break_even_service_cost": _money(savings / scenario.people),
        },
        "undiscounted": {
            "savings": _money(plain.savings),
            "service_cost": _money(plain.service_cost),
            "net": _money(plain.net),
        },
    }
    out["by_perspective"] = {}
    for key, view in PERSPECTIVES.items():
        counted = float(perspective_savings(key, by_payer, result.person_income_gain))
        out["by_perspective"][key] = {
            "label": view.label,
            "savings": _money(counted),
            "net": _money(counted - cost),
            "ratio": _ratio(counted, cost),
        }
    if scenario.employment is not None:
        out["employment"] = {"person_income_gain": _money(result.person_income_gain)}
    return out


def _rounded_psa(summary: dict[str, Any]) -> dict[str, Any]:
    """The PSA summary with money to the penny and shares to six places."""

    def tidy(key: str, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: tidy(k, v) for k, v in value.items()}
        if value is None or isinstance(value, str) or key == "iterations":
            return value
        if isinstance(value, list):
            return [_money(v) for v in value]
        if key in ("p_net_positive", "mean_ratio") or key.endswith("_share"):
            return _share(value)
        return _money(value)

    out = {k: tidy(k, v) for k, v in summary.items()}
    out["mcse"] = {
        k: _share(v) if k == "p_net_positive" else _money(v) for k, v in summary["mcse"].items()
    }
    return out


def voi_result(
    scenario: Scenario, draws: PsaDraws, perspective: str | None = None
) -> dict[str, Any]:
    """EVPI and per-input EVPPI over the first VOI_DRAWS draws, for one perspective's net."""
    n = min(draws.iterations, VOI_DRAWS)
    net = draws.perspective_net(perspective)[:n]
    blocks = list(drawn_inputs(scenario, draws.seed, n))
    inputs = {p.key: np.concatenate([b[p.key] for b in blocks]) for p in scenario.uncertain}
    found = value_of_information(net, inputs)
    return {
        "warnings": [w for w in (scenario.counterfactual_warning,) if w],
        "perspective": perspective or "every_payer",
        "draws": n,
        "evpi": _money(found["evpi"]),
        "evppi": {k: _money(v) for k, v in found["evppi"].items()},
        "method": "EVPPI by spline regression (Strong, Oakley & Brennan 2014)",
    }


def thresholds_result(scenario: Scenario, perspective: str | None = None) -> list[dict[str, Any]]:
    """For each uncertain input and the counterfactual adjustments: where net savings reach 0."""
    found = []
    for key in threshold_keys(scenario):
        value = threshold(scenario, key, perspective=perspective)
        found.append(
            {
                "parameter": key,
                "base": scenario.parameters[key].base,
                "net_zero_at": None if value is None else round(value, 6),
            }
        )
    return found


def economic_report(
    scenario: Scenario,
    *,
    iterations: int | None = None,
    seed: int | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    perspective: str | None = None,
    keep_draws: list[PsaDraws] | None = None,
) -> dict[str, Any]:
    """Deterministic result, PSA summary, sensitivity data and provenance for a scenario.

    perspective (a PERSPECTIVES key) picks whose net the value of information and thresholds
    are about (None: every payer, as the headline); keep_draws, a list, receives the draws.
    """
    iterations = scenario.iterations if iterations is None else iterations
    seed = scenario.seed if seed is None else seed
    deterministic = deterministic_result(scenario)
    bars = tornado(scenario)
    sensitivity: dict[str, Any] = {
        "tornado": [
            {
                "parameter": b.parameter,
                "label": b.label,
                "low_value": b.low_value,
                "high_value": b.high_value,
                "net_at_low": _money(b.net_at_low),
                "net_at_high": _money(b.net_at_high),
                "swing": _money(b.swing),
            }
            for b in bars
        ],
        "net_cdf": [],
        "acceptability": [],
    }
    psa = voi = None
    if iterations > 0:
        draws = run_psa(scenario, iterations, seed, workers=workers, progress=progress)
        if keep_draws is not None:
            keep_draws.append(draws)
        psa = _rounded_psa(summarise_psa(draws))
        voi = voi_result(scenario, draws, perspective)
        sensitivity["net_cdf"] = [[_money(x), _share(p)] for x, p in net_cdf(draws)]
        sensitivity["acceptability"] = [
            [_money(c), _share(p)]
            for c, p in acceptability_curve(draws, deterministic["service_cost"])
        ]
    return {
        "scenario": {
            "name": scenario.name,
            "currency": scenario.currency,
            "price_year": scenario.price_year,
            "horizon_years": scenario.horizon_years,
            "discount_rate": scenario.discount_rate,
            "people": scenario.people,
        },
        "deterministic": deterministic,
        "warnings": [w for w in (scenario.counterfactual_warning,) if w],
        "perspective": perspective or "every_payer",
        "psa": psa,
        "voi": voi,
        "thresholds": thresholds_result(scenario, perspective),
        "sensitivity": sensitivity,
        "assumptions": [{"text": a.text, "about": a.about} for a in scenario.assumptions],
        "provenance": {
            "scenario_sha256": scenario.sha256,
            "seed": seed,
            "iterations": iterations,
            "code_version": thrive.__version__,
            "unit_cost_sources": [
                {
                    "name": c.name,
                    "value": scenario.parameters[c.key].base,
                    "distribution": scenario.parameters[c.key].dist.kind,
                    "unit": c.unit,
                    "source": c.source,
                    "price_year": c.price_year,
                }
                for c in scenario.unit_costs.values()
            ],
        },
    }
