"""Subtitle files in and out: cues keep their times, speakers and words; bad files are refused."""

import pytest

from thrive.inquiry.core.formats import (
    MAX_CUES,
    TranscriptError,
    is_subtitles,
    transcript_cues,
    transcripts_from_files,
)
from thrive.inquiry.core.subtitles import as_srt, as_vtt, subtitles
from thrive.inquiry.core.timing import Cue

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.250
<v Interviewer>How has the job search been?

00:00:03.500 --> 00:00:06.000
<v Sam Lee>Slow &amp; hard at first.

01:00:06.000 --> 01:00:08.125
Sam Lee: Then the <i>peer group</i> helped.
"""


def test_it_reads_webvtt_cues_with_their_times_and_voices():
    assert transcript_cues("sam.vtt", VTT.encode()) == [
        Cue(1.0, 3.25, "How has the job search been?", "Interviewer"),
        Cue(3.5, 6.0, "Slow & hard at first.", "Sam Lee"),
        Cue(3606.0, 3608.125, "Then the peer group helped.", "Sam Lee"),
    ]


def test_it_reads_subrip_cues_with_speaker_prefixes_and_short_milliseconds():
    srt = (
        b"1\r\n00:00:01,5 --> 00:00:02,500\r\nP9: Ready?\r\n\r\n"
        b"2\r\n00:00:03,000 --> 00:00:05,000\r\nYes.\r\n"
    )
    assert transcript_cues("p9.srt", srt) == [
        Cue(1.5, 2.5, "Ready?", "P9"),
        Cue(3.0, 5.0, "Yes.", ""),
    ]


def test_only_vtt_and_srt_are_subtitles():
    assert is_subtitles("P8.VTT") and is_subtitles("a/b.srt") and not is_subtitles("P8.txt")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.vtt", b"WEBVTT\n\n00:00:01.000 -> nonsense\nhello\n", "no subtitle cues"),
        ("plain.vtt", b"just some words", "not a valid WebVTT"),
        ("broken.srt", b"1\nno timing here\nhello\n", "not a valid SubRip"),
        ("negative.srt", b"1\n-00:00:01,000 --> 00:00:02,000\nhello\n", "not a valid SubRip"),
        (
            "backwards.vtt",
            b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nhello\n",
            "backwards.vtt: cue 1 ends at 0:02, before it starts at 0:05.",
        ),
        (
            "disorder.srt",
            b"1\n00:00:03,000 --> 00:00:04,000\nhi\n\n2\n00:00:01,500 --> 00:00:05,000\nthere\n",
            "disorder.srt: cue 2 starts at 0:01.500, before cue 1 starts at 0:03; cues must follow",
        ),
        (
            "days.srt",
            b"1\n99:00:00,000 --> 99:00:01,000\nlong\n",
            "days.srt: cue 1 ends after 24 hours, the limit.",
        ),
        ("empty.vtt", b"   \n", "empty.vtt is empty."),
        ("silent.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i> </i>\n", "contains no text"),
        ("notes.txt", b"Interviewer: hi\n", "not a subtitle file"),
    ],
)
def test_it_refuses_bad_subtitles_in_one_plain_sentence(name, data, message):
    with pytest.raises(TranscriptError) as refused:
        transcript_cues(name, data)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value) and "Traceback" not in str(refused.value)


def test_a_cue_that_starts_before_the_last_one_ends_ends_that_one_there():
    overlapping = (
        b"1\n00:00:01,000 --> 00:00:04,000\nhi\n\n2\n00:00:03,500 --> 00:00:05,000\nthere\n"
    )
    cues = transcript_cues("call captions.srt", overlapping)
    assert [(c.start, c.end, c.text) for c in cues] == [(1.0, 3.5, "hi"), (3.5, 5.0, "there")]


def test_it_refuses_more_cues_than_the_limit_before_storing_anything():
    blocks = [
        f"{n + 1}\n00:{n // 6000 % 60:02d}:{n // 100 % 60:02d},{n % 100 * 10:03d} --> "
        f"00:{n // 6000 % 60:02d}:{n // 100 % 60:02d},{n % 100 * 10 + 5:03d}\nw\n"
        for n in range(MAX_CUES + 1)
    ]
    data = "\n".join(blocks).encode()
    with pytest.raises(TranscriptError, match=f"{MAX_CUES + 1:,} cues; the limit is {MAX_CUES:,}"):
        transcript_cues("many.srt", data)
    with pytest.raises(TranscriptError, match=r"many\.srt has"):
        transcripts_from_files([("ok.txt", b"P1: fine\n"), ("many.srt", data)])


def test_a_batch_with_one_bad_subtitle_file_names_it_and_reads_none():
    bad = b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nhello\n"
    with pytest.raises(TranscriptError, match=r"bad\.vtt: cue 1 ends"):
        transcripts_from_files([("good.vtt", VTT.encode()), ("bad.vtt", bad)])


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_written_subtitles_read_back_as_the_same_cues(fmt):
    cues = [
        Cue(0.0, 2.2, "What <helped> you & most --> then?", "Interviewer"),
        Cue(3.9, 5.4, "Being paid for the work.", "P8"),
        Cue(3725.25, 3727.0, "It meant I was trusted.", "P8"),
    ]
    assert transcript_cues(f"back.{fmt}", subtitles(cues, fmt).encode()) == cues


def test_webvtt_names_each_voice_and_subrip_numbers_each_cue():
    cues = [Cue(61.5, 62.0, "Yes & no.", "P8")]
    assert as_vtt(cues) == "WEBVTT\n\n00:01:01.500 --> 00:01:02.000\n<v P8>Yes &amp; no.\n"
    assert as_srt(cues) == "1\n00:01:01,500 --> 00:01:02,000\nP8: Yes & no.\n"
    with pytest.raises(ValueError, match="vtt or srt"):
        subtitles(cues, "ass")
