"""Which approved passages a table quotes: stable, short whole sentences first (no Django)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

SENTENCE = re.compile(r"""^["“‘'(]*[A-Z0-9].*[.!?]["”’')]*$""", re.DOTALL)


class Quotable(Protocol):
    participant: str
    text: str
    transcript_id: int
    start: int


Q = TypeVar("Q", bound=Quotable)


def is_whole_sentence(text: str) -> bool:
    """Starts as a sentence starts (a capital or a number) and ends with . ! or ?."""
    return bool(SENTENCE.match(text.strip()))


def _rank(quote: Quotable) -> tuple:
    text = quote.text.strip()
    return (
        not is_whole_sentence(text),
        len(text),
        quote.participant,
        quote.transcript_id,
        quote.start,
    )


def choose_quotes(candidates: Sequence[Q], how_many: int) -> list[Q]:
    """Up to how_many quotes: whole sentences, shortest first, from different people if possible."""
    ranked = sorted(candidates, key=_rank)
    chosen: list[Q] = []
    for quote in ranked:
        if len(chosen) < how_many and quote.participant not in {q.participant for q in chosen}:
            chosen.append(quote)
    for quote in ranked:
        if len(chosen) < how_many and quote not in chosen:
            chosen.append(quote)
    return chosen
