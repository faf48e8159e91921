"""Open a .qdpx ZIP container and parse its XML without trusting either.

The archive is checked by thrive.core.archives (PROJECT limits: at most 10,000 members,
500 MB unpacked in total, 200 MB in one member, and no member over 8 MB that unpacks to
more than 100 times its packed size, so a long transcript Thrive exported itself imports
again). Member paths must be relative and stay inside the container (backslashes count
as separators). XML may not declare a DTD or entities. Every problem becomes a RefiError
with one plain sentence.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from thrive.core.archives import (
    PROJECT,
    ZIP_ERRORS,
    ArchiveError,
    DamagedArchive,
    checked_archive,
    member_path,
)
from thrive.inquiry.core.refi.model import RefiError


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


BARE_QDE = (
    "This is a project description (.qde) on its own, without the transcripts it points to. "
    "Export a .qdpx from the other tool, or zip the .qde together with the Sources folder "
    "beside it, or run `thrive inquiry import FILE.qde` with the Sources folder beside the file."
)


def opened_container(data: bytes) -> Container:
    """Return the checked container for .qdpx bytes, or raise RefiError."""
    if not data.startswith(b"PK"):
        if b"urn:QDA-XML:project" in data[:4096]:
            raise RefiError(BARE_QDE)
        raise RefiError("This is not a REFI-QDA project file (.qdpx files are ZIP archives).")
    try:
        archive = checked_archive(data, PROJECT, "The project file")
    except DamagedArchive:
        raise RefiError("The project file is damaged: it is not a readable ZIP archive.") from None
    except ArchiveError as error:
        raise RefiError(str(error)) from None
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        path = safe_member_path(info.filename)
        if info.is_dir() or path.startswith("__MACOSX/"):
            continue
        members[path.lower()] = info
    qde_names = [info.filename for key, info in members.items() if key.endswith(".qde")]
    if not qde_names:
        raise RefiError("The project file holds no .qde project description.")
    if len(qde_names) > 1:
        raise RefiError("The project file holds more than one .qde project description.")
    return Container(archive, safe_member_path(qde_names[0]), members)


def safe_member_path(name: str) -> str:
    """Return a member path with '/' separators, refusing absolute and escaping paths."""
    path = member_path(name)
    if path is None:
        shown = name[:80].replace("\x00", "")
        raise RefiError(f"The project file contains an unsafe path ({shown}) and was refused.")
    return path


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


def packed_project(qde: bytes, sources: dict[str, bytes]) -> bytes:
    """Return .qdpx bytes for a bare .qde and the files of the Sources folder beside it
    (by name), as NVivo and MAXQDA write them when asked for the XML alone."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for name, data in sorted(sources.items()):
            archive.writestr(f"sources/{safe_member_path(name)}", data)
    return buffer.getvalue()
