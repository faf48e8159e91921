"""Keep and forget uploaded originals; the storage backend comes from settings.STORAGES."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from django.core.files.base import ContentFile

from thrive.files.models import StoredFile

SAFE_SUFFIXES = {
    ".txt",
    ".md",
    ".docx",
    ".odt",
    ".rtf",
    ".vtt",
    ".srt",
    ".csv",
    ".xlsx",
    ".qdpx",
    ".qdc",
    ".wav",
    ".mp3",
    ".m4a",
    ".ogg",
    ".webm",
    ".mp4",
}


def stored_name(original: str) -> str:
    """A random file name that keeps a known suffix and never the person's own file name."""
    suffix = PurePath(original).suffix.lower()
    return uuid.uuid4().hex + (suffix if suffix in SAFE_SUFFIXES else ".bin")


def keep(
    data: bytes, name: str, *, kind: str, subject_type: str, subject_id: object, user=None
) -> StoredFile:
    """Save an uploaded original and remember what it belongs to."""
    record = StoredFile(
        kind=kind,
        subject_type=subject_type,
        subject_id=str(subject_id),
        name=name[:255],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record.file.save(stored_name(name), ContentFile(data), save=False)
    record.save()
    return record


def kept(subject_type: str, subject_id: object) -> bytes | None:
    """The bytes of the original kept for this subject, or None when none is kept."""
    stored = StoredFile.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id)
    ).first()
    if stored is None:
        return None
    with stored.file.open("rb") as handle:
        return handle.read()


def forget(subject_type: str, subject_ids: list[object]) -> int:
    """Delete the stored originals of these subjects, files first; returns how many."""
    records = list(
        StoredFile.objects.filter(
            subject_type=subject_type, subject_id__in=[str(i) for i in subject_ids]
        )
    )
    for record in records:
        record.file.delete(save=False)
    StoredFile.objects.filter(pk__in=[r.pk for r in records]).delete()
    return len(records)
