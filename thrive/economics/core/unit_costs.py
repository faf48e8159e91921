"""The shipped default unit costs (England 2024/25) with source and price year for each."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

DEFAULT_SET = "unit_costs_england_2024_25.toml"


@dataclass(frozen=True)
class UnitCostInfo:
    """What one unit cost means and where its figure comes from."""

    name: str
    value: float
    unit: str
    description: str
    source: str
    price_year: str
    payer: str


@cache
def default_unit_costs() -> dict[str, UnitCostInfo]:
    """The shipped England 2024/25 unit costs, keyed by name."""
    text = (
        resources.files("thrive.economics.core").joinpath(DEFAULT_SET).read_text(encoding="utf-8")
    )
    data = tomllib.loads(text)
    return {
        name: UnitCostInfo(
            name=name,
            value=float(entry["value"]),
            unit=entry["unit"],
            description=entry["description"],
            source=entry["source"],
            price_year=str(entry["price_year"]),
            payer=entry["payer"],
        )
        for name, entry in data["costs"].items()
    }


def default_currency() -> str:
    """Currency of the shipped default set."""
    text = (
        resources.files("thrive.economics.core").joinpath(DEFAULT_SET).read_text(encoding="utf-8")
    )
    return tomllib.loads(text)["meta"]["currency"]
