"""Timed cues become canonical text with one line per cue and a label where the speaker changes."""

from thrive.inquiry.core.formats import canonical_text
from thrive.inquiry.core.timing import Cue, guess_speakers, timed_text
from thrive.inquiry.core.turns import speaker_turns


def test_each_cue_is_a_line_and_labels_mark_a_change_of_speaker():
    cues = [
        Cue(0.0, 2.5, "How did you first  hear of us?", "Interviewer"),
        Cue(3.1, 6.0, "My sister told me.", "P8"),
        Cue(6.2, 9.75, "She had been\nto the garden group.", "P8"),
    ]
    text, placed = timed_text(cues)
    assert text == (
        "Interviewer: How did you first hear of us?\n"
        "P8: My sister told me.\n"
        "She had been to the garden group.\n"
    )
    assert text == canonical_text(text)
    assert [text[p.text_start : p.text_end] for p in placed] == [
        "How did you first hear of us?",
        "My sister told me.",
        "She had been to the garden group.",
    ]
    assert [(p.start_ms, p.end_ms) for p in placed] == [(0, 2500), (3100, 6000), (6200, 9750)]
    assert [t.speaker for t in speaker_turns(text)] == ["Interviewer", "P8"]


def test_blank_cues_are_left_out_and_an_end_before_the_start_is_raised_to_it():
    text, placed = timed_text([Cue(1.0, 2.0, "   "), Cue(4.0, 3.0, "Yes.")])
    assert text == "Yes.\n"
    assert [(p.start_ms, p.end_ms) for p in placed] == [(4000, 4000)]


def test_the_first_guess_alternates_at_long_pauses_and_says_it_is_a_guess():
    cues = [
        Cue(0.0, 2.0, "What happened next?"),
        Cue(2.3, 4.0, "Carry on."),
        Cue(5.5, 8.0, "I found a job."),
        Cue(8.2, 9.0, "In a bakery."),
        Cue(10.5, 11.0, "Lovely."),
    ]
    guessed = guess_speakers(cues, "P8")
    assert [c.speaker for c in guessed] == ["Interviewer", "Interviewer", "P8", "P8", "Interviewer"]
    assert all(c.guessed for c in guessed)
    _, placed = timed_text(guessed)
    assert all(p.guessed for p in placed)


def test_a_named_speaker_is_kept_and_steers_the_guess():
    cues = [Cue(0.0, 1.0, "Hello.", "P8"), Cue(2.5, 3.0, "Hi there."), Cue(3.1, 4.0, "Go on.")]
    guessed = guess_speakers(cues, "P8")
    assert [(c.speaker, c.guessed) for c in guessed] == [
        ("P8", False),
        ("Interviewer", True),
        ("Interviewer", True),
    ]
