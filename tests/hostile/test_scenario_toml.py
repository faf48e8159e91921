"""Scenario TOML, generated and edited: a checked Scenario that runs, or one ScenarioError."""

import math
import tomllib

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import examples
from tests.hostile.strategies import TEXT, mutated, one_line
from thrive.economics.core.case import economic_report
from thrive.economics.core.editing import parse_text, read_value
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.scenario import resolve_scenario_path

DEMO_TEXT = resolve_scenario_path("demo").read_text(encoding="utf-8")
DEMO = tomllib.loads(DEMO_TEXT)
LEAVES = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, 1e308, -1e-308, "beta", "gamma", "normal", "fixed"]),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
DISTRIBUTIONS = st.fixed_dictionaries(
    {"dist": st.sampled_from(["beta", "gamma", "normal", "lognormal", "uniform", "fixed", "x"])},
    optional={
        key: st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 5)
        for key in ("mean", "sd", "low", "high", "value", "alpha", "beta")
    },
)


def check(text: str) -> None:
    try:
        scenario = parse_text(text)
    except ScenarioError as error:
        one_line(str(error))
        return
    report = economic_report(scenario, iterations=20, seed=1)
    assert math.isfinite(report["deterministic"]["service_cost"])


def paths(table: dict, above: tuple = ()) -> list[tuple]:
    found = []
    for key, value in table.items():
        found.append((*above, key))
        if isinstance(value, dict):
            found += paths(value, (*above, key))
    return found


PATHS = paths(DEMO)


def replaced(path: tuple, value) -> dict:
    data = tomllib.loads(DEMO_TEXT)
    table = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = value
    return data


@settings(max_examples=examples(120))
@given(text=st.text(max_size=400))
def test_it_checks_or_refuses_any_text(text):
    check(text)


@settings(max_examples=examples(60))
@given(data=st.data())
def test_it_checks_or_refuses_the_demo_scenario_with_bytes_changed(data):
    text = data.draw(mutated(DEMO_TEXT.encode("utf-8"), max_edits=4))
    check(text.decode("utf-8", errors="replace"))


@settings(max_examples=examples(120))
@given(path=st.sampled_from(PATHS), value=VALUES | DISTRIBUTIONS)
def test_it_checks_or_refuses_the_demo_with_any_value_anywhere(path, value):
    try:
        text = tomli_w.dumps(replaced(path, value))
    except (TypeError, ValueError):
        return  # not representable as TOML (such as a key that is not text)
    check(text)


@settings(max_examples=examples(60))
@given(text=st.text(max_size=80))
def test_it_reads_a_headline_field_or_says_what_it_needs(text):
    try:
        read_value(text)
    except ValueError as error:
        one_line(str(error))
