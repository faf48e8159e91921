"""The demo's economic scenarios: the seven participants' worked example, a service year, and
the past year built from the demo's own records as a fair, conservative case."""

from __future__ import annotations

from datetime import date

from thrive.economics.core.scenario import load_scenario
from thrive.economics.forms import shipped_text
from thrive.economics.from_service import scenario_text_for_period
from thrive.economics.models import SavedScenario
from thrive.reports.dashboard_figures import today, year_to

DEMO_SCENARIOS = {
    "Seven inquiry participants (worked example)": "seven_participants",
    "The whole service over three years": "service_year",
}
FROM_RECORDS = "The past year, from the service's own records"


def records_scenario_text(day: date) -> str:
    """The past year's records against the whole yearly cost of the service's staff.

    Conservative on purpose: every staff cost counts, while education, volunteering and
    training are not given a money value, and the counterfactual defaults apply.
    """
    start, end = year_to(day)
    yearly_cost = load_scenario("service_year").service_cost.annual_staff_cost
    return scenario_text_for_period(start, end, service_cost_total=yearly_cost, name=FROM_RECORDS)


def load_scenarios() -> list[SavedScenario]:
    """Save the demo's scenarios by name, replacing earlier copies and their runs."""
    texts = {name: shipped_text(shipped) for name, shipped in DEMO_SCENARIOS.items()}
    texts[FROM_RECORDS] = records_scenario_text(today())
    saved = []
    for name, text in texts.items():
        SavedScenario.objects.filter(name=name).delete()
        saved.append(SavedScenario.objects.create(name=name, toml=text))
    return saved
