"""Uploaded files, read from and written to Django's storage (the data folder or S3)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from thrive.backup.core.manifest import BackupRefused, Member, digest, file_member_name


def stored_names(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, walking its folders; nothing when it is empty."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, name) if folder else name)


def copy_out(staged: Path, storage: Storage | None = None) -> list[Member]:
    """Copy every stored file into the staging folder under files/, with its checksum."""
    storage = storage or default_storage
    members = []
    for name in stored_names(storage):
        member_name = file_member_name(name)
        target = staged / member_name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as stream, target.open("wb") as copy:
                size, sha256 = digest(stream, copy)
        except FileNotFoundError:
            target.unlink(missing_ok=True)  # deleted while we walked: it is no longer kept
            continue
        members.append(Member(member_name, size, sha256))
    return members


def has_files(storage: Storage | None = None) -> bool:
    return next(stored_names(storage), None) is not None


def copy_in(source: Path, name: str, storage: Storage | None = None) -> None:
    """Save one file under exactly its old name (the database refers to it by that name)."""
    storage = storage or default_storage
    with source.open("rb") as handle:
        saved = storage.save(name, File(handle, name=posixpath.basename(name)))
    if saved != name:
        storage.delete(saved)
        raise BackupRefused(f"The storage would not keep {name} under its own name.")
