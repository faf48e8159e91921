"""Restore a backup into an empty installation, or refuse with one line and write nothing.

Every check that can fail comes before the first write: the archive is read
whole and each member checked against the manifest, the schema must be one
this Thrive knows, and the database and storage must be empty.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thrive.backup import database, uploads
from thrive.backup.core.archive import read_archive
from thrive.backup.core.manifest import BackupRefused, Manifest, storage_name, unknown_migrations
from thrive.backup.core.sealing import CannotOpen, is_sealed, open_sealed


@dataclass
class Restored:
    manifest: Manifest

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.manifest.database_vendor,
            "files": len(self.manifest.file_members),
            "schema": self.manifest.schema,
            "created_at": self.manifest.created_at,
            "thrive_version": self.manifest.thrive_version,
        }


def restore_backup(path: Path, *, passphrase: str | None = None) -> Restored:
    """Check the whole archive, then load its database and files into this empty installation."""
    if not path.is_file():
        raise BackupRefused(f"There is no backup at {path}.")
    with tempfile.TemporaryDirectory(prefix="thrive-restore-") as temporary:
        staging = Path(temporary)
        with opened(path, passphrase) as source:
            manifest = read_archive(source, staging)
        check_schema(manifest)
        check_target_is_empty()
        database.load(
            staging / manifest.database_member.name,
            manifest.database_vendor,
            manifest.database_version,
        )
        for member in manifest.file_members:
            uploads.copy_in(staging / member.name, storage_name(member.name))
    return Restored(manifest)


def opened(path: Path, passphrase: str | None) -> io.BufferedIOBase:
    """The archive's bytes: the file itself, or its decrypted contents when it is sealed."""
    with path.open("rb") as handle:
        sealed = is_sealed(handle.read(64))
    if not sealed:
        return path.open("rb")
    if not passphrase:
        raise BackupRefused(
            "This backup is encrypted; give its passphrase with --passphrase-file "
            "or THRIVE_BACKUP_PASSPHRASE."
        )
    try:
        return io.BytesIO(open_sealed(path.read_bytes(), passphrase))
    except CannotOpen as problem:
        raise BackupRefused(str(problem)) from None


def check_schema(manifest: Manifest) -> None:
    newer = unknown_migrations(manifest.schema, database.known_migrations())
    if newer:
        raise BackupRefused(
            f"This backup was made by a newer version of Thrive (its database has migration "
            f"{newer[0]}, which this version does not know); upgrade Thrive, then restore."
        )


def check_target_is_empty() -> None:
    if not database.is_empty():
        raise BackupRefused(
            "The database already holds tables; restore only into an empty database "
            "(a new data folder, or a new PostgreSQL database named by DATABASE_URL)."
        )
    if uploads.has_files():
        raise BackupRefused(
            "The uploads storage already holds files; restore only into an empty data folder."
        )
