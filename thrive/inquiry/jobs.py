"""Jobs of the inquiry area: large REFI-QDA project imports and passage vectors.

Large imports run as a job; small ones are imported in the request.

The page keeps the uploaded .qdpx with `thrive.files.store` (the data folder or object
storage, so a queued import survives a restart); the job reads it back, runs the same
all-or-nothing `import_project` (which records the audit event for the new inquiry with
the job's starter as the person) and forgets the kept file.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from thrive.files.store import forget, keep, kept
from thrive.inquiry import meaning, recordings, refi_projects, suggestions
from thrive.inquiry.core.refi import RefiError
from thrive.inquiry.core.refi.container import opened_container
from thrive.inquiry.models import PASSAGE_VECTORS_JOB, Inquiry
from thrive.jobs.models import Job
from thrive.jobs.registry import job_kind

INLINE_IMPORT_BYTES = 1_048_576
KIND = "project_import"
TRANSCRIPTION = recordings.KIND  # registered by thrive.inquiry.recordings
SUBJECT = "job"
MAX_WARNINGS = 20


def inline_limit() -> int:
    """The largest upload imported inside the request (THRIVE_INLINE_IMPORT_BYTES)."""
    return getattr(settings, "THRIVE_INLINE_IMPORT_BYTES", INLINE_IMPORT_BYTES)


def runs_as_job(size: int) -> bool:
    return size > inline_limit()


def start_import(
    name: str, data: bytes, *, title: str | None, user, misplaced_ok: bool = False
) -> Job:
    """Keep the project file and queue its import; the worker starts once this commits.

    The ZIP container is checked first (its directory only, which is quick), so a file that
    is not a project, or is refused as unsafe, is answered on the form and starts no job.
    """
    opened_container(data)
    with transaction.atomic():
        job = Job.start(
            KIND,
            f"Import of the project “{name}”",
            user=user,
            params={
                "name": name,
                "title": title or "",
                "size": len(data),
                "misplaced_ok": misplaced_ok,
            },
        )
        keep(data, name, kind=KIND, subject_type=SUBJECT, subject_id=job.pk, user=user)
    return job


def kept_bytes(job: Job) -> bytes:
    data = kept(SUBJECT, job.pk)
    if data is None:
        raise RefiError("The uploaded file is no longer stored; please upload it again.")
    return data


@job_kind(KIND)
def run_import(job: Job) -> dict[str, Any]:
    """Import the project as a new inquiry with the person who started the job on its team."""
    user = job.started_by
    try:
        if user is None:
            raise RefiError("The account that started this import no longer exists.")
        data = kept_bytes(job)
        job.report_progress(0, 1, "Reading the project")
        inquiry, warnings, conventions = refi_projects.import_project(
            data,
            user=user,
            title=job.params.get("title") or None,
            misplaced_ok=bool(job.params.get("misplaced_ok")),
        )
    finally:
        forget(SUBJECT, [job.pk])
    count = inquiry.transcripts.count()
    job.report_progress(
        1, 1, f"Imported “{inquiry.title}” with {count} transcript{'s' if count != 1 else ''}."
    )
    return {
        "url": reverse("inquiry:detail", args=[inquiry.pk]),
        "label": "Open the inquiry",
        "inquiry": inquiry.pk,
        "transcripts": count,
        "warnings": list(warnings)[:MAX_WARNINGS],
        "conventions": sorted(set(conventions.values())),
    }


@job_kind(suggestions.KIND)
def run_suggestions(job: Job) -> dict[str, Any]:
    """Compute the inquiry's missing passage vectors, then measure suggestions against the
    coding (the whole team's, or the blind coder's own) and keep the figures."""
    inquiry = Inquiry.objects.get(pk=job.params["inquiry"])

    def progress(done: int, total: int) -> None:
        job.report_progress(done, total + 1, "Reading the passages")

    figures = suggestions.evaluate(inquiry, job.params.get("coder"), progress)
    kappa = figures["overall"]["kappa"]
    job.report_progress(
        1,
        1,
        "Measured the suggestions."
        if kappa is None
        else f"Suggestions agreed with the coding: kappa {kappa:.2f} over "
        f"{figures['passages']} passages.",
    )
    return {"url": job.params.get("back", ""), "label": "Back to the suggestions"}


@job_kind(PASSAGE_VECTORS_JOB)
def run_passage_vectors(job: Job) -> dict[str, Any]:
    """Work out the vectors of an inquiry's new or changed passages, for search by meaning."""
    inquiry = Inquiry.objects.filter(pk=job.params.get("inquiry")).first()
    if inquiry is None:
        raise ValueError("The inquiry no longer exists.")
    computed = meaning.refresh_vectors(
        inquiry,
        lambda done, total: job.report_progress(done, total, "Reading the passages"),
    )
    job.report_progress(
        computed,
        computed,
        f"Read {computed} new or changed passage{'s' if computed != 1 else ''}; "
        "search by meaning is ready.",
    )
    return {
        "url": reverse("inquiry:search", args=[inquiry.pk]) + "?how=meaning",
        "label": "Search by meaning",
        "inquiry": inquiry.pk,
        "computed": computed,
    }
