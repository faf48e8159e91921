"""Recorded interviews in: audio heard by the local speech model, stored as timed transcripts.

A recording uploaded on the page is kept with `thrive.files.store` (subject "job" while it
waits, so a queued transcription survives a restart) and transcribed by a background job
that reports progress and the time left; `thrive inquiry add-transcript` transcribes in its
own process with a progress bar. Either way the words become a timed transcript whose
speakers are guessed (interviewer first, then turns at long pauses), the audio is kept under
the transcript, and a Recording says how and by which model it was heard. Nothing leaves
the machine. The retention rule (audio deleted once the participant approves) lives on
`Recording`; `sweep_approved_audio` catches anything it missed, for housekeeping.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.files.store import forget, keep, kept
from thrive.inquiry.core.audio import AudioError, check_heard, decoded, is_audio, media_type
from thrive.inquiry.core.formats import MAX_FILE_BYTES
from thrive.inquiry.core.speech import Heard, said_duration, said_time_left, transcribe
from thrive.inquiry.core.timing import guess_speakers
from thrive.inquiry.models import Inquiry, Participant, Recording, Transcript
from thrive.inquiry.transcript_import import free_title
from thrive.jobs.models import Job
from thrive.jobs.registry import job_kind
from thrive.lib.uploads import MB, megabytes, size_limit

KIND = "transcription"
SUBJECT = "job"
MAX_AUDIO_BYTES = 100 * MB
MAX_AUDIO_SECONDS = 3 * 60 * 60
PARTICIPANT = "Participant"

Report = Callable[[float, float, float | None], None]


def max_audio_bytes() -> int:
    """The largest recording accepted (THRIVE_MAX_AUDIO_BYTES); text files keep 5 MB."""
    return getattr(settings, "THRIVE_MAX_AUDIO_BYTES", MAX_AUDIO_BYTES)


def size_problem(name: str, size: int) -> str:
    """The one sentence refusing a file over its limit, or "" when it is within it."""
    limit = max_audio_bytes() if is_audio(name) else MAX_FILE_BYTES
    if size <= limit:
        return ""
    return f"{name} is {size / MB:.1f} MB; the limit is {megabytes(limit)}, so nothing was added."


def within_size_limit(upload: object) -> None:
    """Form validator: a recording may be up to the audio limit, any other file 5 MB, by the
    size Django counted while streaming it."""
    name = getattr(upload, "name", "") or ""
    size_limit(max_audio_bytes() if is_audio(name) else MAX_FILE_BYTES)(upload)


def owner_for(inquiry: Inquiry, name: str, chosen: Participant | None) -> Participant | None:
    """The chosen participant, or the one the file is named after (P8.m4a is P8's)."""
    if chosen is not None:
        return chosen
    stem = PurePosixPath(name.replace("\\", "/")).stem.casefold()
    return next((p for p in inquiry.participants.active() if p.label.casefold() == stem), None)


def hear(name: str, data: bytes, progress: Report | None = None) -> Heard:
    """Decode and transcribe one recording on this machine; AudioError in one sentence."""
    samples = decoded(data, name, max_seconds=MAX_AUDIO_SECONDS)
    heard = transcribe(
        samples,
        folder=getattr(settings, "THRIVE_SPEECH_MODEL", ""),
        language=getattr(settings, "THRIVE_SPEECH_LANGUAGE", ""),
        progress=progress,
    )
    if not heard.cues:
        raise AudioError(f"No speech was heard in {name}.")
    return heard


def store_recording(
    inquiry: Inquiry,
    name: str,
    data: bytes,
    heard: Heard,
    participant: Participant | None,
    user=None,
) -> Transcript:
    """The heard words as a timed transcript with guessed speakers, the audio kept under it,
    and its Recording; call inside a transaction so a failure stores nothing."""
    label = participant.label if participant else PARTICIPANT
    taken = set(Transcript.objects.filter(inquiry=inquiry).values_list("title", flat=True))
    title = free_title(PurePosixPath(name.replace("\\", "/")).stem, taken, "recording")
    cues = guess_speakers(heard.cues, label or PARTICIPANT)
    transcript = inquiry.add_timed_transcript(title, cues, participant, user)
    stored = keep(
        data, name, kind="audio", subject_type="transcript", subject_id=transcript.pk, user=user
    )
    Recording.objects.create(
        transcript=transcript,
        original=stored,
        media_type=media_type(name),
        duration_ms=round(heard.duration * 1000),
        speech_model=heard.model,
        transcribed_at=timezone.now(),
    )
    return transcript


# The page: a job per recording --------------------------------------------------------------


def start_transcriptions(
    inquiry: Inquiry, files: list[tuple[str, bytes]], participant: Participant | None, user
) -> list[Job]:
    """Check every recording can be heard, then keep each and queue its transcription.

    All or nothing: a file over the limit, or not audio, or too broken to decode is refused
    here with one sentence, and no job starts.
    """
    for name, data in files:
        problem = size_problem(name, len(data))
        if problem:
            raise AudioError(problem)
        check_heard(data, name)
    jobs = []
    with transaction.atomic():
        for name, data in files:
            owner = owner_for(inquiry, name, participant)
            job = Job.start(
                KIND,
                f"Transcription of “{name}”",
                user=user,
                params={
                    "inquiry": inquiry.pk,
                    "participant": owner.pk if owner else None,
                    "name": name,
                    "size": len(data),
                },
            )
            keep(data, name, kind="audio", subject_type=SUBJECT, subject_id=job.pk, user=user)
            jobs.append(job)
    return jobs


def kept_audio(job: Job) -> bytes:
    data = kept(SUBJECT, job.pk)
    if data is None:
        raise AudioError("The recording is no longer stored; please upload it again.")
    return data


def progress_for(job: Job) -> Report:
    """Progress in whole seconds of the recording heard, with the time left in words."""

    def report(heard: float, duration: float, left: float | None) -> None:
        message = f"Transcribing, {said_time_left(left)}"
        job.report_progress(int(heard), max(1, int(duration)), message)

    return report


@job_kind(KIND)
def run_transcription(job: Job) -> dict[str, Any]:
    """Hear the kept recording and store its timed transcript; the kept upload is forgotten
    whether or not it worked (the audio is kept again under the new transcript)."""
    params = job.params
    try:
        inquiry = Inquiry.objects.filter(pk=params.get("inquiry")).first()
        if inquiry is None:
            raise AudioError("The inquiry this recording was for no longer exists.")
        participant = None
        if params.get("participant"):
            participant = Participant.objects.active().filter(pk=params["participant"]).first()
            if participant is None:
                raise AudioError("The participant this recording was for has withdrawn.")
        name = params.get("name") or "recording"
        data = kept_audio(job)
        job.report_progress(0, 1, "Listening to the recording")
        heard = hear(name, data, progress_for(job))
        with transaction.atomic():
            transcript = store_recording(inquiry, name, data, heard, participant, job.started_by)
            record(
                None, Action.CREATE, "transcript", transcript.pk, "recording", user=job.started_by
            )
    finally:
        forget(SUBJECT, [job.pk])
    lines = len(heard.cues)
    job.report_progress(
        1,
        1,
        f"Transcribed “{transcript.title}” ({said_duration(heard.duration)} of recording, "
        f"{lines} line{'s' if lines != 1 else ''}); please check it against the recording.",
    )
    return {
        "url": reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]),
        "label": "Check the transcript",
        "transcript": transcript.pk,
    }


# Retention ----------------------------------------------------------------------------------


def sweep_approved_audio() -> int:
    """Delete the audio the retention rule says should already be gone (for housekeeping)."""
    why = "housekeeping: the participant approved the transcript"
    removed = 0
    for recording in Recording.approved_with_audio():
        with transaction.atomic():
            removed += recording.remove_audio(why)
    return removed
