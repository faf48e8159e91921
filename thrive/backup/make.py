"""Make a backup: the database, then every uploaded file, then one archive with its manifest.

Everything is staged in a temporary folder beside the output, checksummed, and
the finished archive is moved into place in one step, so a backup that fails
leaves no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone

from thrive import __version__
from thrive.backup import database, uploads
from thrive.backup.core.archive import write_archive
from thrive.backup.core.manifest import BackupRefused, Manifest, Member, digest
from thrive.backup.core.sealing import seal


@dataclass
class Made:
    """What a backup holds, for the command's report."""

    path: Path
    manifest: Manifest
    size: int
    sealed: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bytes": self.size,
            "encrypted": self.sealed,
            "database": self.manifest.database_vendor,
            "files": len(self.manifest.file_members),
            "schema": self.manifest.schema,
            "created_at": self.manifest.created_at,
        }


def make_backup(out: Path, *, passphrase: str | None = None) -> Made:
    """Write one consistent archive of this installation to `out` (which must not exist)."""
    out = out.expanduser().resolve()
    if out.exists():
        raise BackupRefused(f"{out} already exists; choose a new name for the backup.")
    if not out.parent.is_dir():
        raise BackupRefused(f"The folder {out.parent} does not exist.")
    with tempfile.TemporaryDirectory(prefix=".thrive-backup-", dir=out.parent) as temporary:
        staged = Path(temporary) / "staged"
        staged.mkdir()
        schema = database.schema_version()
        name = database.dump_name()
        version = database.dump(staged / name)
        with (staged / name).open("rb") as handle:
            members = [Member(name, *digest(handle))]
        members += uploads.copy_out(staged)
        manifest = Manifest(
            thrive_version=__version__,
            created_at=timezone.now().isoformat(timespec="seconds"),
            database_vendor=database.vendor(),
            database_version=version,
            schema=schema,
            members=members,
        )
        archive = Path(temporary) / "archive"
        with archive.open("wb") as handle:
            write_archive(handle, manifest, staged)
        if passphrase:
            archive.write_bytes(seal(archive.read_bytes(), passphrase))
        archive.chmod(0o600)
        os.replace(archive, out)
    return Made(out, manifest, out.stat().st_size, bool(passphrase))
