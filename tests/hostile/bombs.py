"""Real ZIP bombs, built in well under a second: a deflate block repeated, not compressed anew.

A block ended with a full flush is byte-aligned and refers to nothing before it, so the same
compressed block written N times is the honest deflate stream of its text N times over.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

MB = 1024 * 1024
_CHUNK = MB


@dataclass(frozen=True)
class Member:
    name: str
    packed: bytes  # raw deflate stream
    crc: int
    size: int


def deflated(data: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member("", compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def repeated(name: str, head: bytes, body: bytes, times: int, tail: bytes) -> Member:
    """A member holding head + body * times + tail, packed as one honest deflate stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(body) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(body, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(body) * times + len(tail)
    return Member(name, start + block * times + end, crc, size)


def zip_bytes(members: list[Member]) -> bytes:
    """A ZIP archive (deflate, no ZIP64) of the given members."""
    out, central = bytearray(), bytearray()
    for member in members:
        name = member.name.encode("utf-8")
        offset = len(out)
        fields = (20, 0, 8, 0, 0x21, member.crc, len(member.packed), member.size, len(name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + member.packed
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + name
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


def small(name: str, text: str) -> Member:
    packed = deflated(text.encode("utf-8"))
    return Member(name, packed.packed, packed.crc, packed.size)


_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-"
_XML = '<?xml version="1.0" encoding="UTF-8"?>'


def _types(*overrides: tuple[str, str]) -> str:
    parts = "".join(f'<Override PartName="{p}" ContentType="{_CT}{t}"/>' for p, t in overrides)
    return (
        f'{_XML}<Types xmlns="{_PKG}/content-types">'
        f'<Default Extension="rels" ContentType="{_CT}package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>'
    )


def _rels(kind: str, target: str) -> str:
    return (
        f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/{kind}" Target="{target}"/></Relationships>'
    )


_SHEET = "officedocument.spreadsheetml"
_WORKBOOK = (
    f'{_XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_REL}"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


@lru_cache(maxsize=4)
def xlsx_bomb(unpacked_mb: int = 2000) -> bytes:
    """A spreadsheet whose first cell holds `unpacked_mb` MB of one letter (1 KB per MB packed)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    tail = b"</t></is></c></row></sheetData></worksheet>"
    sheet = repeated("xl/worksheets/sheet1.xml", head, b"A" * _CHUNK, unpacked_mb, tail)
    return zip_bytes(
        [
            small(
                "[Content_Types].xml",
                _types(
                    ("/xl/workbook.xml", f"{_SHEET}.sheet.main+xml"),
                    ("/xl/worksheets/sheet1.xml", f"{_SHEET}.worksheet+xml"),
                ),
            ),
            small("_rels/.rels", _rels("officeDocument", "xl/workbook.xml")),
            small("xl/workbook.xml", _WORKBOOK),
            small("xl/_rels/workbook.xml.rels", _rels("worksheet", "worksheets/sheet1.xml")),
            sheet,
        ]
    )


@lru_cache(maxsize=4)
def docx_bomb(unpacked_mb: int = 500) -> bytes:
    """A Word document whose one paragraph holds `unpacked_mb` MB of one letter."""
    content_types = _types(
        ("/word/document.xml", "officedocument.wordprocessingml.document.main+xml")
    )
    rels = _rels("officeDocument", "word/document.xml")
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>"
    )
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    body = repeated("word/document.xml", head, b"A" * _CHUNK, unpacked_mb, tail)
    return zip_bytes(
        [small("[Content_Types].xml", content_types), small("_rels/.rels", rels), body]
    )


@lru_cache(maxsize=4)
def odt_bomb(unpacked_mb: int = 500) -> bytes:
    """An OpenDocument text whose one paragraph holds `unpacked_mb` MB of one letter."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        b"<office:body><office:text><text:p>"
    )
    tail = b"</text:p></office:text></office:body></office:document-content>"
    mimetype = small("mimetype", "application/vnd.oasis.opendocument.text")
    content = repeated("content.xml", head, b"A" * _CHUNK, unpacked_mb, tail)
    return zip_bytes([mimetype, content])


@lru_cache(maxsize=4)
def qdpx_bomb(unpacked_mb: int = 1000) -> bytes:
    """A REFI-QDA project whose one source unpacks to `unpacked_mb` MB."""
    qde = small(
        "project.qde",
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Bomb"/>',
    )
    source = repeated("sources/a.txt", b"", b"A" * _CHUNK, unpacked_mb, b"")
    return zip_bytes([qde, source])
