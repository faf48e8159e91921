"""Malformed and hostile .qdpx files, built by code, each with words its refusal must use."""

from __future__ import annotations

import io
import zipfile

from tests.inquiry.refi_variants import zipped

CODE = "11111111-2222-4333-8444-555555555555"
SOURCE = "22222222-3333-4444-8555-666666666666"
SELECTION = "33333333-4444-4555-8666-777777777777"
CODING = "44444444-5555-4666-8777-888888888888"
TEXT = "Interviewer: How was the course?\nP05: It helped me find my feet.\n"


def project_xml(sources: str = "", codes: str = "", extra: str = "", prolog: str = "") -> bytes:
    """Return a project description with the given inner XML."""
    codes = codes or f'<Code guid="{CODE}" name="Belonging" isCodable="true"/>'
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="Hostile">'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook>"
        f"<Sources>{sources}</Sources>{extra}</Project>"
    ).encode()


def text_source(selections: str = "", path: str = f"internal://{SOURCE}.txt") -> str:
    """Return a TextSource element pointing at the standard text file."""
    return f'<TextSource guid="{SOURCE}" name="Interview P05" plainTextPath="{path}">{selections}</TextSource>'  # noqa: E501


def selection(start: object = 38, end: object = 61, code: str = CODE, guid: str = SELECTION) -> str:
    """Return a coded PlainTextSelection."""
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="{CODING}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
    )


def package(qde: bytes, text: bytes = TEXT.encode(), **more: bytes) -> bytes:
    """Return a .qdpx with project.qde, the text file and any further members."""
    return zipped({"project.qde": qde, f"sources/{SOURCE}.txt": text, **more})


def zip_bomb() -> bytes:
    """Return a container whose text file unpacks a thousandfold."""
    return package(project_xml(text_source()), text=b" " * (30 * 1024 * 1024))


def many_members() -> bytes:
    """Return a container with more members than allowed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", project_xml())
        for number in range(10_001):
            archive.writestr(f"sources/{number}.txt", b"")
    return buffer.getvalue()


def encrypted_member() -> bytes:
    """Return a container whose project description is marked as encrypted."""
    data = bytearray(zipped({"project.qde": project_xml()}))
    central = data.index(b"PK\x01\x02")
    data[6] |= 0x1
    data[central + 8] |= 0x1
    return bytes(data)


def deep_codes(depth: int) -> str:
    """Return codes nested depth levels deep."""
    inner = ""
    for level in range(depth, 0, -1):
        inner = (
            f'<Code guid="{level:08X}-0000-4000-8000-000000000000" name="Level {level}" '
            f'isCodable="true">{inner}</Code>'
        )
    return inner


LAUGHS = (
    '<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL = '<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'

HOSTILE = {
    "not a zip": (b"This is a plain text file.", "not a REFI-QDA project"),
    "damaged zip": (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    "empty zip": (zipped({}), "no .qde"),
    "no qde": (zipped({f"sources/{SOURCE}.txt": TEXT.encode()}), "no .qde"),
    "two qde": (zipped({"a.qde": project_xml(), "b.qde": project_xml()}), "more than one .qde"),
    "bad xml": (package(project_xml(text_source())[:-20]), "not well-formed"),
    "not a project": (package(b"<Something/>"), "not a REFI-QDA project"),
    "codebook inside": (
        package(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'),
        "only a codebook",
    ),
    "billion laughs": (package(project_xml(prolog=LAUGHS)), "DTD or entities"),
    "external entity": (package(project_xml(prolog=EXTERNAL)), "DTD or entities"),
    "zip bomb": (zip_bomb(), "ZIP bomb"),
    "parent path": (package(project_xml(), **{"../evil.txt": b"x"}), "unsafe path"),
    "absolute member": (package(project_xml(), **{"/etc/evil.txt": b"x"}), "unsafe path"),
    "backslash parent": (package(project_xml(), **{"sources\\..\\..\\x": b"x"}), "unsafe path"),
    "drive letter": (package(project_xml(), **{"C:/evil.txt": b"x"}), "unsafe path"),
    "too many members": (many_members(), "limit is 10,000"),
    "encrypted": (encrypted_member(), "password-protected"),
    "missing source": (zipped({"project.qde": project_xml(text_source())}), "missing"),
    "traversing source path": (
        package(project_xml(text_source(path="internal://../../etc/passwd"))),
        "unsafe path",
    ),
    "absolute source": (
        package(project_xml(text_source(path="absolute://C:/Users/me/interview.txt"))),
        "cannot be carried across",
    ),
    "relative source outside": (
        package(project_xml(text_source(path="relative://interviews/p05.txt"))),
        "outside the project file",
    ),
    "unknown scheme": (
        package(project_xml(text_source(path="ftp://example.org/p05.txt"))),
        "does not understand",
    ),
    "selection beyond text": (
        package(project_xml(text_source(selection(40, 9000)))),
        "outside its text",
    ),
    "selection reversed": (package(project_xml(text_source(selection(50, 40)))), "outside"),
    "position not a number": (
        package(project_xml(text_source(selection("ten", 20)))),
        "not a whole number",
    ),
    "negative position": (package(project_xml(text_source(selection(-5, 20)))), "outside"),
    "undecodable text": (package(project_xml(text_source()), text=b"\xff\xfeA"), "encoding"),
    "duplicate guid": (
        package(project_xml(text_source(selection(guid=CODE)))),
        "used twice",
    ),
    "coding to unknown code": (
        package(project_xml(text_source(selection(code=CODING.replace("4", "9"))))),
        "not in the codebook",
    ),
    "missing guid": (
        package(project_xml(codes='<Code name="No id" isCodable="true"/>')),
        "missing a valid GUID",
    ),
    "note ref to nothing": (
        package(project_xml(text_source(f'<NoteRef targetGUID="{CODING}"/>'))),
        "refers to a note",
    ),
    "set of unknown code": (
        package(
            project_xml(
                extra=f'<Sets><Set guid="{SELECTION}" name="S"><MemberCode targetGUID="{SOURCE}"/>'
                "</Set></Sets>"
            )
        ),
        "refers to a code",
    ),
    "case of unknown source": (
        package(
            project_xml().replace(
                b"<Sources>",
                f'<Cases><Case guid="{SELECTION}" name="P05"><SourceRef targetGUID="{CODING}"/>'
                f"</Case></Cases><Sources>".encode(),
            )
        ),
        "refers to a source",
    ),
    "codes nested too deep": (package(project_xml(codes=deep_codes(60))), "levels deep"),
    "text source without text": (
        package(project_xml(f'<TextSource guid="{SOURCE}" name="Empty"/>')),
        "no plain-text version",
    ),
}
