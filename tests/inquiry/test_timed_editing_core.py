"""Editing a timed transcript: segments follow corrected words, speakers relabel the text."""

from itertools import pairwise

import pytest

from thrive.inquiry.core.carry import carried_segments
from thrive.inquiry.core.timing import (
    Cue,
    chosen_speakers,
    clock,
    corrected,
    relabelled,
    time_span,
    timed_text,
)

CUES = [
    Cue(0.0, 2.2, "What helped you most when you started?", "Interviewer", guessed=True),
    Cue(3.9, 5.4, "being payed for the work", "P8", guessed=True),
    Cue(5.6, 7.5, "It meant I was trusted.", "P8", guessed=True),
]


def words(text, placed):
    return [text[p.text_start : p.text_end] for p in placed]


def spans(placed):
    return [(p.text_start, p.text_end) for p in placed]


def test_a_corrected_segment_keeps_its_place_and_points_at_its_new_words():
    text, placed = timed_text(CUES)
    new = text.replace("being payed for the work", "Being paid for the work. Really")
    carried = carried_segments(text, new, spans(placed))
    assert [new[a:b] for a, b in carried] == [
        "What helped you most when you started?",
        "Being paid for the work. Really",
        "It meant I was trusted.",
    ]


def test_a_segment_whose_line_was_deleted_is_dropped_and_the_others_move_up():
    text, placed = timed_text(CUES)
    new = text.replace("being payed for the work\n", "")
    carried = carried_segments(text, new, spans(placed))
    assert carried[1] is None
    assert [new[a:b] for a, b in (carried[0], carried[2])] == [
        "What helped you most when you started?",
        "It meant I was trusted.",
    ]


def test_a_segment_blanked_to_its_label_is_dropped():
    text, placed = timed_text(CUES)
    new = text.replace("What helped you most when you started?", "")
    assert carried_segments(text, new, spans(placed))[0] is None


def test_carried_segments_never_overlap_even_when_two_lines_are_merged():
    text, placed = timed_text(CUES)
    new = text.replace("work\nIt", "work, and it")
    carried = [span for span in carried_segments(text, new, spans(placed)) if span]
    assert all(a[1] <= b[0] for a, b in pairwise(carried))
    assert "trusted." in new[carried[-1][0] : carried[-1][1]]


def test_unchanged_text_keeps_every_segment_exactly():
    text, placed = timed_text(CUES)
    assert carried_segments(text, text, spans(placed)) == spans(placed)


def test_corrected_words_replace_only_their_segment_on_one_line():
    text, placed = timed_text(CUES)
    new, moved = corrected(text, placed, {1: "Being paid\nfor the work."})
    assert new == (
        "Interviewer: What helped you most when you started?\n"
        "P8: Being paid for the work.\nIt meant I was trusted.\n"
    )
    assert words(new, moved)[1:] == ["Being paid for the work.", "It meant I was trusted."]
    assert [(p.start_ms, p.end_ms) for p in moved] == [(p.start_ms, p.end_ms) for p in placed]


def test_blank_corrections_are_refused():
    text, placed = timed_text(CUES)
    with pytest.raises(ValueError, match="Segment 2 has no words"):
        corrected(text, placed, {1: "  \n "})


def test_relabelling_writes_labels_only_where_the_speaker_changes_and_confirms_all():
    text, placed = timed_text(CUES)
    new, moved = relabelled(text, placed, ["Interviewer", "Interviewer", "P8"])
    assert new == (
        "Interviewer: What helped you most when you started?\n"
        "being payed for the work\nP8: It meant I was trusted.\n"
    )
    assert words(new, moved) == words(text, placed)
    assert [(p.speaker, p.guessed) for p in moved] == [
        ("Interviewer", False),
        ("Interviewer", False),
        ("P8", False),
    ]


def test_relabelling_leaves_a_segment_sharing_its_line_with_other_words_in_place():
    text = "Interviewer: Hello. Before words\n"
    _, placed = timed_text([Cue(0, 1, "Hello.", "Interviewer")])
    shared = [placed[0].__class__(0, 1000, 20, 32, "Interviewer", True)]
    new, moved = relabelled(text, shared, ["P8"])
    assert new == text and moved[0].speaker == "P8" and not moved[0].guessed


def test_same_as_previous_takes_the_speaker_before():
    choices = ["Interviewer", "P8"]
    assert chosen_speakers(["P8", "same", "Interviewer", "same"], choices) == [
        "P8",
        "P8",
        "Interviewer",
        "Interviewer",
    ]
    with pytest.raises(ValueError, match="first segment has no segment before it"):
        chosen_speakers(["same"], choices)
    with pytest.raises(ValueError, match="Choose who spoke in segment 2"):
        chosen_speakers(["P8", "Mallory"], choices)


def test_a_passage_plays_from_its_first_segment_start_to_its_last_segment_end():
    text, placed = timed_text(CUES)
    start = text.index("for the work")
    end = text.index("I was") + 5
    assert time_span(placed, start, end) == (3900, 7500)
    label_only = text.index("P8: ")
    assert time_span(placed, label_only, label_only + 3) is None


def test_clock_reads_like_a_person_would_say_it():
    assert [clock(5_400), clock(65_000), clock(3_723_000)] == ["0:05", "1:05", "1:02:03"]
