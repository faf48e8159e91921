"""Code suggestions learnt from an inquiry's own coding, and how often they agree with it.

Plain data in and out: passage vectors (unit length, one row per passage) and which codes
people gave each passage. A passage's suggestions come from its nearest coded passages:

- the ``NEIGHBOURS`` most similar example passages (by cosine similarity) vote, each with
  weight exp((similarity − best similarity) / ``SHARPNESS``), so closer passages count more;
- examples are passages of transcripts the coders worked in: passages with codes vote for
  them, passages left uncoded there vote for no code (they teach that not everything is
  coded); a code's description, when it has one, joins as one more example of that code;
- a code's score is the weighted share of the votes that went to it (0 to 1);
- a code with fewer than ``MIN_EXAMPLES`` coded passages is never suggested: with so few
  examples a suggestion would be a guess;
- up to three codes with a score of at least ``MIN_SCORE`` are suggested, best first, each
  with its evidence: the most similar passages people coded that way.

Measured by leave-one-participant-out: each participant's passages get suggestions learnt
only from the other participants' passages, and "Thrive" is compared with the people's
coding as a second coder by the agreement module at passage level (kappa, alpha).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from thrive.inquiry.core import agreement

NEIGHBOURS = 10
SHARPNESS = 0.05
MIN_EXAMPLES = 3
MIN_SCORE = 0.4
MOST = 3
EVIDENCE = 3
CHUNK = 512  # query rows compared at once, so memory stays small on big inquiries

PEOPLE = "people"
THRIVE = "Thrive"


@dataclass(frozen=True)
class Example:
    """A passage people have worked through: its key, participant (group) and codes."""

    key: Hashable
    group: Hashable
    codes: frozenset[str]


@dataclass(frozen=True)
class Evidence:
    """A passage people coded the suggested way, and how similar it is (cosine, −1 to 1)."""

    key: Hashable
    similarity: float


@dataclass(frozen=True)
class Suggestion:
    code: str
    score: float
    evidence: tuple[Evidence, ...]


class Suggester:
    """Suggestions from example passages' vectors (rows aligned with examples).

    descriptions maps a code to the vector of its description (a query-style vector).
    """

    def __init__(
        self,
        vectors: np.ndarray,
        examples: Sequence[Example],
        descriptions: Mapping[str, np.ndarray] | None = None,
        *,
        minimum: int = MIN_EXAMPLES,
        min_score: float = MIN_SCORE,
    ) -> None:
        if len(vectors) != len(examples):
            raise ValueError("Every example needs exactly one vector.")
        self.examples = list(examples)
        self.minimum = minimum
        self.min_score = min_score
        self.counts = Counter(code for e in self.examples for code in e.codes)
        self.ready = sorted(code for code, n in self.counts.items() if n >= minimum)
        index = {code: i for i, code in enumerate(self.ready)}
        described = [c for c in sorted(descriptions or {}) if c in index]
        self.vectors = np.asarray(vectors, dtype=np.float32)
        if described:
            extra = np.stack([descriptions[c] for c in described]).astype(np.float32)
            self.vectors = np.concatenate([self.vectors.reshape(-1, extra.shape[1]), extra])
        self.labels = np.zeros((len(self.vectors), len(self.ready)), dtype=np.float32)
        for row, example in enumerate(self.examples):
            for code in example.codes:
                if code in index:
                    self.labels[row, index[code]] = 1.0
        for row, code in enumerate(described, start=len(self.examples)):
            self.labels[row, index[code]] = 1.0

    @property
    def waiting(self) -> dict[str, int]:
        """Codes with too few examples to be suggested, with how many they have."""
        return {code: n for code, n in sorted(self.counts.items()) if n < self.minimum}

    def suggest(self, queries: np.ndarray) -> list[list[Suggestion]]:
        """Up to three suggestions for each query vector (rows of queries), best first."""
        queries = np.asarray(queries, dtype=np.float32)
        if not self.ready or not len(queries):
            return [[] for _ in range(len(queries))]
        found: list[list[Suggestion]] = []
        k = min(NEIGHBOURS, len(self.vectors))
        for first in range(0, len(queries), CHUNK):
            similar = queries[first : first + CHUNK] @ self.vectors.T
            near = np.argpartition(-similar, k - 1, axis=1)[:, :k]
            near_sims = np.take_along_axis(similar, near, axis=1)
            weights = np.exp((near_sims - near_sims.max(axis=1, keepdims=True)) / SHARPNESS)
            scores = np.einsum("qk,qkc->qc", weights, self.labels[near])
            scores /= weights.sum(axis=1, keepdims=True)
            for row in range(len(scores)):
                found.append(self._chosen(scores[row], similar[row]))
        return found

    def _chosen(self, scores: np.ndarray, similar: np.ndarray) -> list[Suggestion]:
        best = [i for i in np.argsort(-scores, kind="stable")[:MOST] if scores[i] >= self.min_score]
        chosen = []
        for i in best:
            coded = np.flatnonzero(self.labels[: len(self.examples), i])
            top = coded[np.argsort(-similar[coded], kind="stable")[:EVIDENCE]]
            evidence = tuple(Evidence(self.examples[j].key, float(similar[j])) for j in top)
            chosen.append(Suggestion(self.ready[i], round(float(scores[i]), 3), evidence))
        return chosen


# Measuring agreement ------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One passage of a transcript people worked in: where it is and the codes it got."""

    document: Hashable
    group: Hashable
    start: int
    end: int
    codes: frozenset[str]


@dataclass(frozen=True)
class Evaluation:
    """The agreement figures, and how many passages entered them."""

    comparison: agreement.Comparison
    passages: int


def leave_one_participant_out(
    vectors: np.ndarray,
    units: Sequence[Unit],
    descriptions: Mapping[str, np.ndarray] | None = None,
    codes: Iterable[str] = (),
    *,
    minimum: int = MIN_EXAMPLES,
    min_score: float = MIN_SCORE,
) -> Evaluation:
    """Agreement (passage level) between the people's coding and suggestions for each
    participant's passages learnt only from the other participants' passages.

    units are every passage of the transcripts people coded in, rows aligned with vectors;
    codes names codes to report even when unused (see agreement.compare). As between two
    people, a transcript enters only when both coders gave it a code somewhere.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    by_group: dict[Hashable, list[int]] = {}
    for i, unit in enumerate(units):
        by_group.setdefault(unit.group, []).append(i)
    thrive: dict[Hashable, list[agreement.Span]] = {}
    for rows in by_group.values():
        mine = np.array(rows, dtype=int)
        others = np.setdiff1d(np.arange(len(units)), mine)
        suggester = Suggester(
            vectors[others],
            [Example(i, units[i].group, units[i].codes) for i in others],
            descriptions,
            minimum=minimum,
            min_score=min_score,
        )
        for i, suggestions in zip(mine, suggester.suggest(vectors[mine]), strict=True):
            unit = units[i]
            spans = thrive.setdefault(unit.document, [])
            spans.extend((s.code, unit.start, unit.end) for s in suggestions)
    docs = documents(units, thrive)
    comparison = agreement.compare(docs, [PEOPLE, THRIVE], agreement.PASSAGE, codes)
    compared = sum(len(d.passages) for d in docs if all(d.codings.values()))
    return Evaluation(comparison, compared)


def documents(
    units: Sequence[Unit], suggested: Mapping[Hashable, Sequence[agreement.Span]]
) -> list[agreement.Document]:
    """The transcripts as the agreement module reads them: the people's codes and Thrive's
    on each passage, passage by passage."""
    by_document: dict[Hashable, list[Unit]] = {}
    for unit in units:
        by_document.setdefault(unit.document, []).append(unit)
    found = []
    for key, parts in by_document.items():
        people = [(code, u.start, u.end) for u in parts for code in sorted(u.codes)]
        codings = {PEOPLE: people, THRIVE: list(suggested.get(key, ()))}
        length = max(u.end for u in parts)
        found.append(agreement.Document(length, [(u.start, u.end) for u in parts], codings, key))
    return found
