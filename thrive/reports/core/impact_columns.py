"""Which column of the impact and outcomes table a code's passages belong in (no Django).

The columns are the framework's impacts: health; personal; vocational and social inclusion;
and what the person believes would have happened without the opportunity. A code belongs to
a column when it, or a code above it, is in the fruits of the tree (what grew) and its name
says which; a fruits code of an area of everyday life counts as inclusion. The starting
codebook's "What changed" codes are named after the columns, so they map at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

COLUMNS = ("health", "personal", "inclusion", "without")
# Checked in this order: "Without work I'd be back on the ward" is about the counterfactual.
WORDS = {
    "without": ("without", "otherwise", "would have", "if i hadn", "instead"),
    "health": ("health", "medication", "hospital", "admission", "ward", "crisis", "wellbeing"),
    "personal": ("personal", "confiden", "hope", "self-", "control", "pride", "proud", "worth"),
    "inclusion": (
        "inclusion",
        "vocational",
        "social",
        "work",
        "job",
        "employ",
        "education",
        "learning",
        "training",
        "volunteer",
        "friend",
        "family",
        "routine",
    ),
}
INCLUSION_AREAS = ("do", "love", "economic", "acceptance")
FRUITS = "fruits"


def _says(name: str, words: Sequence[str]) -> bool:
    return any(re.search(rf"\b{re.escape(word)}", name.casefold()) for word in words)


def impact_column(path: Sequence[str], tree_parts: Sequence[str], area: str = "") -> str | None:
    """The column for a code given the names and tree parts along its path (top first) and its
    area; None when its passages are not about what changed."""
    if FRUITS not in tree_parts:
        return None
    for name in reversed(path):
        for column, words in WORDS.items():
            if _says(name, words):
                return column
    return "inclusion" if area in INCLUSION_AREAS else None
