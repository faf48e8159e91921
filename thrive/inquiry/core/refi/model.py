"""Plain data for a REFI-QDA project or codebook, as Thrive reads and writes it.

GUIDs are upper-case without braces. Text is canonical (UTF-8, no BOM, ``\\n`` line ends)
and selection offsets are code points with an exclusive end, whatever the file used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
VariableValueType = str | bool | int | Decimal | date | datetime


class RefiError(ValueError):
    """A REFI-QDA file Thrive refuses to read; the message is one plain sentence."""


@dataclass(frozen=True)
class User:
    """Someone who created codes, codings or notes in the source tool."""

    guid: str
    name: str = ""
    identifier: str = ""


@dataclass(frozen=True)
class Code:
    """A code; codes nest, and ``is_codable=False`` marks a folder that only groups codes."""

    guid: str
    name: str
    is_codable: bool = True
    color: str | None = None
    description: str = ""
    children: tuple[Code, ...] = ()
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variable:
    """An attribute of cases or sources, typed as one of VARIABLE_TYPES."""

    guid: str
    name: str
    type: str = "Text"
    description: str = ""


@dataclass(frozen=True)
class VariableValue:
    """One variable's value for a case or source (str, bool, int, Decimal, date or datetime)."""

    variable_guid: str
    value: VariableValueType


@dataclass(frozen=True)
class Case:
    """A participant or other unit of analysis, with variable values and linked sources."""

    guid: str
    name: str = ""
    description: str = ""
    code_guids: tuple[str, ...] = ()
    values: tuple[VariableValue, ...] = ()
    source_guids: tuple[str, ...] = ()
    selection_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coding:
    """The application of one code, by one user, to a selection or a whole source."""

    guid: str
    code_guid: str
    user_guid: str | None = None
    created: datetime | None = None
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Selection:
    """A passage [start, end) of a text source, with its codings and notes."""

    guid: str
    start: int
    end: int
    name: str = ""
    description: str = ""
    user_guid: str | None = None
    created: datetime | None = None
    codings: tuple[Coding, ...] = ()
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timed:
    """Where one stretch of a recording's speech lies: milliseconds, and code points
    [text_start, text_end) of its words in the transcript; the speaker is read from the
    text's labels on import and not written (the text carries it)."""

    start_ms: int
    end_ms: int
    text_start: int
    text_end: int
    speaker: str = ""


@dataclass(frozen=True)
class Audio:
    """The recording a transcript was made from, written as an AudioSource holding the text as
    its Transcript; data is None when the audio file is left out of the archive."""

    transcript_guid: str
    suffix: str
    data: bytes | None = None
    segments: tuple[Timed, ...] = ()


@dataclass(frozen=True)
class TextSource:
    """A transcript or other text document; offset_convention records how the file counted.
    With audio it is a recorded interview: an AudioSource whose Transcript holds the text."""

    guid: str
    name: str
    text: str
    description: str = ""
    user_guid: str | None = None
    created: datetime | None = None
    selections: tuple[Selection, ...] = ()
    codings: tuple[Coding, ...] = ()
    note_guids: tuple[str, ...] = ()
    values: tuple[VariableValue, ...] = ()
    offset_convention: str = "codepoint-crlf2-exclusive"
    audio: Audio | None = None


@dataclass(frozen=True)
class Note:
    """A memo or comment, keeping its author and date."""

    guid: str
    name: str = ""
    text: str = ""
    description: str = ""
    user_guid: str | None = None
    created: datetime | None = None


@dataclass(frozen=True)
class Set:
    """A named group of codes, sources and notes (Thrive's synthesis groups)."""

    guid: str
    name: str
    description: str = ""
    code_guids: tuple[str, ...] = ()
    source_guids: tuple[str, ...] = ()
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """A whole project: users, codebook, variables, cases, text sources, notes and sets."""

    name: str
    origin: str = ""
    description: str = ""
    user_guid: str | None = None
    created: datetime | None = None
    users: tuple[User, ...] = ()
    codes: tuple[Code, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[Case, ...] = ()
    sources: tuple[TextSource, ...] = ()
    notes: tuple[Note, ...] = ()
    sets: tuple[Set, ...] = ()
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedProject:
    """A project read from a .qdpx file, with what could not be carried across."""

    project: Project
    warnings: tuple[str, ...] = ()

    @property
    def conventions(self) -> dict[str, str]:
        """Return the offset convention detected for each source, by source GUID."""
        return {source.guid: source.offset_convention for source in self.project.sources}


@dataclass(frozen=True)
class Codebook:
    """A codebook on its own (.qdc): nested codes and sets of codes."""

    codes: tuple[Code, ...] = ()
    sets: tuple[Set, ...] = ()
    origin: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)


def all_codes(codes: tuple[Code, ...]) -> list[Code]:
    """Return every code in a nested tree, parents before children."""
    flat: list[Code] = []
    for code in codes:
        flat.append(code)
        flat.extend(all_codes(code.children))
    return flat
