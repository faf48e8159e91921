"""Text as people send it, made safe to keep: one filter for control and direction characters.

Line breaks and tabs stay; NUL and the other C0 controls, DEL, zero-width spaces,
direction marks and bidirectional overrides go (they can disguise what a text says).
Joiners (U+200C, U+200D) stay: emoji and many scripts need them.
"""

from __future__ import annotations

import re

CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def without_controls(text: str) -> str:
    """The text with every control and direction-override character removed."""
    return CONTROL.sub("", text)


def control_positions(text: str) -> list[int]:
    """Where the characters `without_controls` removes stand, in order."""
    return [m.start() for m in CONTROL.finditer(text)]


def has_controls(text: str) -> bool:
    return CONTROL.search(text) is not None


def tidy(value: str) -> str:
    """Line breaks made plain, controls removed and the ends trimmed: free text to store."""
    return without_controls(value.replace("\r\n", "\n").replace("\r", "\n")).strip()
