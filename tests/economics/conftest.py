import tomllib

import pytest

from thrive.economics.core.scenario import Scenario, parse_scenario

MINIMAL = """
[scenario]
name = "test"
people = 10
discount_rate = 0.0

[service_cost]
total = 1000.0
"""


def scenario_from(text: str) -> Scenario:
    return parse_scenario(tomllib.loads(text))


@pytest.fixture
def minimal() -> str:
    return MINIMAL
