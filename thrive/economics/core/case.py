"""The full economic case for a scenario as one JSON-ready dict (the `--json` output)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import thrive
from thrive.economics.core.costing import costing
from thrive.economics.core.psa import run_psa, summarise_psa
from thrive.economics.core.scenario import PAYERS, Scenario
from thrive.economics.core.sensitivity import acceptability_curve, net_cdf, tornado


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
    if scenario.employment is not None:
        out["employment"] = {"person_income_gain": _money(result.person_income_gain)}
    return out


def economic_report(
    scenario: Scenario,
    *,
    iterations: int | None = None,
    seed: int | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Deterministic result, PSA summary, sensitivity data and provenance for a scenario."""
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
    psa = None
    if iterations > 0:
        draws = run_psa(scenario, iterations, seed, workers=workers, progress=progress)
        summary = summarise_psa(draws)
        psa = {
            k: (_share(v) if k in ("p_net_positive", "mean_ratio") and v is not None else v)
            for k, v in summary.items()
        }
        for k in ("mean_net", "mean_savings", "mean_service_cost", "sd_net"):
            psa[k] = _money(psa[k])
        psa["interval_95"] = [_money(v) for v in psa["interval_95"]]
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
        "psa": psa,
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
