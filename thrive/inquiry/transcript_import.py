"""Transcript import from uploaded files: read them all, store them all or none, keep the files."""

from __future__ import annotations

from pathlib import PurePosixPath

from thrive.files.store import keep
from thrive.inquiry.core.formats import transcripts_from_files
from thrive.inquiry.models import Inquiry, Participant, Transcript


def add_transcript_files(
    inquiry: Inquiry,
    files: list[tuple[str, bytes]],
    participant: Participant | None = None,
    user=None,
) -> list[Transcript]:
    """Read uploaded files and store them all, or none (TranscriptError names the bad ones).

    Without a chosen participant, a file named after a participant's label (P3.docx) is theirs.
    """
    texts = transcripts_from_files(files)
    labels = {p.label.casefold(): p for p in inquiry.participants.active()}
    items = []
    for filename, text in texts:
        stem = PurePosixPath(filename.replace("\\", "/")).stem
        owner = participant or labels.get(stem.casefold())
        items.append((stem, text, owner))
    added = inquiry.add_transcripts(items, user)
    for transcript, (name, data) in zip(added, files, strict=True):
        keep(
            data,
            name,
            kind="upload",
            subject_type="transcript",
            subject_id=transcript.pk,
            user=user,
        )
    return added
