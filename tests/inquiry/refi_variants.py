"""Build .qdpx files the way different QDA tools write them, for import tests.

Each variant writes the same interview and the same three coded passages, but counts
positions, encodes the text file and lays out the container in its own tool's manner.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

LINES = [
    "Interviewer: What changed for you after the café group?",
    "P02: Honestly I felt calmer 😊 and then I started volunteering.",
    "Interviewer: Was anything hard? 🚌",
    "P02: Getting there on the bus was the worst part of it.",
]
PASSAGES = ["I felt calmer", "started volunteering", "the bus was the worst part"]
CODE_GUID = "5C0D1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B"
SOURCE_GUID = "0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3"
SELECTION_GUIDS = [f"A{n}A{n}A{n}A{n}-1111-4222-8333-44445555666{n}" for n in range(3)]


@dataclass(frozen=True)
class Variant:
    """How one tool writes a project: container layout, text file and position counting."""

    tool: str
    qde_name: str
    folder: str
    line_end: str
    encoding: str
    unit: str
    inclusive_end: bool
    with_names: bool
    braces: bool = False
    expected_convention: str = ""


VARIANTS = {
    "nvivo": Variant(
        "NVivo 12",
        "project.qde",
        "Sources",
        "\r\n",
        "utf-8-sig",
        "utf16",
        False,
        True,
        expected_convention="utf16-crlf2-exclusive",
    ),
    "nvivo-unnamed": Variant(
        "NVivo 12",
        "project.qde",
        "Sources",
        "\r\n",
        "utf-8-sig",
        "utf16",
        False,
        False,
        expected_convention="utf16-crlf2-exclusive",
    ),
    "maxqda": Variant(
        "MAXQDA 2022",
        "project.qde",
        "sources",
        "\r\n",
        "utf-8",
        "codepoint",
        False,
        True,
        expected_convention="codepoint-crlf2-exclusive",
    ),
    "atlasti": Variant(
        "ATLAS.ti 23",
        "Member check study.qde",
        "sources",
        "\n",
        "utf-16",
        "codepoint",
        True,
        True,
        braces=True,
        expected_convention="codepoint-crlf2-bom-inclusive",
    ),
    "qualcoder": Variant(
        "QualCoder 3.5",
        "project.qde",
        "sources",
        "\n",
        "utf-8",
        "codepoint",
        False,
        True,
        expected_convention="codepoint-crlf2-exclusive",
    ),
    "bytes": Variant(
        "a byte-counting tool",
        "project.qde",
        "sources",
        "\n",
        "utf-8",
        "utf8",
        False,
        False,
        expected_convention="utf8-crlf2-exclusive",
    ),
}


def variant_text(variant: Variant) -> str:
    """Return the interview text exactly as the variant's text file holds it."""
    return variant.line_end.join(LINES) + variant.line_end


def units_before(text: str, index: int, unit: str) -> int:
    """Return how many units of the given kind precede a code-point index."""
    prefix = text[:index]
    if unit == "utf16":
        return len(prefix.encode("utf-16-le")) // 2
    if unit == "utf8":
        return len(prefix.encode("utf-8"))
    return len(prefix)


def variant_positions(variant: Variant, passage: str) -> tuple[int, int]:
    """Return (start, end) of a passage counted the way the variant's tool counts."""
    text = variant_text(variant)
    index = text.index(passage)
    start = units_before(text, index, variant.unit)
    end = units_before(text, index + len(passage), variant.unit)
    if variant.encoding == "utf-16":
        start, end = start + 1, end + 1
    return start, end - 1 if variant.inclusive_end else end


def variant_qdpx(name: str) -> bytes:
    """Return the .qdpx bytes the named variant's tool would write."""
    variant = VARIANTS[name]
    guid = (lambda g: "{" + g.lower() + "}") if variant.braces else (lambda g: g)
    selections = []
    for number, passage in enumerate(PASSAGES):
        start, end = variant_positions(variant, passage)
        label = f" name={quoteattr(passage)}" if variant.with_names else ""
        selections.append(
            f'<PlainTextSelection guid="{guid(SELECTION_GUIDS[number])}"{label} '
            f'startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="{guid(SELECTION_GUIDS[number][:-4] + "9999")}">'
            f'<CodeRef targetGUID="{guid(CODE_GUID)}"/></Coding></PlainTextSelection>'
        )
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Member check study" origin="{variant.tool}">
  <CodeBook><Codes>
    <Code guid="{guid(CODE_GUID)}" name="Change" isCodable="true" color="#112233"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{guid(SOURCE_GUID)}" name="Interview P02"
        plainTextPath="internal://{SOURCE_GUID}.txt">{"".join(selections)}</TextSource>
  </Sources>
</Project>"""
    files = {
        variant.qde_name: qde.encode("utf-8"),
        f"{variant.folder}/{SOURCE_GUID}.txt": variant_text(variant).encode(variant.encoding),
    }
    return zipped(files)


def zipped(files: dict[str, bytes]) -> bytes:
    """Return a ZIP archive holding the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
