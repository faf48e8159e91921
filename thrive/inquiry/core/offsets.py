"""Map selection positions written by other tools onto Thrive's canonical code-point offsets.

Canonical text has no byte-order mark and ``\\n`` line ends; offsets count code points with an
exclusive end. Other tools count differently: the REFI-QDA spec says code points, NVivo counts
UTF-16 code units on the original text (CRLF as two, BOM dropped), some tools count UTF-8 bytes
or give an inclusive end. A ``Convention`` names one such way of counting; ``OffsetMap`` turns
positions under it into canonical spans, and ``detected_convention`` picks the convention that
best explains a source's selections (selected text matching the selection's name first, then
selections starting and ending on word boundaries).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, product

UNITS = ("codepoint", "utf16", "utf8")
_BOM_WIDTH = {"codepoint": 1, "utf16": 1, "utf8": 3}
_NAME_MATCH, _NAME_PREFIX, _WORD_EDGE, _MISPLACED = 10, 6, 1, -20
_ELLIPSIS = re.compile(r"(\.\.\.|…)\s*$")


@dataclass(frozen=True)
class SourceText:
    """A source's text as decoded (BOM removed, line ends untouched) and whether it had a BOM."""

    raw: str
    had_bom: bool = False

    @property
    def canonical(self) -> str:
        """Return the text with LF line ends, as Thrive stores it."""
        return canonical_line_ends(self.raw)


@dataclass(frozen=True)
class Convention:
    """One way of counting positions: unit, CRLF as 1 or 2, BOM counted, end inclusive."""

    unit: str = "codepoint"
    crlf_units: int = 2
    counts_bom: bool = False
    inclusive_end: bool = False

    @property
    def name(self) -> str:
        """Return a short stable label such as ``utf16-crlf2-exclusive``."""
        bom = "-bom" if self.counts_bom else ""
        end = "inclusive" if self.inclusive_end else "exclusive"
        return f"{self.unit}-crlf{self.crlf_units}{bom}-{end}"


CANONICAL = Convention()


def canonical_line_ends(text: str) -> str:
    """Return text with CRLF and lone CR turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decoded_source(data: bytes) -> SourceText:
    """Decode a source file: BOM-marked UTF-8/UTF-16, BOM-less UTF-16, UTF-8, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return SourceText(data[3:].decode("utf-8"), had_bom=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(data.decode("utf-16"), had_bom=True)
    if len(data) >= 2 and data.count(b"\x00") * 3 > len(data):
        low_zeros = data[1::2].count(b"\x00")
        return SourceText(data.decode("utf-16-le" if low_zeros > len(data) // 4 else "utf-16-be"))
    try:
        return SourceText(data.decode("utf-8"))
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise
        return SourceText(data.decode("cp1252"))


class OffsetMap:
    """Canonical spans for positions counted under one convention on one source text."""

    def __init__(self, source: SourceText, convention: Convention) -> None:
        self.convention = convention
        self.length = len(source.canonical)
        shift = _BOM_WIDTH[convention.unit] if convention.counts_bom and source.had_bom else 0
        widths = _widths(source.raw, convention)
        self._boundaries = list(accumulate(widths, initial=shift))

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the canonical (start, exclusive end), or None if it misses the text."""
        first = self._index_at(start)
        if first is None:
            return None
        if self.convention.inclusive_end:
            last = bisect_right(self._boundaries, end) - 1
            if not first <= last < self.length:
                return None
            return first, last + 1
        last = self._index_at(end)
        if last is None or last < first:
            return None
        return first, last

    def position(self, position: int) -> int | None:
        """Return the canonical position of a point between characters, or None."""
        return self._index_at(position)

    def _index_at(self, position: int) -> int | None:
        index = bisect_left(self._boundaries, position)
        if index < len(self._boundaries) and self._boundaries[index] == position:
            return index
        return None


def _widths(raw: str, convention: Convention) -> list[int]:
    widths: list[int] = []
    pieces = raw.split("\r\n")
    for number, piece in enumerate(pieces):
        if number:
            widths.append(convention.crlf_units)
        if convention.unit == "codepoint" or piece.isascii():
            widths.extend([1] * len(piece))
        elif convention.unit == "utf16":
            widths.extend(2 if character > "\uffff" else 1 for character in piece)
        else:
            widths.extend(len(character.encode("utf-8", "surrogatepass")) for character in piece)
    return widths


def candidate_conventions(source: SourceText) -> list[Convention]:
    """Return the conventions that count differently on this text, most expected first."""
    units = ["codepoint"]
    if any(character > "\uffff" for character in source.raw):
        units.append("utf16")
    if not source.raw.isascii():
        units.append("utf8")
    crlf_options = (2, 1) if "\r\n" in source.raw else (2,)
    bom_options = (False, True) if source.had_bom else (False,)
    return [
        Convention(unit, crlf, bom, inclusive)
        for inclusive, bom, unit, crlf in product((False, True), bom_options, units, crlf_options)
    ]


def detected_convention(source: SourceText, selections: list[tuple[int, int, str]]) -> Convention:
    """Return the convention whose reading of (start, end, name) selections fits the text best."""
    candidates = candidate_conventions(source)
    if len(candidates) == 1 or not selections:
        return candidates[0]
    text = source.canonical
    scored = [
        (_score(OffsetMap(source, convention), text, selections), -rank, convention)
        for rank, convention in enumerate(candidates)
    ]
    return max(scored, key=lambda entry: entry[:2])[2]


def _score(offsets: OffsetMap, text: str, selections: list[tuple[int, int, str]]) -> int:
    total = 0
    for start, end, name in selections:
        span = offsets.span(start, end)
        if span is None:
            total += _MISPLACED
            continue
        total += _name_score(text[span[0] : span[1]], name)
        total += _WORD_EDGE * (_at_word_edge(text, span[0]) + _at_word_edge(text, span[1]))
    return total


def _name_score(selected: str, name: str) -> int:
    wanted = " ".join(name.split())
    if not wanted:
        return 0
    found = " ".join(selected.split())
    if found == wanted:
        return _NAME_MATCH
    truncated = _ELLIPSIS.sub("", wanted).rstrip()
    if len(truncated) >= 5 and found.startswith(truncated):
        return _NAME_PREFIX
    return 0


def _at_word_edge(text: str, position: int) -> bool:
    if position <= 0 or position >= len(text):
        return True
    return not (text[position - 1].isalnum() and text[position].isalnum())


_UNIT_WORDS = {"codepoint": "characters", "utf16": "UTF-16 units", "utf8": "UTF-8 bytes"}
_KNOWN = {
    "codepoint-crlf2-exclusive": "positions counted as characters, as the REFI-QDA standard asks",
    "utf16-crlf2-exclusive": "positions counted as UTF-16 units with Windows line ends, "
    "as NVivo writes them",
}


def described(name: str) -> str:
    """Return a convention's label in plain words ("positions counted as UTF-16 units with
    Windows line ends, as NVivo writes them"); unknown labels are returned unchanged."""
    parts = name.split("-")
    if name in _KNOWN or len(parts) not in (3, 4) or parts[0] not in _UNIT_WORDS:
        return _KNOWN.get(name, name)
    words = f"positions counted as {_UNIT_WORDS[parts[0]]}"
    if parts[1] == "crlf1":
        words += ", each Windows line end counted as one"
    if "bom" in parts:
        words += ", the byte-order mark included"
    if parts[-1] == "inclusive":
        words += ", with the end on the last character rather than after it"
    return words


def disagreements(text: str, selections: list[tuple[int, int, str]]) -> int:
    """Return how many (start, end, name) selections quote words found elsewhere in the text
    but not at their own positions: the sign of positions counted in some other way.

    Names that do not occur in the text at all (labels such as "Reference 1") are not counted.
    """
    flat = " ".join(text.split())
    count = 0
    for start, end, name in selections:
        wanted = _ELLIPSIS.sub("", " ".join(name.split())).rstrip()
        if len(wanted) < 5 or wanted not in flat:
            continue
        if not _name_score(text[start:end], name):
            count += 1
    return count
