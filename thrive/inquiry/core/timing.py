"""Timed transcripts: cues (when something was said) laid out as canonical transcript text.

A recorded interview, a WebVTT or a SubRip file gives cues: a start and end in seconds, the
words, and sometimes who spoke. Thrive keeps each cue as a timed segment of the transcript:
one line of the text per cue, starting with a speaker label (``P8: ``) only where the speaker
changes, so the speaker turns of ``turns.py`` are runs of segments by one speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

INTERVIEWER = "Interviewer"
GUESS_PAUSE_SECONDS = 1.0


@dataclass(frozen=True)
class Cue:
    """One timed piece of speech: seconds from the start of the recording, and its words."""

    start: float
    end: float
    text: str
    speaker: str = ""
    guessed: bool = False


@dataclass(frozen=True)
class Placed:
    """A cue placed in the text: times in milliseconds, its words at [text_start, text_end)."""

    start_ms: int
    end_ms: int
    text_start: int
    text_end: int
    speaker: str = ""
    guessed: bool = False


def timed_text(cues: Sequence[Cue]) -> tuple[str, list[Placed]]:
    """Canonical text with one line per cue, and where each cue's words are in it.

    Blank cues are left out; runs of spaces and line breaks inside a cue become one space.
    """
    lines: list[str] = []
    placed: list[Placed] = []
    offset, previous = 0, None
    for cue in cues:
        words = " ".join(cue.text.split())
        if not words:
            continue
        speaker = " ".join(cue.speaker.split())
        label = f"{speaker}: " if speaker and speaker != previous else ""
        previous = speaker or previous
        start = offset + len(label)
        placed.append(
            Placed(
                start_ms=_milliseconds(cue.start),
                end_ms=max(_milliseconds(cue.end), _milliseconds(cue.start)),
                text_start=start,
                text_end=start + len(words),
                speaker=speaker,
                guessed=cue.guessed and bool(speaker),
            )
        )
        lines.append(label + words)
        offset += len(label) + len(words) + 1
    return "".join(line + "\n" for line in lines), placed


def guess_speakers(
    cues: Sequence[Cue],
    participant: str,
    interviewer: str = INTERVIEWER,
    pause: float = GUESS_PAUSE_SECONDS,
) -> list[Cue]:
    """A first guess at who spoke: the interviewer first, then the other at each long pause.

    Cues that already name a speaker keep it; the guessed ones are marked as a guess.
    """
    speakers = (interviewer, participant)
    turn, last_end, guessed = 0, None, []
    for cue in cues:
        if last_end is not None and cue.start - last_end >= pause:
            turn = 1 - turn
        last_end = cue.end
        if cue.speaker:
            turn = speakers.index(cue.speaker) if cue.speaker in speakers else turn
            guessed.append(cue)
        else:
            guessed.append(replace(cue, speaker=speakers[turn], guessed=True))
    return guessed


def _milliseconds(seconds: float) -> int:
    return max(0, round(seconds * 1000))
