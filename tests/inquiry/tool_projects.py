"""Build whole .qdpx projects the way NVivo, MAXQDA, ATLAS.ti and QualCoder write them.

Each tool's project holds the same two interviews, users, nested codes in an order that is not
alphabetical, coded passages with memos, and (where the tool has them) cases and sets. What
differs is each tool's manner: how it counts positions and encodes text (refi_variants.py),
where it writes code memos and coding memos, how it writes dates and GUIDs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

from tests.inquiry.refi_variants import VARIANTS, Variant, units_before, zipped

BASE = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
TEXTS = {
    "P02": [
        "Interviewer: What changed for you after the café group?",
        "P02: Honestly I felt calmer 😊 and then I started volunteering.",
        "Interviewer: Was anything hard? 🚌",
        "P02: Getting there on the bus was the worst part of it.",
    ],
    "P05": [
        "Interviewer: And now, a year on?",
        "P05: Zoë at the café helped 🎉 — I work three days a week now.",
        "P05: Money is still tight, mind.",
    ],
}
# (guid number, name, colour, code memo, children), siblings in the tool's own order.
CODES = (
    (
        10,
        "Way forward",
        "#3366CC",
        "Moves towards doing well.",
        (
            (11, "Volunteering", None, "", ()),
            (12, "Calm", "#33AA33", "Feeling settled, in their words.", ()),
            (13, "Work", None, "", ()),
        ),
    ),
    (20, "Barriers", "#CC3333", "", ((21, "Travel", None, "", ()), (22, "Money", None, "", ()))),
)
# (source, passage, code numbers, coder, memo or "", memo author)
CODINGS = (
    ("P02", "I felt calmer", (12,), 1, "Said twice, with a smile.", 1),
    ("P02", "started volunteering", (11, 13), 2, "", 0),
    ("P02", "the bus was the worst part", (21,), 2, "Check the bus pass scheme.", 1),
    ("P05", "I work three days a week now", (13,), 1, "", 0),
    ("P05", "Money is still tight", (22,), 2, "Ask at the member check.", 2),
)
USERS = {1: ("Ana Ruiz", "AR"), 2: ("Peer researcher Sam", "SK")}
SOURCE_AUTHOR = {"P02": 1, "P05": 2}
SOURCE_NUMBER = {"P02": 30, "P05": 31}
# (guid number, name, description, code numbers, sources)
SETS = (
    (70, "Second round", "Interviews a year on.", (), ("P05",)),
    (71, "Wellbeing codes", "", (12, 13), ()),
)


@dataclass(frozen=True)
class Shape:
    """Where one tool writes what: memos, dates, sets and cases."""

    variant: str
    code_memo: str  # "note" or "description"
    coding_memo: str  # "coding note", "selection note" or "description"
    date_format: str  # "Z", "offset" or "milliseconds"
    sets: bool
    cases: bool


SHAPES = {
    "NVivo": Shape("nvivo", "note", "selection note", "Z", sets=True, cases=True),
    "MAXQDA": Shape("maxqda", "note", "coding note", "offset", sets=True, cases=False),
    "ATLAS.ti": Shape("atlasti", "description", "description", "milliseconds", True, False),
    "QualCoder": Shape("qualcoder", "description", "description", "Z", sets=False, cases=True),
}


def tool_guid(variant: Variant, number: int, kind: int = 0) -> str:
    """A GUID as the tool writes it (ATLAS.ti: lower case in braces)."""
    value = f"{number:08X}-{kind:04X}-4BBB-8CCC-DDDDDDDDDDDD"
    return "{" + value.lower() + "}" if variant.braces else value


def tool_date(shape: Shape, minutes: int) -> str:
    """A date and time in the tool's manner."""
    moment = BASE + timedelta(minutes=minutes)
    if shape.date_format == "offset":
        return (moment + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+01:00")
    if shape.date_format == "milliseconds":
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def source_text(variant: Variant, label: str) -> str:
    """The interview as the tool's text file holds it."""
    return variant.line_end.join(TEXTS[label]) + variant.line_end


def positions(variant: Variant, text: str, passage: str) -> tuple[int, int]:
    """(start, end) of a passage counted the tool's way."""
    index = text.index(passage)
    start = units_before(text, index, variant.unit)
    end = units_before(text, index + len(passage), variant.unit)
    if variant.encoding == "utf-16":
        start, end = start + 1, end + 1
    return start, end - 1 if variant.inclusive_end else end


class _Writer:
    def __init__(self, tool: str) -> None:
        self.shape = SHAPES[tool]
        self.variant = VARIANTS[self.shape.variant]
        self.notes: list[str] = []
        self.minutes = 0

    def guid(self, number: int, kind: int = 0) -> str:
        return tool_guid(self.variant, number, kind)

    def stamp(self, user: int) -> str:
        self.minutes += 7
        return (
            f'creatingUser="{self.guid(user, 1)}" '
            f'creationDateTime="{tool_date(self.shape, self.minutes)}"'
        )

    def note(self, number: int, text: str, user: int) -> str:
        """A Note in the project's Notes; returns a NoteRef to it."""
        self.notes.append(
            f'<Note guid="{self.guid(number, 9)}" name="Memo" {self.stamp(user)}>'
            f"<PlainTextContent>{escape(text)}</PlainTextContent></Note>"
        )
        return f'<NoteRef targetGUID="{self.guid(number, 9)}"/>'

    def code(self, spec: tuple) -> str:
        number, name, colour, memo, children = spec
        colour_attribute = f' color="{colour}"' if colour else ""
        inside = ""
        if memo and self.shape.code_memo == "description":
            inside = f"<Description>{escape(memo)}</Description>"
        elif memo:
            inside = self.note(number, memo, 1)
        inside += "".join(self.code(child) for child in children)
        return (
            f'<Code guid="{self.guid(number)}" name={quoteattr(name)} isCodable="true"'
            f"{colour_attribute}>{inside}</Code>"
        )

    def selection(self, number: int, text: str, coding: tuple) -> str:
        _, passage, codes, coder, memo, author = coding
        start, end = positions(self.variant, text, passage)
        on_selection = on_coding = description = ""
        if memo and self.shape.coding_memo == "description":
            description = f"<Description>{escape(memo)}</Description>"
        elif memo and self.shape.coding_memo == "selection note":
            on_selection = self.note(number, memo, author)
        elif memo:
            on_coding = self.note(number, memo, author)
        codings = "".join(
            f'<Coding guid="{self.guid(number, 3 + index)}" {self.stamp(coder)}>'
            f'<CodeRef targetGUID="{self.guid(code)}"/>{on_coding if index == 0 else ""}</Coding>'
            for index, code in enumerate(codes)
        )
        return (
            f'<PlainTextSelection guid="{self.guid(number, 2)}" name={quoteattr(passage)} '
            f'startPosition="{start}" endPosition="{end}" {self.stamp(coder)}>'
            f"{description}{codings}{on_selection}</PlainTextSelection>"
        )

    def cases(self) -> str:
        """Each interview's participant as a case holding it."""
        return (
            "<Cases>"
            + "".join(
                f'<Case guid="{self.guid(50 + n)}" name="{label}">'
                f'<SourceRef targetGUID="{self.guid(SOURCE_NUMBER[label])}"/></Case>'
                for n, label in enumerate(TEXTS)
            )
            + "</Cases>"
        )

    def sets(self) -> str:
        """A set of documents and a set of codes."""
        written = []
        for number, name, about, codes, sources in SETS:
            members = "".join(f'<MemberCode targetGUID="{self.guid(c)}"/>' for c in codes)
            members += "".join(
                f'<MemberSource targetGUID="{self.guid(SOURCE_NUMBER[s])}"/>' for s in sources
            )
            description = f"<Description>{escape(about)}</Description>" if about else ""
            written.append(
                f'<Set guid="{self.guid(number)}" name={quoteattr(name)}>'
                f"{description}{members}</Set>"
            )
        return f"<Sets>{''.join(written)}</Sets>"

    def qdpx(self) -> bytes:
        users = "".join(
            f'<User guid="{self.guid(n, 1)}" name={quoteattr(name)} id="{initials}"/>'
            for n, (name, initials) in USERS.items()
        )
        codes = "".join(self.code(spec) for spec in CODES)
        files = {}
        sources = []
        for label, number in SOURCE_NUMBER.items():
            text = source_text(self.variant, label)
            plain = self.guid(number).strip("{}").upper()
            files[f"{self.variant.folder}/{plain}.txt"] = text.encode(self.variant.encoding)
            selections = "".join(
                self.selection(100 + index, text, coding)
                for index, coding in enumerate(CODINGS)
                if coding[0] == label
            )
            sources.append(
                f'<TextSource guid="{self.guid(number)}" name="Interview {label}" '
                f'plainTextPath="internal://{plain}.txt" {self.stamp(SOURCE_AUTHOR[label])}>'
                f"{selections}</TextSource>"
            )
        cases = self.cases() if self.shape.cases else ""
        sets = self.sets() if self.shape.sets else ""
        notes = f"<Notes>{''.join(self.notes)}</Notes>" if self.notes else ""
        qde = (
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<Project xmlns="urn:QDA-XML:project:1.0" name="Hub study" '
            f'origin="{self.variant.tool}">'
            f"<Users>{users}</Users><CodeBook><Codes>{codes}</Codes></CodeBook>{cases}"
            f"<Sources>{''.join(sources)}</Sources>{notes}{sets}</Project>"
        )
        return zipped({self.variant.qde_name: qde.encode("utf-8"), **files})


def tool_qdpx(tool: str) -> bytes:
    """The .qdpx bytes the named tool would write for the Hub study."""
    return _Writer(tool).qdpx()
