"""Names folded for finding people: case, accents and spacing set aside, as people type them.

"Zoë", "ZOE" and "zoe" find each other; so do "Łukasz" and "Lukasz", "Søren" and "Soren",
"Straße" and "strasse". Letters that Unicode does not split into a letter and an accent
(ł, ø, æ, đ, ı…) are given their plain spelling from a short table.
"""

from __future__ import annotations

import unicodedata

PLAIN = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})


def fold(name: str) -> str:
    """The name as search compares it: lower case, no accents, one space between words."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(PLAIN))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.translate(APOSTROPHES).split())
