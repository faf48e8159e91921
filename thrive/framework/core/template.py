"""The framework as plain data: loaded from the versioned file in the package.

No Django here, so the report, the tree layout and the tests can use it alone.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    validating: str
    invalidating: str


@dataclass(frozen=True)
class Entry:
    """A named item with a short meaning: a theme, tree part or outcome category."""

    key: str
    name: str
    meaning: str


@dataclass(frozen=True)
class Framework:
    version: int
    name: str
    areas: tuple[Area, ...]
    themes: tuple[Entry, ...]
    tree_parts: tuple[Entry, ...]
    vocational_outcomes: tuple[Entry, ...]
    impacts: tuple[Entry, ...]

    def as_dict(self) -> dict[str, Any]:
        """The framework as JSON-ready data, the shape a service's editable copy keeps."""
        return {
            "version": self.version,
            "name": self.name,
            "area": [vars(a) for a in self.areas],
            "theme": [{"key": t.key, "name": t.name, "summary": t.meaning} for t in self.themes],
            "tree_part": [vars(p) for p in self.tree_parts],
            "vocational_outcome": [vars(o) for o in self.vocational_outcomes],
            "impact": [vars(i) for i in self.impacts],
        }


def framework_from_dict(data: dict[str, Any]) -> Framework:
    """Build a Framework from the file's (or a service copy's) plain data."""
    return Framework(
        version=int(data["version"]),
        name=data["name"],
        areas=tuple(Area(**a) for a in data["area"]),
        themes=tuple(Entry(t["key"], t["name"], t["summary"]) for t in data["theme"]),
        tree_parts=tuple(Entry(**p) for p in data["tree_part"]),
        vocational_outcomes=tuple(Entry(**o) for o in data["vocational_outcome"]),
        impacts=tuple(Entry(**i) for i in data["impact"]),
    )


def default_framework() -> Framework:
    """The framework template shipped with this version of Thrive."""
    text = resources.files("thrive.framework.core").joinpath("framework.toml").read_text("utf-8")
    return framework_from_dict(tomllib.loads(text))
