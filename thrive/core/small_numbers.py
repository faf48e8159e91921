"""Small-number suppression: the one policy for every count shown to people who see aggregates.

Counts from 1 to 4 can identify someone, so they are hidden (*primary* suppression).
Hiding them is not enough when a total is shown beside them: 114 − (12+27+24+22+25) = 4.
So, wherever a hidden count could still be worked out from the totals, the next smallest
non-zero count in the same sum is hidden too (*secondary* suppression), and a total is
hidden when no other count is left to hide. This repeats until no hidden count can be
worked out, either by subtraction within one sum, by combining sums, or because the hidden
counts of a sum can only take their smallest (or largest) possible values. 0 is always
shown. docs/outcomes.md explains the policy with a worked example.

Everything here is plain data in and out, so a report, a dashboard or a spreadsheet can
describe its figures as counts and the sums that hold between them, and ask which to hide.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

SMALL_COUNT = 5
FEWER = f"fewer than {SMALL_COUNT}"
NOT_SHOWN = "not shown"
ALL = ("all",)  # the key of a total in breakdown() and table(); never equal to a label


def suppressed(count: int, threshold: int = SMALL_COUNT) -> int | None:
    """The count, or None when it is 1 to threshold−1 and could identify someone."""
    return None if 0 < count < threshold else count


@dataclass(frozen=True)
class Sum:
    """A sum a reader can check: the count `total` is the parts added up."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Hidden:
    """Which counts to hide: `small` ones (1 to 4) and those hidden to `protect` them."""

    small: frozenset
    protect: frozenset

    def __contains__(self, key: object) -> bool:
        return key in self.small or key in self.protect

    def shown(self, key: Hashable, value: int) -> str:
        """The count as a reader sees it: "fewer than 5", "not shown", or the number."""
        if key in self.small:
            return FEWER
        if key in self.protect:
            return NOT_SHOWN
        return f"{value:,}"


def hidden_counts(
    counts: Mapping[Hashable, int],
    sums: Iterable[Sum] = (),
    *,
    unpublished: Iterable[Hashable] = (),
    threshold: int = SMALL_COUNT,
) -> Hidden:
    """Which counts to hide so that no count from 1 to threshold−1 can be seen or worked out.

    `counts` holds every count a sum mentions; `unpublished` ones are never shown (such as
    "people without an outcome", which is people minus people with one) but still count:
    one from 1 to 4 must not be derivable either. A shown count that is hidden to protect
    another must not be derivable, so a reader cannot undo the protection.
    """
    order = {key: n for n, key in enumerate(counts)}
    sums = [s for s in sums if s.parts]
    never_shown = set(unpublished)
    small = {k for k, v in counts.items() if 0 < v < threshold and k not in never_shown}
    protect: set[Hashable] = set()
    while True:
        hidden = small | protect | never_shown
        guarded = small | protect | {k for k in never_shown if 0 < counts[k] < threshold}
        # One sum at a time first; combining sums is slower and only needed when that is clear.
        one_sum = _alone_in_a_sum(sums, hidden) | _pinned_by_bounds(
            counts, sums, hidden, small, protect, threshold
        )
        exposed = one_sum & guarded or _determined_by_sums(sums, hidden) & guarded
        if not exposed:
            return Hidden(frozenset(small), frozenset(protect))
        extra = _next_to_hide(set(exposed), counts, sums, hidden, order)
        if extra is None:  # everything non-zero is hidden already
            return Hidden(frozenset(small), frozenset(protect))
        protect.add(extra)


def breakdown(
    cells: Sequence[tuple[str, int]], total: int | None = None, threshold: int = SMALL_COUNT
) -> Hidden:
    """A one-way breakdown (label, count) and its total (the key ALL); total defaults to the sum."""
    counts: dict[Hashable, int] = dict(cells)
    counts[ALL] = sum(counts.values()) if total is None else total
    unexplained = counts[ALL] - sum(count for _, count in cells)
    parts = [label for label, _ in cells]
    if unexplained:  # the total includes people in no row: an unpublished remainder
        counts[("rest",)] = unexplained
        parts.append(("rest",))
    return hidden_counts(
        counts,
        [Sum(ALL, tuple(parts))],
        unpublished=[("rest",)] if unexplained else [],
        threshold=threshold,
    )


def table(rows: Mapping[str, Mapping[str, int]], threshold: int = SMALL_COUNT) -> Hidden:
    """A two-way table with row totals (row, ALL), column totals (ALL, column) and (ALL, ALL)."""
    columns = list(dict.fromkeys(column for row in rows.values() for column in row))
    counts: dict[Hashable, int] = {}
    for name, row in rows.items():
        for column in columns:
            counts[(name, column)] = row.get(column, 0)
        counts[(name, ALL)] = sum(row.values())
    for column in columns:
        counts[(ALL, column)] = sum(row.get(column, 0) for row in rows.values())
    counts[(ALL, ALL)] = sum(sum(row.values()) for row in rows.values())
    sums = [Sum((name, ALL), tuple((name, c) for c in columns)) for name in rows]
    sums += [Sum((ALL, c), tuple((name, c) for name in rows)) for c in columns]
    sums.append(Sum((ALL, ALL), tuple((ALL, c) for c in columns)))
    sums.append(Sum((ALL, ALL), tuple((name, ALL) for name in rows)))
    return hidden_counts(counts, sums, threshold=threshold)


def _alone_in_a_sum(sums: list[Sum], hidden: set) -> set:
    """Hidden counts that are the only hidden one in some sum: a subtraction gives them."""
    alone = set()
    for s in sums:
        in_sum = [k for k in (s.total, *s.parts) if k in hidden]
        if len(in_sum) == 1:
            alone.add(in_sum[0])
    return alone


def _determined_by_sums(sums: list[Sum], hidden: set) -> set:
    """Hidden counts fixed by the sums together: a unit vector in the equations' row space.

    Gaussian elimination over sparse rows of exact fractions; a count is fixed when a
    fully reduced row has it as its only entry.
    """
    rows: list[dict[Hashable, Fraction]] = []
    for s in sums:
        row: dict[Hashable, Fraction] = {}
        for part in s.parts:
            if part in hidden:
                row[part] = row.get(part, Fraction(0)) + 1
        if s.total in hidden:
            row[s.total] = row.get(s.total, Fraction(0)) - 1
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[Hashable, dict[Hashable, Fraction]] = {}
    for row in rows:
        for key, pivot_row in pivots.items():
            if key in row:
                factor = row[key]
                for k, v in pivot_row.items():
                    row[k] = row.get(k, Fraction(0)) - factor * v
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        key = min(row, key=repr)
        lead = row[key]
        row = {k: v / lead for k, v in row.items()}
        for other in pivots.values():
            if key in other:
                factor = other[key]
                for k, v in row.items():
                    other[k] = other.get(k, Fraction(0)) - factor * v
                for k in [k for k, v in other.items() if not v]:
                    del other[k]
        pivots[key] = row
    return {key for key, row in pivots.items() if len(row) == 1}


def _pinned_by_bounds(
    counts: Mapping[Hashable, int],
    sums: list[Sum],
    hidden: set,
    small: set,
    protect: set,
    threshold: int,
) -> set:
    """Hidden parts of a shown total forced to their least (or most) possible values.

    A reader knows "fewer than 5" is 1 to 4, "not shown" is at least 5 and an unpublished
    count is 0 or more; two "fewer than 5" beside a remainder of 2 must both be 1.
    """
    pinned: set = set()
    for s in sums:
        if s.total in hidden:
            continue
        parts = [p for p in s.parts if p in hidden]
        if not parts:
            continue
        rest = counts[s.total] - sum(counts[p] for p in s.parts if p not in hidden)
        low = sum(1 if p in small else threshold if p in protect else 0 for p in parts)
        highs = [threshold - 1 if p in small else None for p in parts]
        high = None if None in highs else sum(highs)
        if rest in (low, high):
            pinned.update(parts)
    return pinned


def _next_to_hide(
    exposed: set, counts: Mapping[Hashable, int], sums: list[Sum], hidden: set, order: dict
) -> Hashable | None:
    """The smallest shown non-zero count sharing a sum with an exposed one; a total only if no
    part is left. If no such sum has one, the smallest among sums with any hidden count.
    """

    def smallest(candidates: Iterable[Hashable]) -> Hashable | None:
        shown = [k for k in candidates if k not in hidden and counts[k] > 0]
        return min(shown, key=lambda k: (counts[k], order[k]), default=None)

    for near in (
        [s for s in sums if s.total in exposed or exposed.intersection(s.parts)],
        [s for s in sums if s.total in hidden or hidden.intersection(s.parts)],
    ):
        extra = smallest(p for s in near for p in s.parts)
        if extra is None:
            extra = smallest(s.total for s in near)
        if extra is not None:
            return extra
    return None
