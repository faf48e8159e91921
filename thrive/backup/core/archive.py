"""The archive layout: a gzip-compressed tar with manifest.json first, then every member.

Members are the database dump (`database.sqlite3` or `database.pgdump`) and the
uploaded files under `files/`. Reading checks every member against the
manifest while copying it to a staging folder, so nothing is restored from an
archive that is damaged, truncated or incomplete.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO

from thrive.backup.core.manifest import MANIFEST_NAME, BackupRefused, Manifest, digest

MANIFEST_MAX_BYTES = 64 * 1024 * 1024
DAMAGED = "This backup is damaged or incomplete ({why}); nothing was restored."


def tar_info(name: str, size: int) -> tarfile.TarInfo:
    """A plain, owner-neutral entry: restores never depend on who made the backup."""
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.uid, info.gid = size, 0o600, 0, 0
    return info


def write_archive(destination: BinaryIO, manifest: Manifest, staged: Path) -> None:
    """Write the manifest, then each member from the staging folder, to `destination`."""
    body = json.dumps(manifest.as_dict(), indent=1).encode()
    with tarfile.open(fileobj=destination, mode="w:gz") as tar:
        tar.addfile(tar_info(MANIFEST_NAME, len(body)), io.BytesIO(body))
        for member in manifest.members:
            with (staged / member.name).open("rb") as handle:
                tar.addfile(tar_info(member.name, member.size), handle)


def read_archive(source: BinaryIO, staging: Path) -> Manifest:
    """Check every member against the manifest, copying each into `staging`; or refuse."""
    try:
        return read_members(source, staging)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        why = str(error).strip() or type(error).__name__
        raise BackupRefused(DAMAGED.format(why=why.rstrip("."))) from None


def read_members(source: BinaryIO, staging: Path) -> Manifest:
    manifest: Manifest | None = None
    seen: set[str] = set()
    with tarfile.open(fileobj=source, mode="r|gz") as tar:
        for info in tar:
            if manifest is None:
                manifest = read_manifest(tar, info)
                continue
            member = manifest.member(info.name)
            if member is None or not info.isfile() or info.name in seen:
                raise BackupRefused(DAMAGED.format(why=f"unexpected member {info.name!r}"))
            seen.add(info.name)
            target = staging / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(info) as stream, target.open("wb") as copy:
                size, sha256 = digest(stream, copy)
            if (size, sha256) != (member.size, member.sha256):
                raise BackupRefused(
                    DAMAGED.format(why=f"{member.name} does not match its checksum")
                )
    if manifest is None:
        raise BackupRefused("This file is not a Thrive backup (it holds no manifest).")
    missing = [m.name for m in manifest.members if m.name not in seen]
    if missing:
        raise BackupRefused(DAMAGED.format(why=f"{len(missing)} members missing"))
    return manifest


def read_manifest(tar: tarfile.TarFile, info: tarfile.TarInfo) -> Manifest:
    if info.name != MANIFEST_NAME or not info.isfile() or info.size > MANIFEST_MAX_BYTES:
        raise BackupRefused("This file is not a Thrive backup (it does not start with a manifest).")
    with tar.extractfile(info) as stream:
        try:
            data = json.loads(stream.read())
        except (ValueError, UnicodeDecodeError):
            raise BackupRefused("This backup's manifest is damaged.") from None
    return Manifest.from_dict(data)
