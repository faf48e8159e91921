"""The demo's economic scenarios: the seven participants' worked example and a service year."""

from __future__ import annotations

from thrive.economics.forms import shipped_text
from thrive.economics.models import SavedScenario

DEMO_SCENARIOS = {
    "Seven inquiry participants (worked example)": "seven_participants",
    "The whole service over three years": "service_year",
}


def load_scenarios() -> list[SavedScenario]:
    """Save the shipped scenarios by name, replacing earlier copies and their runs."""
    saved = []
    for name, shipped in DEMO_SCENARIOS.items():
        SavedScenario.objects.filter(name=name).delete()
        saved.append(SavedScenario.objects.create(name=name, toml=shipped_text(shipped)))
    return saved
