"""Look inside an uploaded ZIP (xlsx, docx, odt, qdpx) before any parser opens it.

Only the central directory is read; nothing is unpacked. An archive is refused when it
holds too many members, declares more unpacked bytes in total (or in one member) than the
reader allows, has a large member that unpacks to an implausible multiple of its packed
size, is password-protected, or names a member with an absolute, escaping or doubled path.
Python's zipfile never returns more bytes than a member declares, so checking the declared
sizes bounds what the parser can be made to hold.

Ratio matters only for big members: ordinary text (a transcript of repeated lines) can
compress far better than 100:1 and is harmless at a few megabytes, so the absolute limits
do most of the work and the ratio catches a bomb of many small members that each lie.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

MB = 1024 * 1024
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
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


class ArchiveError(ValueError):
    """An archive refused before it was unpacked; the message is one plain sentence."""


class DamagedArchive(ArchiveError):
    """The bytes are not a readable ZIP archive at all."""


@dataclass(frozen=True)
class ArchiveLimits:
    """What one reader accepts. Sizes are declared unpacked bytes."""

    max_members: int = 1_000
    max_total_bytes: int = 100 * MB
    max_member_bytes: int | None = None
    max_ratio: int = 100
    ratio_floor: int = 8 * MB

    def shown(self, size: int) -> str:
        return f"{size / MB:,.0f} MB" if size >= MB else f"{size / 1024:,.0f} KB"


# Spreadsheets we import are tables of a few thousand rows: generous, but bounded so that
# openpyxl (which holds every shared string) stays well under a few hundred megabytes.
SPREADSHEET = ArchiveLimits(max_members=200, max_total_bytes=80 * MB, max_member_bytes=60 * MB)
# A transcript document: its text is limited to 5 MB later; pictures may make it larger.
DOCUMENT = ArchiveLimits(max_members=2_000, max_total_bytes=100 * MB)
# A REFI-QDA project: many sources, each read one at a time.
PROJECT = ArchiveLimits(max_members=10_000, max_total_bytes=500 * MB, max_member_bytes=200 * MB)


def member_path(name: str) -> str | None:
    """The member's path with '/' separators and no empty or '.' parts; None when unsafe."""
    path = name.replace("\\", "/")
    parts = path.split("/")
    if path.startswith("/") or _DRIVE.match(path) or ".." in parts or "\x00" in path:
        return None
    return "/".join(part for part in parts if part not in ("", "."))


def checked_archive(
    data: bytes | BinaryIO, limits: ArchiveLimits, what: str = "The file"
) -> zipfile.ZipFile:
    """Return the opened archive once its directory passes `limits`, or raise ArchiveError.

    `what` starts each message ("The spreadsheet", "notes.docx").
    """
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        archive = zipfile.ZipFile(source)
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise DamagedArchive(f"{what} is damaged and cannot be read as a ZIP archive.") from None
    if len(infos) > limits.max_members:
        raise ArchiveError(
            f"{what} holds {len(infos):,} files inside; the limit is {limits.max_members:,}."
        )
    seen: set[str] = set()
    total = 0
    implausible = False
    for info in infos:
        path = member_path(info.filename)
        if path is None:
            shown = info.filename[:80].replace("\x00", "")
            raise ArchiveError(f"{what} contains an unsafe path ({shown}) and was refused.")
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise ArchiveError(f"{what} is password-protected; save it without a password.")
        if info.compress_type not in _METHODS:
            raise ArchiveError(f"{what} uses a kind of compression Thrive cannot read.")
        if path.lower() in seen:
            raise ArchiveError(f"{what} holds {path[:80]} twice.")
        seen.add(path.lower())
        size = info.file_size
        total += size
        if limits.max_member_bytes is not None and size > limits.max_member_bytes:
            raise ArchiveError(
                f"{what} holds a part that unpacks to more than "
                f"{limits.shown(limits.max_member_bytes)}, so it was refused."
            )
        if size > limits.ratio_floor and size > limits.max_ratio * max(info.compress_size, 1):
            implausible = True
    if total > limits.max_total_bytes:
        raise ArchiveError(
            f"{what} unpacks to more than {limits.shown(limits.max_total_bytes)} and was refused."
        )
    if implausible:
        raise ArchiveError(
            f"{what} holds a part that unpacks to over {limits.max_ratio} times its "
            "packed size; it was refused as a possible ZIP bomb."
        )
    return archive
