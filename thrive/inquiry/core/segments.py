"""Cut a text into non-overlapping segments where coded spans begin and end (no Django).

Overlapping codings cannot be drawn as nested <mark>s, so the text is cut at every span
boundary; each segment knows which spans cover it. Sorting the boundaries makes this
O(n log n) in the number of spans, whatever the length of the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    """A run of text [start, end) covered by the same set of spans (keys in span order)."""

    start: int
    end: int
    keys: tuple[Hashable, ...]


def segments(
    length: int, spans: Iterable[tuple[Hashable, int, int]], cuts: Iterable[int] = ()
) -> list[Segment]:
    """Split [0, length) at every span boundary and extra cut; spans are (key, start, end).

    Spans are clipped to the text; empty or inverted spans are ignored.
    """
    starts: dict[int, list[Hashable]] = defaultdict(list)
    ends: dict[int, list[Hashable]] = defaultdict(list)
    order: dict[Hashable, int] = {}
    for index, (key, start, end) in enumerate(spans):
        start, end = max(0, start), min(length, end)
        if start >= end:
            continue
        starts[start].append(key)
        ends[end].append(key)
        order[key] = index
    boundaries = sorted({0, length, *starts, *ends, *(c for c in cuts if 0 < c < length)})
    result: list[Segment] = []
    active: set[Hashable] = set()
    for left, right in pairwise(boundaries):
        active.difference_update(ends.get(left, ()))
        active.update(starts.get(left, ()))
        result.append(Segment(left, right, tuple(sorted(active, key=order.__getitem__))))
    return result


Span = tuple[Hashable, int, int]


def overlapping_pairs(spans: Iterable[Span]) -> list[tuple[Hashable, Hashable]]:
    """Every pair of spans (key, start, end) of one text that share at least one character."""
    ordered = sorted((s for s in spans if s[1] < s[2]), key=lambda s: (s[1], s[2]))
    pairs: list[tuple[Hashable, Hashable]] = []
    active: list[tuple[int, Hashable]] = []
    for key, start, end in ordered:
        active = [(e, k) for e, k in active if e > start]
        pairs.extend((k, key) for _, k in active)
        active.append((end, key))
    return pairs


def co_occurrence(
    texts: Iterable[Iterable[tuple[Hashable, int, int]]],
) -> dict[tuple[Hashable, Hashable], int]:
    """How often two codes overlap: spans are (code, start, end), one iterable per text.

    Each overlapping pair of codings counts once, under the pair of codes sorted by their
    string form; a code overlapping itself (two coders, say) is counted under (code, code).
    """
    counts: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for spans in texts:
        numbered = [((index, code), start, end) for index, (code, start, end) in enumerate(spans)]
        for (_, first), (_, second) in overlapping_pairs(numbered):
            pair = tuple(sorted((first, second), key=str))
            counts[pair] += 1
    return dict(counts)


def descendants(parents: dict[Hashable, Hashable | None], root: Hashable) -> list[Hashable]:
    """The root and every node below it in a forest given as {node: parent}."""
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    for node, parent in parents.items():
        children[parent].append(node)
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children.get(node, ()))
    return found


def would_cycle(parents: dict[Hashable, Hashable | None], node: Hashable, new_parent) -> bool:
    """Whether moving node under new_parent would put it inside its own subtree."""
    seen = set()
    while new_parent is not None and new_parent not in seen:
        if new_parent == node:
            return True
        seen.add(new_parent)
        new_parent = parents.get(new_parent)
    return False
