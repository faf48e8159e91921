"""Transcript import from uploaded files: read them all, store them all or none, keep the files."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db import transaction

from thrive.files.store import keep
from thrive.inquiry.core.formats import is_subtitles, transcript_cues, transcripts_from_files
from thrive.inquiry.core.timing import PARTICIPANT, Cue, guess_speakers
from thrive.inquiry.models import Inquiry, Participant, Transcript

FORMAT_NAMES = {
    ".txt": "text",
    ".md": "Markdown",
    ".docx": "Word",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
    ".vtt": "WebVTT",
    ".srt": "SubRip",
}


def free_title(title: str, taken: set[str], qualifier: str = "") -> str:
    """Return a title no other transcript has: as given, then "P3 (Word)", then "P3 (2)"."""
    title = (title.strip() or "Untitled transcript")[:180]
    if title not in taken:
        return title
    if qualifier and f"{title} ({qualifier})" not in taken:
        return f"{title} ({qualifier})"
    number = 2
    while f"{title} ({number})" in taken:
        number += 1
    return f"{title} ({number})"


def with_speakers(cues: list[Cue], participant: Participant | None) -> list[Cue]:
    """The cues as they are if any names a speaker, else Thrive's first guess at who spoke."""
    if any(cue.speaker for cue in cues):
        return cues
    return guess_speakers(cues, participant.label if participant else PARTICIPANT)


@transaction.atomic
def add_transcript_files(
    inquiry: Inquiry,
    files: list[tuple[str, bytes]],
    participant: Participant | None = None,
    user=None,
) -> list[Transcript]:
    """Read uploaded files and store them all, or none (TranscriptError names the bad ones).

    Without a chosen participant, a file named after a participant's label (P3.docx) is theirs.
    Subtitle files (.vtt, .srt) become timed transcripts, one segment per cue; when no cue
    names its speaker, Thrive guesses them from the pauses, marked as a guess.
    """
    texts = transcripts_from_files(files)
    timed = [transcript_cues(name, data) if is_subtitles(name) else None for name, data in files]
    labels = {p.label.casefold(): p for p in inquiry.participants.active()}
    taken = set(Transcript.objects.filter(inquiry=inquiry).values_list("title", flat=True))
    items = []
    for filename, text in texts:
        path = PurePosixPath(filename.replace("\\", "/"))
        owner = participant or labels.get(path.stem.casefold())
        title = free_title(path.stem, taken, FORMAT_NAMES.get(path.suffix.lower(), ""))
        taken.add(title)
        items.append((title, text, owner))
    added = [
        inquiry.add_transcript(title, text, owner, user)
        if cues is None
        else inquiry.add_timed_transcript(title, with_speakers(cues, owner), owner, user)
        for cues, (title, text, owner) in zip(timed, items, strict=True)
    ]
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
