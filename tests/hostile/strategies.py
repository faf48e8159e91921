"""Generated hostile input shared by the property tests."""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st

# Printable text of any script, with the odd awkward character; no surrogates or controls
# (CONTROLS adds those where a browser could send them, in form fields and CSV cells).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@'\",;\n\t"),
    max_size=60,
)
CONTROLS = st.sampled_from(["\x00", "a\x00b", "\x1b[31mred", "\u202eevil", "\r\n", "\x7f"])
NAME_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def one_line(message: str) -> None:
    """A refusal is one plain sentence or a few: never empty, never a traceback."""
    assert message.strip(), "an empty message"
    assert "Traceback" not in message and "\n" not in message, message


@st.composite
def mutated(draw, original: bytes, max_edits: int = 6) -> bytes:
    """The bytes with a few overwritten, deleted or inserted, or cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(0, max_edits))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["set", "delete", "insert", "cut"]))
        if kind == "set":
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[at:]
    return bytes(data)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MEMBER_NAMES = st.sampled_from(
    [
        "project.qde",
        "sources/a.txt",
        "content.xml",
        "word/document.xml",
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "../escape.txt",
        "/absolute.txt",
        "C:/drive.txt",
        "a\\b.txt",
        "mimetype",
    ]
) | NAME_TEXT.filter(bool)
ZIPS = st.dictionaries(MEMBER_NAMES, st.binary(max_size=300), max_size=5).map(zipped)
