"""Agreement between coders: percentage agreement, Cohen's kappa and Krippendorff's alpha.

Plain data in and out. A transcript enters the comparison when two or more of the compared
coders have coded in it (a coder who has not is *missing* there, which Krippendorff's alpha
allows); with two coders that is every transcript both have coded in.

Units:
- ``character``: each character of such a transcript is a unit; a coder's value for a code
  is 1 when the character lies inside any of their codings of that code, else 0. The text is
  cut where any coding starts or ends, so each piece is one run of identical values and is
  counted by its length: the work grows with the number of codings, not of characters.
- ``passage``: each speaker turn (or paragraph, in a transcript without turns) is a unit; a
  coder's value for a code is 1 when any of their codings of that code overlaps it.

Each code is a yes/no decision on every unit. Per code and overall (every unit × code that
somebody used, pooled):
- agreement: the share of pairs of coders' values on a unit that are the same, averaged over
  units (each unit weighted by its length at character level);
- Cohen's kappa (exactly two coders): (po − pe) / (1 − pe) from the 2 × 2 table;
- Krippendorff's alpha for nominal data: 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k from
  the coincidence matrix o (each unit's pairs weighted 1 / (m_u − 1)).
A figure that is not defined is None with a reason, never a number.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from thrive.inquiry.core.turns import speaker_turns

CHARACTER = "character"
PASSAGE = "passage"
UNITS = (CHARACTER, PASSAGE)

NO_UNITS = "not defined: no transcript was coded by two or more of these coders"
UNUSED = "not defined: nobody used this code"
EVERYWHERE = "not defined: every unit got the same value from every coder, so chance explains it"
NOT_TWO = "not defined: Cohen's kappa compares exactly two coders"

Span = tuple[str, int, int]  # (code, start, end): code-point offsets, end not included


class AgreementError(ValueError):
    """A comparison that cannot be made; the message is one plain sentence."""


@dataclass(frozen=True)
class Document:
    """One transcript: its length, its passages and each coder's (code, start, end) spans."""

    length: int
    passages: Sequence[tuple[int, int]]
    codings: Mapping[Hashable, Sequence[Span]]
    key: Hashable = None


@dataclass(frozen=True)
class Figures:
    """Agreement, kappa and alpha for one code (or overall); None with a note when undefined."""

    code: str
    agreement: float | None
    kappa: float | None
    alpha: float | None
    notes: dict[str, str] = field(default_factory=dict)
    units: int = 0  # characters or passages compared

    @property
    def percent(self) -> float | None:
        """Agreement as a percentage, for people to read."""
        return None if self.agreement is None else 100.0 * self.agreement

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "agreement": self.agreement,
            "kappa": self.kappa,
            "alpha": self.alpha,
            "notes": dict(self.notes),
        }


@dataclass(frozen=True)
class Comparison:
    unit: str
    coders: tuple
    codes: tuple[Figures, ...]
    overall: Figures
    transcripts: int  # how many transcripts entered the comparison


# The statistics ----------------------------------------------------------------------------


def _coincidences(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidence matrix from per-unit category counts (units × categories).

    Units with fewer than two values are not pairable and count for nothing.
    """
    m = counts.sum(axis=1)
    keep = m >= 2
    counts, weights, m = counts[keep], weights[keep], m[keep]
    if not len(counts):
        return np.zeros((counts.shape[1], counts.shape[1]))
    f = weights / (m - 1)
    matrix = (counts * f[:, None]).T @ counts
    matrix -= np.diag((counts * f[:, None]).sum(axis=0))
    return matrix


def _alpha_from(matrix: np.ndarray) -> tuple[float | None, str]:
    """Nominal alpha from a coincidence matrix, or (None, reason)."""
    totals = matrix.sum(axis=1)
    n = float(totals.sum())
    if n <= 0:
        return None, NO_UNITS
    expected = n * n - float((totals**2).sum())
    if np.count_nonzero(totals > 1e-12) < 2 or expected <= 0:
        return None, EVERYWHERE
    observed = n - float(np.trace(matrix))
    return 1.0 - (n - 1.0) * observed / expected, ""


def nominal_alpha(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data: rows are coders, columns units, None missing."""
    rows = [list(row) for row in data]
    if not rows:
        return None
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise AgreementError("Every coder needs a value (or None) for every unit.")
    values = sorted({v for row in rows for v in row if v is not None}, key=repr)
    index = {v: i for i, v in enumerate(values)}
    counts = np.zeros((width, max(len(values), 1)))
    for row in rows:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, index[value]] += 1
    return _alpha_from(_coincidences(counts, np.ones(width)))[0]


def _kappa_from(table: np.ndarray) -> tuple[float | None, str]:
    """Cohen's kappa from a square table of counts (rows coder 1, columns coder 2)."""
    total = table.sum()
    if total <= 0:
        return None, NO_UNITS
    chance = float(table.sum(axis=1) @ table.sum(axis=0))
    if chance >= float(total) * float(total):
        return None, EVERYWHERE
    po = float(np.trace(table)) / float(total)
    pe = chance / (float(total) * float(total))
    return (po - pe) / (1.0 - pe), ""


def cohen_kappa(table: Sequence[Sequence[float]]) -> float | None:
    """Cohen's kappa from a square contingency table; None when chance agreement is certain."""
    array = np.asarray(table, dtype=float)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise AgreementError("A kappa table needs as many rows as columns.")
    return _kappa_from(array)[0]


@dataclass
class _Tally:
    """What one code (or all codes pooled) has gathered over the compared units."""

    coincidences: np.ndarray = field(default_factory=lambda: np.zeros((2, 2)))
    table: np.ndarray = field(default_factory=lambda: np.zeros((2, 2)))
    agreeing: float = 0.0
    units: float = 0.0
    used: bool = False

    def add(self, values: np.ndarray, weights: np.ndarray) -> None:
        """values: present coders × units of 0/1; weights: each unit's size."""
        ones = values.sum(axis=0)
        m = values.shape[0]
        counts = np.stack([m - ones, ones], axis=1).astype(float)
        self.coincidences += _coincidences(counts, weights.astype(float))
        pairs = m * (m - 1)
        same = (counts * (counts - 1)).sum(axis=1) / pairs
        self.agreeing += float(same @ weights)
        self.units += float(weights.sum())
        self.used = self.used or bool(ones.any())
        if m == 2:
            a, b = values[0].astype(bool), values[1].astype(bool)
            self.table += np.array(
                [
                    [weights[~a & ~b].sum(), weights[~a & b].sum()],
                    [weights[a & ~b].sum(), weights[a & b].sum()],
                ],
                dtype=float,
            )

    def merge(self, other: _Tally) -> None:
        self.coincidences += other.coincidences
        self.table += other.table
        self.agreeing += other.agreeing
        self.units += other.units
        self.used = self.used or other.used

    def figures(self, code: str, two_coders: bool) -> Figures:
        notes: dict[str, str] = {}
        if not self.units:
            notes = {"agreement": NO_UNITS, "kappa": NO_UNITS, "alpha": NO_UNITS}
            return Figures(code, None, None, None, notes)
        if not self.used:
            notes = {"agreement": UNUSED, "kappa": UNUSED, "alpha": UNUSED}
            return Figures(code, None, None, None, notes, int(self.units))
        agreement = self.agreeing / self.units
        kappa, why = _kappa_from(self.table) if two_coders else (None, NOT_TWO)
        if kappa is None:
            notes["kappa"] = why
        alpha, why = _alpha_from(self.coincidences)
        if alpha is None:
            notes["alpha"] = why
        return Figures(code, agreement, kappa, alpha, notes, int(self.units))


# Units -------------------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def passages(text: str) -> list[tuple[int, int]]:
    """The passages of a transcript: its speaker turns, or its paragraphs when it has none.

    Paragraphs are runs of text separated by a blank line; a text without blank lines is cut
    at each line break instead. Leading and trailing spaces are not part of a passage.
    """
    turns = speaker_turns(text)
    if any(turn.speaker for turn in turns):
        return [(turn.start, turn.end) for turn in turns]
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    found, start = [], 0
    for match in [*splitter.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append((start + lead, start + len(piece.rstrip())))
        if match:
            start = match.end()
    return found


def _merged(spans: Iterable[tuple[int, int]], length: int) -> np.ndarray:
    """Sorted, disjoint [start, end) intervals inside [0, length) (shape n × 2)."""
    array = np.array([(max(0, s), min(length, e)) for s, e in spans], dtype=np.int64)
    if not len(array):
        return np.zeros((0, 2), dtype=np.int64)
    array = array[array[:, 1] > array[:, 0]]
    if not len(array):
        return np.zeros((0, 2), dtype=np.int64)
    array = array[np.argsort(array[:, 0], kind="stable")]
    ends = np.maximum.accumulate(array[:, 1])
    new = np.ones(len(array), dtype=bool)
    new[1:] = array[1:, 0] > ends[:-1]
    groups = np.cumsum(new) - 1
    starts = array[new, 0]
    group_ends = np.zeros(len(starts), dtype=np.int64)
    np.maximum.at(group_ends, groups, array[:, 1])
    return np.stack([starts, group_ends], axis=1)


def _character_values(intervals: list[np.ndarray], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Each coder's 0/1 value on each run of characters where no coder's value changes."""
    cuts = np.unique(np.concatenate([[0, length], *(i.ravel() for i in intervals)]))
    weights = np.diff(cuts)
    values = np.zeros((len(intervals), len(weights)), dtype=np.int8)
    for row, coder in enumerate(intervals):
        if len(coder):
            delta = np.zeros(len(cuts), dtype=np.int64)
            np.add.at(delta, np.searchsorted(cuts, coder[:, 0]), 1)
            np.add.at(delta, np.searchsorted(cuts, coder[:, 1]), -1)
            values[row] = np.cumsum(delta)[:-1] > 0
    keep = weights > 0
    return values[:, keep], weights[keep]


def _passage_values(intervals: list[np.ndarray], units: np.ndarray) -> np.ndarray:
    """Each coder's 0/1 value on each passage: 1 when one of their intervals overlaps it."""
    values = np.zeros((len(intervals), len(units)), dtype=np.int8)
    for row, coder in enumerate(intervals):
        if len(coder):
            # The last interval starting before the passage ends reaches furthest (disjoint).
            last = np.searchsorted(coder[:, 0], units[:, 1], side="left") - 1
            reach = np.where(last >= 0, coder[np.maximum(last, 0), 1], -1)
            values[row] = reach > units[:, 0]
    return values


# The comparison ----------------------------------------------------------------------------


def compare(
    documents: Iterable[Document],
    coders: Sequence[Hashable],
    unit: str = CHARACTER,
    codes: Iterable[str] = (),
) -> Comparison:
    """Agreement per code and overall between the coders over the documents.

    codes names codes to report even when nobody used them (in that order, then any other
    code found in the spans, sorted).
    """
    coders = tuple(dict.fromkeys(coders))
    if len(coders) < 2:
        raise AgreementError("Choose two or more coders to compare.")
    if unit not in UNITS:
        raise AgreementError("Compare by character or by passage.")
    documents = list(documents)
    named = list(dict.fromkeys(codes))
    found = {span[0] for d in documents for c in coders for span in d.codings.get(c, ())}
    order = named + sorted(found - set(named))
    tallies = {code: _Tally() for code in order}
    compared = 0
    for document in documents:
        present = [c for c in coders if document.codings.get(c)]
        if len(present) < 2:
            continue
        units = np.array(
            [(max(0, s), min(document.length, e)) for s, e in document.passages], dtype=np.int64
        ).reshape(-1, 2)
        units = units[units[:, 1] > units[:, 0]]
        if unit == PASSAGE and not len(units):
            continue
        compared += 1
        by_code: list[dict[str, list[tuple[int, int]]]] = []
        for c in present:
            spans: dict[str, list[tuple[int, int]]] = {}
            for name, s, e in document.codings[c]:
                spans.setdefault(name, []).append((s, e))
            by_code.append(spans)
        for code in order:
            intervals = [_merged(spans.get(code, ()), document.length) for spans in by_code]
            if unit == CHARACTER:
                values, weights = _character_values(intervals, document.length)
            else:
                values, weights = _passage_values(intervals, units), np.ones(len(units))
            tallies[code].add(values, weights)
    two = len(coders) == 2
    overall = _Tally()
    for tally in tallies.values():
        if tally.used:
            overall.merge(tally)
    if not overall.units and any(t.units for t in tallies.values()):
        overall.units = sum(t.units for t in tallies.values())  # every code unused
    return Comparison(
        unit=unit,
        coders=coders,
        codes=tuple(tallies[code].figures(code, two) for code in order),
        overall=overall.figures("", two),
        transcripts=compared,
    )


# Disagreements -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """A passage where the coders present gave it different codes."""

    key: Hashable
    start: int
    end: int
    codes: dict  # coder → sorted codes overlapping the passage
    disputed: tuple[str, ...]  # codes some present coders used there and others did not


def disagreements(documents: Iterable[Document], coders: Sequence[Hashable]) -> list[Disagreement]:
    """Every passage, in order, where two or more present coders gave different codes."""
    found = []
    for document in documents:
        present = [c for c in coders if document.codings.get(c)]
        if len(present) < 2:
            continue
        for start, end in document.passages:
            codes = {
                c: sorted({n for n, s, e in document.codings[c] if s < end and e > start})
                for c in present
            }
            sets = [set(v) for v in codes.values()]
            disputed = tuple(sorted(set.union(*sets) - set.intersection(*sets)))
            if disputed:
                found.append(Disagreement(document.key, start, end, codes, disputed))
    return found
