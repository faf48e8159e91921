"""Timed transcripts on the Django side: playing a recording's clips, speakers, corrections.

Segments are read as ``timing.Placed`` so the pure helpers of ``core.timing`` and
``core.subtitles`` do the work; every save goes through ``Transcript.edit_text``, so it is a
new transcript version and codings carry across as after any edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse

from thrive.core.text import without_controls
from thrive.inquiry.core.audio import decoded_between, wav_clip
from thrive.inquiry.core.subtitles import subtitles
from thrive.inquiry.core.timing import (
    INTERVIEWER,
    PARTICIPANT,
    Cue,
    Placed,
    corrected,
    relabelled,
    time_span,
)
from thrive.inquiry.models import Coding, Recording, Revision, Transcript

MAX_CLIP_MS = 10 * 60 * 1000


class NoAudio(LookupError):
    """The transcript has no recording whose audio is still kept."""


def placed_segments(transcript: Transcript) -> list[Placed]:
    """The transcript's timed segments, in order, as plain data."""
    return [
        Placed(s.start_ms, s.end_ms, s.text_start, s.text_end, s.speaker, s.speaker_guessed)
        for s in transcript.segments.order_by("position")
    ]


def playable_recording(transcript: Transcript) -> Recording | None:
    """The transcript's recording if its audio is still kept, else None."""
    return (
        Recording.objects.filter(
            transcript=transcript, original__isnull=False, audio_removed_at__isnull=True
        )
        .select_related("original")
        .first()
    )


def clip_wav(transcript: Transcript, start_ms: int, end_ms: int) -> bytes:
    """A WAV clip of the recording between two times; NoAudio when there is none to play."""
    recording = playable_recording(transcript)
    if recording is None:
        raise NoAudio
    end_ms = min(end_ms, start_ms + MAX_CLIP_MS)
    stored = recording.original
    try:
        with stored.file.open("rb") as handle:
            samples = decoded_between(handle, stored.name, start_ms, end_ms)
    except (FileNotFoundError, OSError, ValueError):
        raise NoAudio from None
    return wav_clip(samples, 0, end_ms - start_ms)


def timed_facts(transcript: Transcript, codings: Sequence[Coding]) -> dict[str, bool]:
    """Give each coding with time a clip_url (blank otherwise); say what the page may offer
    and whether any speaker is still Thrive's guess."""
    placed = placed_segments(transcript)
    playable = bool(placed) and playable_recording(transcript) is not None
    url = reverse("inquiry:recording_clip", args=[transcript.inquiry_id, transcript.pk])
    for coding in codings:
        span = time_span(placed, coding.start, coding.end) if playable else None
        coding.clip_url = f"{url}?start={span[0]}&end={span[1]}" if span else ""
    guessed = any(p.guessed for p in placed)
    return {"timed": bool(placed), "playable": playable, "speakers_guessed": guessed}


def transcript_cues(transcript: Transcript) -> list[Cue]:
    """The segments as cues (seconds, words, speaker), for subtitles."""
    text = transcript.text
    return [
        Cue(p.start_ms / 1000, p.end_ms / 1000, text[p.text_start : p.text_end], p.speaker)
        for p in placed_segments(transcript)
    ]


def subtitle_file(transcript: Transcript, fmt: str) -> str:
    """The timed transcript as a WebVTT or SubRip file."""
    return subtitles(transcript_cues(transcript), fmt)


def speaker_choices(transcript: Transcript, named: Sequence[str]) -> list[str]:
    """Who a segment may be given to: the interviewer, the participant, anyone already named."""
    participant = transcript.participant.label if transcript.participant else PARTICIPANT
    return list(dict.fromkeys([INTERVIEWER, participant, *filter(None, named)]))


@transaction.atomic
def save_speakers(
    transcript: Transcript, speakers: Sequence[str], user=None, opened_at: int | None = None
) -> Revision:
    """Give each segment its speaker: one new version with the labels rewritten, all confirmed."""
    transcript.hold(opened_at)
    new_text, moved = relabelled(transcript.text, placed_segments(transcript), speakers)
    return _saved(transcript, new_text, moved, user, opened_at)


@transaction.atomic
def save_corrections(
    transcript: Transcript, words: dict[int, str], user=None, opened_at: int | None = None
) -> Revision:
    """Replace the words of some segments (by position) as one new transcript version."""
    transcript.hold(opened_at)
    cleaned = {position: without_controls(line) for position, line in words.items()}
    new_text, moved = corrected(transcript.text, placed_segments(transcript), cleaned)
    return _saved(transcript, new_text, moved, user, opened_at)


def _saved(
    transcript: Transcript, new_text: str, moved: list[Placed], user, opened_at: int | None
) -> Revision:
    """Save the new text with the segments where they were put; if storing would still
    change the text (canonical form), let the edit carry them instead."""
    if new_text == transcript.text:
        transcript.set_segments(moved)
        return Revision(transcript.version)
    exact = Transcript.checked_text(new_text) == new_text
    return transcript.edit_text(new_text, user, opened_at, segments=moved if exact else None)
