"""Which function runs each kind of job.

Each area keeps its job functions in its own `jobs.py` and registers them with
`@job_kind("name")`; the jobs app imports every installed app's `jobs` module at
start-up, so the web process and the worker know the same kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

JobFunction = Callable[[Any], dict[str, Any] | None]

_KINDS: dict[str, JobFunction] = {}


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register a function that takes the Job and returns its small JSON result."""

    def register(function: JobFunction) -> JobFunction:
        if _KINDS.get(name, function) is not function:
            raise ImproperlyConfigured(f"Two job functions are registered as {name!r}.")
        _KINDS[name] = function
        return function

    return register


def function_for(kind: str) -> JobFunction:
    try:
        return _KINDS[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No job function is registered as {kind!r}.") from None


def kinds() -> list[str]:
    return sorted(_KINDS)
