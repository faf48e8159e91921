"""Open a .qdpx ZIP container and parse its XML without trusting either.

Limits: at most 10,000 members, 500 MB unpacked in total, and no member over 1 MB that
unpacks to more than 100 times its packed size. Member paths must be relative and stay
inside the container (backslashes count as separators). XML may not declare a DTD or
entities. Every problem becomes a RefiError with one plain sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from thrive.inquiry.core.refi.model import RefiError

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_BYTES = 1024 * 1024
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    zlib.error,
)
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Container:
    """A checked .qdpx archive: its project XML member and a case-insensitive member index."""

    archive: zipfile.ZipFile
    qde_name: str
    members: dict[str, zipfile.ZipInfo]

    @property
    def folder(self) -> str:
        """Return the folder holding the .qde file ('' at the top), with a trailing slash."""
        parent = str(PurePosixPath(self.qde_name).parent)
        return "" if parent == "." else parent + "/"

    def find(self, path: str) -> zipfile.ZipInfo | None:
        """Return the member at a relative path (case-insensitive), or None."""
        return self.members.get(safe_member_path(path).lower())

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Return a member's bytes, refusing damaged members."""
        try:
            return self.archive.read(info)
        except ZIP_ERRORS:
            raise RefiError(
                f"The file {info.filename} inside the project is damaged and cannot be read."
            ) from None


def opened_container(data: bytes) -> Container:
    """Return the checked container for .qdpx bytes, or raise RefiError."""
    if not data.startswith(b"PK"):
        raise RefiError("This is not a REFI-QDA project file (.qdpx files are ZIP archives).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise RefiError("The project file is damaged: it is not a readable ZIP archive.") from None
    if len(infos) > MAX_MEMBERS:
        raise RefiError(
            f"The project file holds {len(infos):,} files; the limit is {MAX_MEMBERS:,}."
        )
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        path = safe_member_path(info.filename)
        if info.is_dir() or path.startswith("__MACOSX/"):
            continue
        if info.flag_bits & 0x1:
            raise RefiError("The project file is password-protected; export it without a password.")
        total += info.file_size
        if info.file_size > RATIO_CHECK_BYTES and (
            info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise RefiError(
                f"The file {path} inside the project unpacks to an implausible size; "
                "it was refused as a possible ZIP bomb."
            )
        if path.lower() in members:
            raise RefiError(f"The project file holds {path} twice.")
        members[path.lower()] = info
    if total > MAX_TOTAL_BYTES:
        raise RefiError("The project file unpacks to more than 500 MB, which is over the limit.")
    qde_names = [info.filename for key, info in members.items() if key.endswith(".qde")]
    if not qde_names:
        raise RefiError("The project file holds no .qde project description.")
    if len(qde_names) > 1:
        raise RefiError("The project file holds more than one .qde project description.")
    return Container(archive, safe_member_path(qde_names[0]), members)


def safe_member_path(name: str) -> str:
    """Return a member path with '/' separators, refusing absolute and escaping paths."""
    path = name.replace("\\", "/")
    parts = path.split("/")
    if path.startswith("/") or _DRIVE.match(path) or ".." in parts or "\x00" in path:
        shown = name[:80].replace("\x00", "")
        raise RefiError(f"The project file contains an unsafe path ({shown}) and was refused.")
    return "/".join(part for part in parts if part not in ("", "."))


def parsed_xml(data: bytes, what: str) -> Element:
    """Return the root element of XML bytes parsed with DTDs and entities forbidden."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise RefiError(
            f"The {what} declares a DTD or entities, which are not allowed for safety."
        ) from None
    except (ParseError, ValueError, LookupError, UnicodeError):
        raise RefiError(f"The {what} is not well-formed XML.") from None
