"""A scenario built from the service's own records, through the plain feed journeys owns."""

from __future__ import annotations

from datetime import date

from thrive.economics.core.from_records import scenario_toml
from thrive.economics.core.service_records import build_scenario
from thrive.journeys.economics_feed import cohort_size, service_use_records


def scenario_text_for_period(
    start: date,
    end: date,
    *,
    service_cost_total: float = 0.0,
    people: int | None = None,
    name: str = "",
) -> str:
    """TOML for review, built from the journeys' records of the period (needs Django set up)."""
    period = f"{start.isoformat()} to {end.isoformat()}"
    if people is None:
        people = cohort_size(start, end)
        note = (
            f"The cohort is the {people} people with a journey open at some time from {period}; "
            "the changes are those reported in that period."
        )
    else:
        note = f"The cohort of {people} people was given by whoever built the scenario."
    scenario = build_scenario(
        service_use_records(start, end),
        name=name or f"Service records {period}",
        people=people,
        service_cost_total=service_cost_total,
        cohort_note=note,
    )
    return scenario_toml(scenario)
