"""How themes travel in a REFI-QDA project: one set of codes per theme (no Django).

REFI-QDA has no themes, but every tool keeps sets of codes. A key theme becomes the set
``Thrive: theme: Being heard``; a theme inside it ``Thrive: theme: Being heard > Asked, not
told``. The set's description is the theme's own description, then one line Thrive reads
back: ``[Thrive theme: valence=validating; tree part=roots; order=2]``. Other tools show
the line as text and change nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "Thrive: theme: "
SEPARATOR = " > "
_LINE = re.compile(
    r"\s*\[Thrive theme: valence=(?P<valence>[a-z_]*); tree part=(?P<tree_part>[a-z_]*)"
    r"(?:; order=(?P<order>\d{1,6}))?\]\s*\Z"
)


@dataclass(frozen=True)
class ThemeSet:
    """One theme as read from (or written to) a set: where it sits and what it carries."""

    key_theme: str
    theme: str = ""  # empty for a key theme itself
    description: str = ""
    valence: str = ""
    tree_part: str = ""
    order: int = 0

    @property
    def is_key_theme(self) -> bool:
        return not self.theme


def set_name(key_theme: str, theme: str = "") -> str:
    """The set's name for a key theme, or for a theme inside it."""
    return f"{PREFIX}{key_theme}{SEPARATOR}{theme}" if theme else f"{PREFIX}{key_theme}"


def set_description(description: str, valence: str, tree_part: str, order: int = 0) -> str:
    """The theme's description followed by the line that carries its valence and tree part."""
    line = f"[Thrive theme: valence={valence}; tree part={tree_part}; order={order}]"
    return f"{description.strip()}\n\n{line}" if description.strip() else line


def read_set(name: str, description: str = "") -> ThemeSet | None:
    """The theme a set stands for, or None when the set is not one of Thrive's themes."""
    if not name.startswith(PREFIX):
        return None
    key_theme, _, theme = name.removeprefix(PREFIX).partition(SEPARATOR)
    key_theme, theme = key_theme.strip(), theme.strip()
    if not key_theme or ">" in key_theme or ">" in theme:
        return None
    found = _LINE.search(description or "")
    if found is None:
        return ThemeSet(key_theme, theme, (description or "").strip())
    return ThemeSet(
        key_theme,
        theme,
        description[: found.start()].strip(),
        found["valence"],
        found["tree_part"],
        int(found["order"] or 0),
    )
