"""Agreement between coders (thrive.inquiry.core.agreement): published examples, definitions
at character and passage level, undefined figures, and a check against a plain implementation.
"""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.inquiry.core.agreement import (
    CHARACTER,
    EVERYWHERE,
    NO_UNITS,
    NOT_TWO,
    PASSAGE,
    UNUSED,
    AgreementError,
    Document,
    cohen_kappa,
    compare,
    disagreements,
    nominal_alpha,
    passages,
)

_ = None

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43).
# Example C, "nominal data, any number of observers, missing data": 4 observers, 12 units;
# the paper gives alpha = 0.743.
KRIPPENDORFF_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
# The same paper, example A, "binary data, two observers, no missing data": 10 units;
# alpha = 1 - (20 - 1) * 4 / (14 * 6) = 0.095.
KRIPPENDORFF_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]
# Artstein, R. and Poesio, M. (2008). "Inter-coder agreement for computational linguistics".
# Computational Linguistics 34(4), 555-596, Table 1: two coders, 100 utterances, rows coder A
# and columns coder B: [[20, 20], [10, 50]]. po = 0.70, pe = 0.4 * 0.3 + 0.6 * 0.7 = 0.54,
# kappa = 0.16 / 0.46 = 0.348.
ARTSTEIN_POESIO_TABLE_1 = [[20, 20], [10, 50]]


def by_passage(rows: list[list[int]], code: str = "x") -> Document:
    """One transcript of ten-character passages; coder i codes passage u when rows[i][u] == 1."""
    units = [(10 * u, 10 * u + 10) for u in range(len(rows[0]))]
    codings = {
        f"coder{i}": [(code, 10 * u + 2, 10 * u + 5) for u, v in enumerate(row) if v]
        + [("present", 0, 1)]  # every coder has coded in the transcript
        for i, row in enumerate(rows)
    }
    return Document(10 * len(rows[0]), units, codings)


def test_it_reproduces_krippendorffs_nominal_example_with_missing_data():
    assert round(nominal_alpha(KRIPPENDORFF_C), 3) == 0.743


def test_it_reproduces_krippendorffs_binary_example_directly_and_by_passage():
    assert round(nominal_alpha(KRIPPENDORFF_A), 3) == 0.095
    result = compare([by_passage(KRIPPENDORFF_A)], ["coder0", "coder1"], PASSAGE, ["x"])
    x = result.codes[0]
    assert (x.code, round(x.alpha, 3), x.agreement, x.units) == ("x", 0.095, 0.6, 10)


def test_it_reproduces_artstein_and_poesios_kappa_directly_and_by_passage():
    assert round(cohen_kappa(ARTSTEIN_POESIO_TABLE_1), 3) == 0.348
    # 100 passages: 20 both code, 20 only A, 10 only B, 50 neither.
    a = [1] * 20 + [1] * 20 + [0] * 10 + [0] * 50
    b = [1] * 20 + [0] * 20 + [1] * 10 + [0] * 50
    x = compare([by_passage([a, b])], ["coder0", "coder1"], PASSAGE, ["x"]).codes[0]
    assert round(x.kappa, 3) == 0.348
    assert x.agreement == pytest.approx(0.70)


def test_it_counts_characters_by_length_at_character_level():
    # 20 characters: A codes 0-10, B codes 5-15, so 0-5 is A's only, 5-10 both, 10-15 B's
    # only and 15-20 neither: five characters each.
    doc = Document(20, [(0, 20)], {"A": [("x", 0, 10)], "B": [("x", 5, 15)]})
    x = compare([doc], ["A", "B"], CHARACTER).codes[0]
    assert x.units == 20
    assert x.agreement == pytest.approx(0.5)
    assert x.kappa == pytest.approx(0.0)  # po 0.5, pe 0.5 * 0.5 + 0.5 * 0.5
    assert x.alpha == pytest.approx(1 - 39 * 10 / (20 * 20))


def test_it_counts_a_passage_as_coded_when_a_coding_only_overlaps_it():
    doc = Document(30, [(0, 10), (10, 20), (20, 30)], {"A": [("x", 8, 12)], "B": [("x", 12, 14)]})
    x = compare([doc], ["A", "B"], PASSAGE).codes[0]
    assert x.units == 3
    assert x.agreement == pytest.approx(2 / 3)  # A codes passages 1 and 2, B passage 2
    touching = Document(20, [(0, 10), (10, 20)], {"A": [("x", 0, 10)], "B": [("x", 0, 10)]})
    y = compare([touching], ["A", "B"], PASSAGE).codes[0]
    assert y.agreement == 1.0  # a coding ending at 10 does not overlap the passage from 10


def test_two_coders_with_the_same_codings_agree_perfectly():
    spans = [("x", 0, 40), ("y", 30, 90), ("x", 100, 120)]
    doc = Document(200, [(0, 50), (50, 150), (150, 200)], {"A": spans, "B": list(spans)})
    for unit in (CHARACTER, PASSAGE):
        result = compare([doc], ["A", "B"], unit)
        for figures in (*result.codes, result.overall):
            assert (figures.agreement, figures.kappa, figures.alpha) == (1.0, 1.0, 1.0)
            assert figures.notes == {}


def test_it_says_why_a_figure_is_not_defined_instead_of_giving_a_number():
    doc = Document(10, [(0, 10)], {"A": [("x", 0, 10)], "B": [("x", 0, 10)], "C": [("x", 0, 2)]})
    result = compare([doc], ["A", "B"], CHARACTER, codes=["unused", "x"])
    unused, x = result.codes
    assert (unused.agreement, unused.kappa, unused.alpha) == (None, None, None)
    assert unused.notes == {"agreement": UNUSED, "kappa": UNUSED, "alpha": UNUSED}
    # Both coded every character: agreement is complete, but chance explains it.
    assert (x.agreement, x.kappa, x.alpha) == (1.0, None, None)
    assert x.notes == {"kappa": EVERYWHERE, "alpha": EVERYWHERE}
    three = compare([doc], ["A", "B", "C"], CHARACTER).codes[0]
    assert three.kappa is None and three.notes["kappa"] == NOT_TWO
    assert three.alpha is not None


def test_it_leaves_out_transcripts_fewer_than_two_coders_coded_in():
    alone = Document(10, [(0, 10)], {"A": [("x", 0, 5)]})
    result = compare([alone], ["A", "B"], CHARACTER, codes=["x"])
    assert result.transcripts == 0
    assert result.codes[0].agreement is None and result.codes[0].notes["alpha"] == NO_UNITS
    assert result.overall.notes["kappa"] == NO_UNITS


def test_it_treats_a_coder_who_did_not_code_a_transcript_as_missing():
    # Three coders; C never coded the second transcript. Per character that is KRIPPENDORFF-
    # style missing data: alpha equals alpha over the same values written out by hand.
    one = Document(4, [(0, 4)], {"A": [("x", 0, 2)], "B": [("x", 0, 2)], "C": [("x", 0, 1)]})
    two = Document(2, [(0, 2)], {"A": [("x", 0, 1)], "B": [("x", 1, 2)], "C": []})
    got = compare([one, two], ["A", "B", "C"], CHARACTER).codes[0]
    by_hand = [[1, 1, 0, 0, 1, 0], [1, 1, 0, 0, 0, 1], [1, 0, 0, 0, _, _]]
    assert got.alpha == pytest.approx(nominal_alpha(by_hand))
    assert got.units == 6


def test_overall_pools_only_the_codes_somebody_used():
    doc = Document(10, [(0, 10)], {"A": [("x", 0, 5)], "B": [("x", 0, 5)]})
    with_unused = compare([doc], ["A", "B"], CHARACTER, codes=[f"c{i}" for i in range(50)])
    alone = compare([doc], ["A", "B"], CHARACTER)
    assert with_unused.overall == alone.overall
    assert with_unused.overall.units == 10


def test_it_refuses_fewer_than_two_coders_and_unknown_units():
    doc = Document(10, [(0, 10)], {"A": [("x", 0, 5)]})
    with pytest.raises(AgreementError, match="two or more coders"):
        compare([doc], ["A", "A"])
    with pytest.raises(AgreementError, match="character or by passage"):
        compare([doc], ["A", "B"], "word")
    with pytest.raises(AgreementError):
        nominal_alpha([[1, 2], [1]])
    with pytest.raises(AgreementError):
        cohen_kappa([[1, 2, 3], [4, 5, 6]])


def test_it_compares_a_100000_character_transcript_quickly():
    import random

    rng = random.Random(7)
    length = 100_000

    def spans():
        return [
            (
                f"code {rng.randrange(40)}",
                s := rng.randrange(length - 600),
                s + rng.randrange(1, 600),
            )
            for _ in range(3000)
        ]

    doc = Document(
        length, passages("\n".join(["P1: words " * 9] * 1000)), {"A": spans(), "B": spans()}
    )
    started = time.perf_counter()
    result = compare([doc], ["A", "B"], CHARACTER)
    compare([doc], ["A", "B"], PASSAGE)
    assert time.perf_counter() - started < 2.0
    assert result.overall.units == 100_000 * len(result.codes)


def test_it_finds_passages_by_speaker_turn_then_by_paragraph_then_by_line():
    text = "Interviewer: How was it?\nP1: Good.\nReally good.\n"
    assert [text[s:e] for s, e in passages(text)] == [
        "Interviewer: How was it?",
        "P1: Good.\nReally good.",
    ]
    prose = "First thought\ncontinues.\n\n  Second one.  \n\n\nThird."
    assert [prose[s:e] for s, e in passages(prose)] == [
        "First thought\ncontinues.",
        "Second one.",
        "Third.",
    ]
    lines = "one line\nanother line\n"
    assert [lines[s:e] for s, e in passages(lines)] == ["one line", "another line"]
    assert passages("   ") == []


def test_it_lists_the_passages_where_coders_disagree_with_each_coders_codes():
    doc = Document(
        30,
        [(0, 10), (10, 20), (20, 30)],
        {"A": [("x", 0, 5), ("y", 12, 14)], "B": [("x", 1, 3), ("z", 15, 25)]},
        key=7,
    )
    found = disagreements([doc], ["A", "B"])
    assert [(d.key, d.start, d.disputed) for d in found] == [(7, 10, ("y", "z")), (7, 20, ("z",))]
    assert found[0].codes == {"A": ["y"], "B": ["z"]}


# An independent check: alpha and kappa from plain per-character loops -----------------------


def plain_alpha(rows: list[list[int | None]]) -> float | None:
    """Krippendorff's definition, pair by pair: o[c][k] += 1 / (m_u - 1) per ordered pair."""
    o: dict[tuple, float] = {}
    for unit in zip(*rows, strict=True):
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        for i, j in itertools.permutations(range(len(values)), 2):
            key = (values[i], values[j])
            o[key] = o.get(key, 0.0) + 1 / (len(values) - 1)
    n_c: dict = {}
    for (c, _k), value in o.items():
        n_c[c] = n_c.get(c, 0.0) + value
    n = sum(n_c.values())
    disagree = sum(v for (c, k), v in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    return None if expected == 0 else 1 - (n - 1) * disagree / expected


def plain_agreement(rows: list[list[int | None]]) -> float:
    """The share of ordered pairs of values on a unit that agree, averaged over units."""
    shares = []
    for unit in zip(*rows, strict=True):
        values = [v for v in unit if v is not None]
        if len(values) >= 2:
            pairs = list(itertools.permutations(values, 2))
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
    return sum(shares) / len(shares)


span = st.tuples(st.sampled_from("xyz"), st.integers(0, 40), st.integers(1, 12)).map(
    lambda t: (t[0], t[1], t[1] + t[2])
)
coder_spans = st.lists(span, max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    lengths=st.lists(st.integers(5, 45), min_size=1, max_size=3),
    coded=st.lists(st.lists(coder_spans, min_size=3, max_size=3), min_size=3, max_size=3),
)
def test_alpha_and_agreement_match_a_plain_per_character_implementation(lengths, coded):
    coders = ["A", "B", "C"]
    documents = [
        Document(length, [(0, length)], dict(zip(coders, coded[i], strict=True)))
        for i, length in enumerate(lengths)
    ]
    result = compare(documents, coders, CHARACTER)
    for figures in result.codes:
        rows: list[list[int | None]] = [[], [], []]
        for document in documents:
            present = [c for c in coders if document.codings[c]]
            if len(present) < 2:
                continue
            for char in range(document.length):
                for row, coder in zip(rows, coders, strict=True):
                    spans_ = document.codings[coder]
                    inside = any(n == figures.code and s <= char < e for n, s, e in spans_)
                    row.append(int(inside) if coder in present else None)
        if figures.alpha is None:
            assert plain_alpha(rows) is None
        else:
            assert figures.alpha == pytest.approx(plain_alpha(rows), abs=1e-9)
        if figures.agreement is not None:
            assert figures.agreement == pytest.approx(plain_agreement(rows), abs=1e-9)
