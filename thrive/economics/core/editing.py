"""Read scenario text and rewrite its headline inputs, leaving effects and comments as written."""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomli_w

from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.scenario import Scenario, parse_scenario, toml_data

ADJUSTMENTS = ("deadweight", "attribution", "displacement", "drop_off")
HEADLINE = (
    "people",
    "horizon_years",
    "discount_rate",
    "service_cost_total",
    *ADJUSTMENTS,
)
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_-]+)[^\]]*\]\]?\s*(#.*)?$")


def read_toml(text: str) -> dict[str, Any]:
    """The TOML text as a dict; a syntax error becomes a ScenarioError on the key `toml`."""
    return toml_data(text)


def parse_text(text: str, source: str = "") -> Scenario:
    """A checked Scenario from TOML text; raises ScenarioError naming the key."""
    return parse_scenario(read_toml(text), source=source)


def inline(value: Any) -> str:
    """One value as inline TOML: numbers, text, true/false, lists and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if value != value else "inf")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def read_value(text: str) -> Any:
    """A number or inline table typed into a form field, e.g. `0.2` or `{ dist = "beta", … }`."""
    try:
        return toml_data(f"value = {text.strip()}")["value"]
    except ScenarioError:
        raise ValueError(
            'must be a number or a distribution such as { dist = "beta", mean = 0.2, sd = 0.1 }'
        ) from None


def headline_values(text: str) -> dict[str, str]:
    """The headline inputs of a scenario as form text (blank where the scenario has none)."""
    data = read_toml(text)
    head = data.get("scenario", {}) if isinstance(data.get("scenario"), Mapping) else {}
    cost = data.get("service_cost", {}) if isinstance(data.get("service_cost"), Mapping) else {}
    adj = data.get("adjustments", {}) if isinstance(data.get("adjustments"), Mapping) else {}
    values = {
        "people": head.get("people"),
        "horizon_years": head.get("horizon_years", 1),
        "discount_rate": head.get("discount_rate", 0.035),
        "service_cost_total": cost.get("total"),
        **{name: adj.get(name) for name in ADJUSTMENTS},
    }
    return {k: "" if v is None else inline(v) for k, v in values.items()}


def _blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """Lines grouped by top-level table, in order: (name or None for the preamble, lines)."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    in_multiline = False
    for line in text.splitlines():
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_multiline = not in_multiline
        match = None if in_multiline else _HEADER.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        else:
            blocks[-1][1].append(line)
    return blocks


def _table_text(name: str, table: Mapping[str, Any]) -> list[str]:
    return [f"[{name}]", *(f"{k} = {inline(v)}" for k, v in table.items()), ""]


def rewrite_headline(text: str, values: Mapping[str, Any]) -> str:
    """The scenario text with the headline inputs replaced; other tables keep their text.

    `values` holds parsed values for HEADLINE names; `service_cost_total` None keeps the
    service cost as written (e.g. staff lines), an adjustment None removes it.
    """
    data = read_toml(text)
    expected = dict(data)
    head = dict(data.get("scenario") or {})
    for name in ("people", "horizon_years", "discount_rate"):
        if values.get(name) is not None:
            head[name] = values[name]
    expected["scenario"] = head
    replace = {"scenario": head}
    if values.get("service_cost_total") is not None:
        expected["service_cost"] = replace["service_cost"] = {"total": values["service_cost_total"]}
    adjustments = dict(data.get("adjustments") or {})
    for name in ADJUSTMENTS:
        if values.get(name) is None:
            adjustments.pop(name, None)
        else:
            adjustments[name] = values[name]
    replace["adjustments"] = adjustments
    if adjustments:
        expected["adjustments"] = adjustments
    else:
        expected.pop("adjustments", None)

    out: list[str] = []
    written: set[str] = set()
    for name, lines in _blocks(text):
        if name in replace:
            if name not in written and replace[name]:
                out += _table_text(name, replace[name])
            written.add(name)
        else:
            out += lines
    for name, table in replace.items():
        if name not in written and table:
            out += ["", *_table_text(name, table)]
    new_text = "\n".join(out).rstrip("\n") + "\n"
    try:
        if tomllib.loads(new_text) == expected:
            return new_text
    except tomllib.TOMLDecodeError:
        pass
    return tomli_w.dumps(expected)
