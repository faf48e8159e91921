"""Speaker turns in a transcript: who speaks where, as code-point offsets.

A line starts a new turn when it begins with a speaker label followed by a colon and a space
(or the end of the line): ``Interviewer:``, ``P3:``, ``Dr Sam Lee:``. A label is 1-40
characters, at most four words, starts with a letter or digit, holds only letters, digits,
spaces and ``.'’-_()#`` and is not a common heading word such as ``Note``, ``Date`` or
``Time``. Labels of three or four words must capitalise every word (``Dr Sam Lee``, not
``Then she said``), and no label may contain a reporting verb such as ``said``.
Any other line continues the turn before it. Text before the first label forms a
turn with an empty speaker. Labels are matched case-sensitively as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(r"[ \t]*([^\W_][\w .'’()#-]{0,39}?)[ \t]*:(?:[ \t]+|$)")
_NOT_SPEAKERS = frozenset(
    {
        "note", "notes", "nb", "ps", "date", "time", "location", "place", "duration",
        "transcriber", "transcribed by", "interview date", "present", "file", "title",
        "subject", "re", "tags", "summary", "project", "version", "source", "e.g", "i.e",
        "example", "warning", "answer", "question",
    }
)  # fmt: skip
_REPORTING_VERBS = frozenset({"said", "says", "asked", "asks", "replied", "wrote", "told"})


@dataclass(frozen=True)
class Turn:
    """One speaker turn: [start, end) covers label and speech; text_start is after the label."""

    speaker: str
    start: int
    end: int
    text_start: int


def speaker_turns(text: str) -> list[Turn]:
    """Return the speaker turns of a transcript in order; blank text gives no turns."""
    turns: list[Turn] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        label = speaker_label(line)
        body_end = offset + len(line.rstrip())
        if label is not None:
            speaker, label_length = label
            turns.append(Turn(speaker, offset, max(body_end, offset + label_length),
                              offset + label_length))  # fmt: skip
        elif line.strip():
            if turns:
                last = turns[-1]
                turns[-1] = Turn(last.speaker, last.start, body_end, last.text_start)
            else:
                start = offset + len(line) - len(line.lstrip())
                turns.append(Turn("", start, body_end, start))
        offset += len(line)
    return turns


def speaker_label(line: str) -> tuple[str, int] | None:
    """Return (speaker, length of the label with its colon and spaces) when the line has one."""
    match = _LABEL.match(line)
    if match is None:
        return None
    speaker = match.group(1).strip()
    words = speaker.split()
    if len(words) > 4 or speaker.lower() in _NOT_SPEAKERS:
        return None
    if len(words) > 2 and not all(word[0].isupper() or word[0].isdigit() for word in words):
        return None
    if any(word.lower() in _REPORTING_VERBS for word in words):
        return None
    return speaker, len(match.group(0).rstrip("\r\n"))
