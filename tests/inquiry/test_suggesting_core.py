"""Suggestions from coded passages' vectors, and their leave-one-participant-out agreement.

The vectors are hand-made: a passage about work points along the first axis, one about family
along the second, small talk along the third, so every suggestion can be worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from thrive.inquiry.core import agreement
from thrive.inquiry.core.suggesting import (
    PEOPLE,
    THRIVE,
    Example,
    Suggester,
    Unit,
    documents,
    leave_one_participant_out,
)

WORK, FAMILY, TALK = np.eye(3, dtype=np.float32)


def unit_vector(*parts: float) -> np.ndarray:
    vector = np.array(parts, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def examples(*codes: str | None) -> list[Example]:
    return [Example(i, "p", frozenset([c] if c else [])) for i, c in enumerate(codes)]


def test_it_suggests_the_code_of_the_nearest_coded_passages_with_evidence():
    vectors = np.stack([WORK, unit_vector(1, 0.2, 0), unit_vector(1, 0, 0.3), FAMILY, TALK])
    suggester = Suggester(vectors, examples("Work", "Work", "Work", "Family", None))
    [found] = suggester.suggest(unit_vector(1, 0.1, 0)[None, :])
    assert [s.code for s in found] == ["Work"]
    assert found[0].score == pytest.approx(1.0, abs=1e-3)
    evidence = [e.key for e in found[0].evidence]
    assert evidence == [1, 0, 2]  # most similar first
    assert found[0].evidence[0].similarity > found[0].evidence[2].similarity


def test_it_offers_nothing_for_a_code_below_the_minimum_of_examples():
    vectors = np.stack([WORK, WORK, FAMILY, FAMILY, FAMILY])
    suggester = Suggester(vectors, examples("Work", "Work", "Family", "Family", "Family"))
    assert suggester.ready == ["Family"]
    assert suggester.waiting == {"Work": 2}
    [found] = suggester.suggest(WORK[None, :])
    assert found == []


def test_it_offers_nothing_when_the_nearest_passages_were_left_uncoded():
    vectors = np.stack([WORK, WORK, WORK, TALK, TALK, TALK])
    suggester = Suggester(vectors, examples("Work", "Work", "Work", None, None, None))
    assert suggester.suggest(TALK[None, :]) == [[]]


def test_a_codes_description_votes_like_one_more_example_but_is_never_evidence():
    vectors = np.stack([WORK, WORK, WORK, TALK])
    descriptions = {"Work": TALK}  # a description that reads like small talk
    suggester = Suggester(vectors, examples("Work", "Work", "Work", None), descriptions)
    [found] = suggester.suggest(TALK[None, :])
    assert [s.code for s in found] == ["Work"]
    assert found[0].score == pytest.approx(0.5, abs=1e-3)
    assert all(e.key in (0, 1, 2) for e in found[0].evidence)


def test_it_suggests_at_most_three_codes_best_first():
    codes = ["A", "B", "C", "D"]
    vectors = np.stack([WORK] * 12)
    rows = [Example(i, "p", frozenset(codes[: 1 + i % 4])) for i in range(12)]
    [found] = Suggester(vectors, rows).suggest(WORK[None, :])
    assert [s.code for s in found] == ["A", "B", "C"]
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


# Leave one participant out ------------------------------------------------------------------

# Three participants, three passages each: work, family, small talk. A and B coded them
# alike; C's team coded work, missed family and coded the small talk as family.
PEOPLES_CODES = {
    "A": ("Work", "Family", None),
    "B": ("Work", "Family", None),
    "C": ("Work", None, "Family"),
}


def hand_made_inquiry() -> tuple[np.ndarray, list[Unit]]:
    units, vectors = [], []
    for participant, codes in PEOPLES_CODES.items():
        for n, (vector, code) in enumerate(zip((WORK, FAMILY, TALK), codes, strict=True)):
            start = 10 * n
            units.append(
                Unit(participant, participant, start, start + 8, frozenset(filter(None, [code])))
            )
            vectors.append(vector)
    return np.stack(vectors), units


def test_leave_one_participant_out_agrees_with_the_agreement_module_by_hand():
    vectors, units = hand_made_inquiry()
    evaluation = leave_one_participant_out(vectors, units, minimum=2)
    measured = evaluation.comparison
    assert evaluation.passages == 9
    # Worked out by hand: A's passages learn from B and C, whose family-ish passage is coded
    # by B and not by C (score 0.5) and whose small talk is coded family by C (0.5); and so on.
    thrive = {
        "A": [("Work", 0, 8), ("Family", 10, 18), ("Family", 20, 28)],
        "B": [("Work", 0, 8), ("Family", 10, 18), ("Family", 20, 28)],
        "C": [("Work", 0, 8), ("Family", 10, 18)],
    }
    expected = agreement.compare(documents(units, thrive), [PEOPLE, THRIVE], agreement.PASSAGE)
    assert measured == expected
    by_code = {f.code: f for f in measured.codes}
    assert by_code["Work"].kappa == pytest.approx(1.0)
    # Family: both 2, people only 1, Thrive only 3, neither 3 → po 5/9, pe 39/81.
    assert by_code["Family"].kappa == pytest.approx(1 / 7)
    # Pooled over both codes: po 14/18, pe 168/324 → kappa 7/13.
    assert measured.overall.kappa == pytest.approx(7 / 13)
    assert measured.overall.units == 18
    # Units: work then family on A1 A2 A3 B1 B2 B3 C1 C2 C3; rows people, then Thrive.
    assert measured.overall.alpha == pytest.approx(
        agreement.nominal_alpha(
            [
                [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
                [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0],
            ]
        )
    )


def test_below_the_minimum_in_every_fold_thrive_suggests_nothing():
    vectors, units = hand_made_inquiry()
    evaluation = leave_one_participant_out(vectors, units)  # 2 examples per code in each fold
    assert evaluation.passages == 0
    assert evaluation.comparison.transcripts == 0
    assert evaluation.comparison.overall.kappa is None
