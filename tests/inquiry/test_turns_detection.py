"""Speaker turns are found from labels at line starts; other lines continue a turn."""

from thrive.inquiry.core.turns import Turn, speaker_label, speaker_turns

TRANSCRIPT = (
    "Recorded at the hub.\n"
    "Interviewer: How did the first week go?\n"
    "P3: Better than I thought.\n"
    "I even stayed late.\n"
    "\n"
    "Dr Sam Lee: Can I add something?\n"
    "Note: P3 laughed here.\n"
)


def test_it_finds_each_speaker_in_order():
    assert [turn.speaker for turn in speaker_turns(TRANSCRIPT)] == [
        "",
        "Interviewer",
        "P3",
        "Dr Sam Lee",
    ]


def test_it_gives_code_point_spans_with_an_exclusive_end():
    turn = speaker_turns(TRANSCRIPT)[2]
    assert TRANSCRIPT[turn.start : turn.end] == "P3: Better than I thought.\nI even stayed late."
    assert TRANSCRIPT[turn.text_start : turn.end].startswith("Better than")


def test_it_keeps_a_note_line_inside_the_current_turn():
    last = speaker_turns(TRANSCRIPT)[-1]
    assert TRANSCRIPT[last.start : last.end].endswith("Note: P3 laughed here.")


def test_it_counts_emoji_as_one_code_point():
    text = "P1: 😊 yes\nP2: no\n"
    first, second = speaker_turns(text)
    assert first == Turn("P1", 0, 9, 4)
    assert text[second.start : second.end] == "P2: no"


def test_it_ignores_times_prose_and_long_labels():
    for line in (
        "10:30 we started",
        "Then she said: fine",
        "The person I spoke to at the council office: rude",
        "Date: 3 May",
        "http://example.org",
    ):
        assert speaker_label(line) is None, line


def test_it_accepts_labels_with_nothing_after_the_colon():
    assert speaker_label("Interviewer:\n") == ("Interviewer", 12)


def test_it_returns_no_turns_for_blank_text():
    assert speaker_turns("\n \n") == []
