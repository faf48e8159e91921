"""Segments, overlaps and tree helpers on hand-made examples."""

import itertools

from thrive.inquiry.core.segments import (
    Segment,
    co_occurrence,
    descendants,
    overlapping_pairs,
    segments,
    would_cycle,
)


def test_it_gives_one_segment_for_text_without_spans():
    assert segments(10, []) == [Segment(0, 10, ())]


def test_it_cuts_overlapping_spans_into_non_overlapping_segments():
    # text: 0123456789 ; a covers 2-6, b covers 4-8
    assert segments(10, [("a", 2, 6), ("b", 4, 8)]) == [
        Segment(0, 2, ()),
        Segment(2, 4, ("a",)),
        Segment(4, 6, ("a", "b")),
        Segment(6, 8, ("b",)),
        Segment(8, 10, ()),
    ]


def test_it_keeps_nested_and_identical_spans_in_span_order():
    result = segments(6, [("outer", 0, 6), ("inner", 2, 4), ("twin", 2, 4)])
    assert result == [
        Segment(0, 2, ("outer",)),
        Segment(2, 4, ("outer", "inner", "twin")),
        Segment(4, 6, ("outer",)),
    ]


def test_it_adds_extra_cuts_without_changing_coverage():
    assert segments(6, [("a", 0, 6)], cuts=[3, 0, 6, 99]) == [
        Segment(0, 3, ("a",)),
        Segment(3, 6, ("a",)),
    ]


def test_it_clips_spans_to_the_text_and_ignores_empty_or_inverted_ones():
    assert segments(5, [("a", -3, 2), ("b", 4, 50), ("c", 3, 3), ("d", 4, 1)]) == [
        Segment(0, 2, ("a",)),
        Segment(2, 4, ()),
        Segment(4, 5, ("b",)),
    ]


def test_it_covers_the_whole_text_with_adjacent_segments():
    spans = [(i, (i * 7) % 90, (i * 7) % 90 + 15) for i in range(40)]
    result = segments(100, spans)
    assert result[0].start == 0 and result[-1].end == 100
    assert all(a.end == b.start for a, b in itertools.pairwise(result))


def test_it_finds_overlapping_pairs_but_not_touching_ones():
    spans = [("a", 0, 5), ("b", 5, 9), ("c", 3, 6), ("d", 10, 12)]
    assert sorted(overlapping_pairs(spans)) == [("a", "c"), ("c", "b")]


def test_it_counts_co_occurrence_across_texts():
    first = [("home", 0, 10), ("work", 5, 15), ("home", 12, 20)]
    second = [("work", 0, 4), ("home", 2, 3), ("home", 2, 3)]
    assert co_occurrence([first, second]) == {
        ("home", "work"): 4,
        ("home", "home"): 1,
    }


def test_it_lists_a_node_and_everything_below_it():
    parents = {1: None, 2: 1, 3: 2, 4: 1, 5: None}
    assert sorted(descendants(parents, 1)) == [1, 2, 3, 4]
    assert descendants(parents, 5) == [5]


def test_it_refuses_moves_that_would_make_a_cycle():
    parents = {1: None, 2: 1, 3: 2}
    assert would_cycle(parents, 1, 3)
    assert would_cycle(parents, 2, 2)
    assert not would_cycle(parents, 3, 1)
    assert not would_cycle(parents, 3, None)
