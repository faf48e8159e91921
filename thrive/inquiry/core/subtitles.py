"""Timed cues written out as WebVTT or SubRip subtitles, so another tool keeps their times.

Every cue names its speaker (a WebVTT voice, a ``Name: `` prefix in SubRip), and reading
the file back with ``formats.transcript_cues`` gives the same cues, times and words.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from thrive.inquiry.core.timing import Cue

FORMATS = {"vtt": "text/vtt", "srt": "application/x-subrip"}


def subtitles(cues: Sequence[Cue], fmt: str) -> str:
    """The cues as a WebVTT ("vtt") or SubRip ("srt") file; cues with no words are left out."""
    cues = [cue for cue in cues if cue.text.strip()]
    if fmt == "vtt":
        return as_vtt(cues)
    if fmt == "srt":
        return as_srt(cues)
    raise ValueError(f"Subtitles come as {' or '.join(FORMATS)}, not {fmt}.")


def as_vtt(cues: Sequence[Cue]) -> str:
    """A WebVTT file: one cue per segment, its speaker as a voice."""
    blocks = ["WEBVTT"]
    for cue in cues:
        words = escape(" ".join(cue.text.split()), quote=False)
        voice = f"<v {escape(cue.speaker, quote=False)}>" if cue.speaker else ""
        blocks.append(f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n{voice}{words}")
    return "\n\n".join(blocks) + "\n"


def as_srt(cues: Sequence[Cue]) -> str:
    """A SubRip file: numbered cues, the speaker as a ``Name: `` prefix."""
    blocks = []
    for number, cue in enumerate(cues, start=1):
        words = " ".join(cue.text.split())
        prefix = f"{cue.speaker}: " if cue.speaker else ""
        blocks.append(
            f"{number}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n{prefix}{words}"
        )
    return "\n\n".join(blocks) + "\n"


def _stamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    minutes, millis = divmod(millis, 60_000)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}{separator}{millis % 1000:03d}"
