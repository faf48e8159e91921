"""Subtitle files generated and mutated: cues in time order, or one plain refusal."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import examples
from tests.hostile.strategies import TEXT, mutated, one_line
from thrive.inquiry.core.formats import TranscriptError, transcript_cues
from thrive.inquiry.core.subtitles import subtitles
from thrive.inquiry.core.timing import Cue, timed_text

VTT = (
    b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v P1>It helped.\n\n"
    b"00:00:05.000 --> 00:00:06.000\nYes.\n"
)
SRT = (
    b"1\n00:00:01,000 --> 00:00:04,000\nP1: It helped.\n\n2\n00:00:05,000 --> 00:00:06,000\nYes.\n"
)


def read(name: str, data: bytes) -> None:
    try:
        cues = transcript_cues(name, data)
    except TranscriptError as error:
        one_line(str(error))
    else:
        assert cues and all(0 <= c.start <= c.end for c in cues)
        assert all(a.end <= b.start for a, b in pairwise(cues))
        text, placed = timed_text(cues)
        assert [text[p.text_start : p.text_end] for p in placed] == [c.text for c in cues]


@settings(max_examples=examples(100))
@given(sample=st.sampled_from([("t.vtt", VTT), ("t.srt", SRT)]), data=st.data())
def test_it_reads_or_refuses_mutated_subtitles(sample, data):
    name, original = sample
    read(name, data.draw(mutated(original)))


@settings(max_examples=examples(60))
@given(
    fmt=st.sampled_from(["vtt", "srt"]),
    words=st.lists(TEXT, min_size=1, max_size=8),
    gaps=st.lists(st.integers(0, 5000), min_size=8, max_size=8),
)
def test_any_words_written_as_subtitles_read_back_the_same(fmt, words, gaps):
    cues, at = [], 0
    for text, gap in zip(words, gaps, strict=False):
        cues.append(Cue(at / 1000, (at + gap) / 1000, text, "P1"))
        at += gap
    expected = [c for c in cues if " ".join(c.text.split())]
    try:
        back = transcript_cues(f"t.{fmt}", subtitles(cues, fmt).encode())
    except TranscriptError as error:
        one_line(str(error))
        assert not expected, str(error)
        return
    assert [(c.start, c.end, c.text) for c in back] == [
        (c.start, c.end, " ".join(c.text.split())) for c in expected
    ]
