"""Small-number suppression: counts from 1 to 4 can identify someone, so aggregates hide them."""

from __future__ import annotations

SMALL_COUNT = 5


def suppressed(count: int, threshold: int = SMALL_COUNT) -> int | None:
    """The count, or None when it is 1 to threshold−1 and could identify someone."""
    return None if 0 < count < threshold else count
