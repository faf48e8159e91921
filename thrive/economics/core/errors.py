"""The one error type the economic model raises for a scenario it cannot use."""

from __future__ import annotations


class ScenarioError(ValueError):
    """A scenario value is missing or invalid; `key` names where, in dotted form."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message
