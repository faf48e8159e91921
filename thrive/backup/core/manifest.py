"""The manifest: what a backup holds, with a SHA-256 checksum and size for every member.

It is the archive's first member, so a restore knows what to expect before it
reads anything else, and can refuse a damaged or newer archive before it writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, BinaryIO

FORMAT = "thrive-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """A backup that cannot be restored here; the message is one plain line."""


@dataclass(frozen=True)
class Member:
    """One file in the archive: its name there, its size and its SHA-256."""

    name: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass
class Manifest:
    """Everything a restore checks before it writes: versions, schema, members."""

    thrive_version: str
    created_at: str
    database_vendor: str
    database_version: str
    schema: dict[str, str]
    members: list[Member] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "thrive_version": self.thrive_version,
            "created_at": self.created_at,
            "database": {"vendor": self.database_vendor, "version": self.database_version},
            "schema": dict(sorted(self.schema.items())),
            "members": [member.as_dict() for member in self.members],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        """Read a manifest, refusing anything that is not one this Thrive can understand."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupRefused("This file is not a Thrive backup (its manifest is missing).")
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupRefused(
                f"This backup uses archive format {data.get('format_version')!r}, which this "
                f"version of Thrive does not know; upgrade Thrive to restore it."
            )
        try:
            members = [
                Member(str(m["name"]), int(m["size"]), str(m["sha256"])) for m in data["members"]
            ]
            database = data["database"]
            manifest = cls(
                thrive_version=str(data["thrive_version"]),
                created_at=str(data["created_at"]),
                database_vendor=str(database["vendor"]),
                database_version=str(database.get("version", "")),
                schema={str(app): str(name) for app, name in data["schema"].items()},
                members=members,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackupRefused("This backup's manifest is damaged.") from None
        for member in members:
            check_member_name(member.name)
        return manifest

    def member(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name == name), None)

    @property
    def database_member(self) -> Member:
        found = [m for m in self.members if not m.name.startswith(FILES_PREFIX)]
        if len(found) != 1:
            raise BackupRefused("This backup's manifest is damaged (no single database dump).")
        return found[0]

    @property
    def file_members(self) -> list[Member]:
        return [m for m in self.members if m.name.startswith(FILES_PREFIX)]


def check_member_name(name: str) -> None:
    """Refuse a member name that could point outside the place it is restored to."""
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or ".." in path.parts
        or "\\" in name
        or str(path) != name
        or name == MANIFEST_NAME
    ):
        raise BackupRefused(f"This backup's manifest is damaged (a strange member name {name!r}).")


def file_member_name(storage_name: str) -> str:
    """The archive name of an uploaded file kept under `storage_name`."""
    return FILES_PREFIX + storage_name


def storage_name(member_name: str) -> str:
    """The storage name of an uploaded file from its archive name."""
    return member_name.removeprefix(FILES_PREFIX)


def digest(stream: BinaryIO, copy_to: BinaryIO | None = None) -> tuple[int, str]:
    """Size and SHA-256 of a stream read to its end, optionally copying it as it goes."""
    sha = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        sha.update(chunk)
        size += len(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return size, sha.hexdigest()


def unknown_migrations(archive_schema: dict[str, str], known: dict[str, set[str]]) -> list[str]:
    """Migrations the archive's database has applied that this Thrive does not know.

    Any such migration means the backup was made by a newer Thrive: restoring it
    here would leave tables this code cannot read.
    """
    return sorted(
        f"{app}.{name}" for app, name in archive_schema.items() if name not in known.get(app, set())
    )
