"""Hypothesis settings for the hostile-input suite: no deadline, no saved examples, modest runs.

THRIVE_HOSTILE_EXAMPLES multiplies every test's example count (e.g. 10 for a long local hunt).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hostile",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("hostile")


def examples(count: int) -> int:
    """The number of examples for one property, scaled by THRIVE_HOSTILE_EXAMPLES."""
    return count * max(int(os.environ.get("THRIVE_HOSTILE_EXAMPLES", "1") or 1), 1)
