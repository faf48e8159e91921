"""Timed transcripts: cues (when something was said) laid out as canonical transcript text.

A recorded interview, a WebVTT or a SubRip file gives cues: a start and end in seconds, the
words, and sometimes who spoke. Thrive keeps each cue as a timed segment of the transcript:
one line of the text per cue, starting with a speaker label (``P8: ``) only where the speaker
changes, so the speaker turns of ``turns.py`` are runs of segments by one speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

INTERVIEWER = "Interviewer"
PARTICIPANT = "Participant"  # who speaks when a transcript names no participant
GUESS_PAUSE_SECONDS = 1.0
_LABEL = re.compile(r"[^\n:]{1,40}: ")


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


def corrected(
    text: str, placed: Sequence[Placed], words: dict[int, str]
) -> tuple[str, list[Placed]]:
    """The text with some segments' words replaced (by position), and every segment moved.

    New words are put on one line; blank words are refused with ValueError.
    """
    edits = []
    for index, new_words in sorted(words.items()):
        line = " ".join(new_words.split())
        if not line:
            raise ValueError(f"Segment {index + 1} has no words; write what was said.")
        part = placed[index]
        edits.append((part.text_start, part.text_end, line))
    return rewritten(text, placed, edits)


def relabelled(
    text: str, placed: Sequence[Placed], speakers: Sequence[str]
) -> tuple[str, list[Placed]]:
    """The text with speaker labels where the given speakers change, each segment confirmed.

    A segment that starts its own line gets a ``Speaker: `` label when its speaker differs
    from the segment before, and loses its label otherwise; one that shares a line with
    other words keeps the line as it is.
    """
    edits, previous = [], None
    for part, speaker in zip(placed, speakers, strict=True):
        line_start = text.rfind("\n", 0, part.text_start) + 1
        label = text[line_start : part.text_start]
        if label and not _LABEL.fullmatch(label):
            previous = speaker
            continue
        wanted = f"{speaker}: " if speaker and speaker != previous else ""
        previous = speaker or previous
        if wanted != label:
            edits.append((line_start, part.text_start, wanted))
    new_text, moved = rewritten(text, placed, edits)
    confirmed = [
        replace(part, speaker=speaker, guessed=False)
        for part, speaker in zip(moved, speakers, strict=True)
    ]
    return new_text, confirmed


def rewritten(
    text: str, placed: Sequence[Placed], edits: Sequence[tuple[int, int, str]]
) -> tuple[str, list[Placed]]:
    """Apply (start, end, replacement) edits that do not overlap; move the segments with them.

    A position moves by every edit ending at or before it: an edit ending at a segment's
    start (its label) puts the start after the new label, and an edit of exactly a
    segment's words makes them the segment's new words.
    """
    pieces, ends, shifted, at = [], [], [0], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[at:start], replacement]
        ends.append(end)
        shifted.append(shifted[-1] + len(replacement) - (end - start))
        at = end
    pieces.append(text[at:])

    def moved(position: int) -> int:
        return position + shifted[bisect_right(ends, position)]

    return "".join(pieces), [
        replace(
            part,
            text_start=moved(part.text_start),
            text_end=moved(part.text_end),
        )
        for part in placed
    ]


SAME_AS_PREVIOUS = "same"


def chosen_speakers(values: Sequence[str], choices: Sequence[str]) -> list[str]:
    """Each segment's speaker from a choice, "same" (as the one before) or "" (none named).

    Anything else raises ValueError naming the segment.
    """
    speakers: list[str] = []
    for number, value in enumerate(values, start=1):
        if value == SAME_AS_PREVIOUS and speakers:
            speakers.append(speakers[-1])
        elif value in choices or value == "":
            speakers.append(value)
        elif value == SAME_AS_PREVIOUS:
            raise ValueError("The first segment has no segment before it; choose who spoke.")
        else:
            raise ValueError(f"Choose who spoke in segment {number}.")
    return speakers


def time_span(placed: Sequence[Placed], start: int, end: int) -> tuple[int, int] | None:
    """From the start of the first segment overlapping [start, end) to the end of the last."""
    overlapping = [p for p in placed if p.text_start < end and start < p.text_end]
    if not overlapping:
        return None
    return overlapping[0].start_ms, max(p.end_ms for p in overlapping)


def clock(milliseconds: int) -> str:
    """A time as people read it: 1:05 or 1:02:03 (no dates, no milliseconds)."""
    minutes, seconds = divmod(milliseconds // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _milliseconds(seconds: float) -> int:
    return max(0, round(seconds * 1000))
