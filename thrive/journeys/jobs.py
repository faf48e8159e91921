"""Large imports of people and outcomes run as a job; small files are imported in the request.

The page keeps the uploaded bytes with `thrive.files.store` (the data folder or object
storage, so a queued import survives a restart) and the job reads them back, runs the
same all-or-nothing `import_file`, and forgets them whether it succeeds or not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.files.store import forget, keep, kept
from thrive.jobs.models import Job
from thrive.jobs.registry import job_kind
from thrive.journeys.people_import import ImportProblem, first_look, import_file, read_rows

INLINE_IMPORT_BYTES = 1_048_576
KIND = "people_import"
SUBJECT = "job"


def inline_limit() -> int:
    """The largest upload imported inside the request (THRIVE_INLINE_IMPORT_BYTES)."""
    return getattr(settings, "THRIVE_INLINE_IMPORT_BYTES", INLINE_IMPORT_BYTES)


def runs_as_job(size: int) -> bool:
    return size > inline_limit()


def kept_bytes(job: Job) -> bytes:
    """The upload the page kept for this job."""
    data = kept(SUBJECT, job.pk)
    if data is None:
        raise ImportProblem("The uploaded file is no longer stored; please upload it again.")
    return data


def start_import(kind: str, name: str, data: bytes, *, user=None) -> Job:
    """Keep the file and queue its import; the worker starts once this transaction commits.

    The file's size, type and (for XLSX) ZIP directory are checked first, which is quick, so a
    file refused outright is answered on the form and starts no job.
    """
    first_look(name, data)
    with transaction.atomic():
        job = Job.start(
            KIND,
            f"Import of {kind} from “{name}”",
            user=user,
            params={"kind": kind, "name": name, "size": len(data)},
        )
        keep(data, name, kind=KIND, subject_type=SUBJECT, subject_id=job.pk, user=user)
    return job


@job_kind(KIND)
def run_import(job: Job) -> dict[str, Any]:
    """Check every row, then write all or none, as the page does; a refused row fails the job."""
    kind, name = job.params["kind"], job.params["name"]
    try:
        data = kept_bytes(job)
        total = sum(1 for _ in read_rows(name, data))
        job.report_progress(0, total, "Checking rows")
        result = import_file(kind, name, data, dry_run=False)
    finally:
        forget(SUBJECT, [job.pk])
    if result.refused:
        first = result.refused[0]
        raise ImportProblem(
            f"{len(result.refused)} of {result.rows} rows refused; nothing was written. "
            f"First refused: {first}."
        )
    record(
        None,
        Action.CREATE,
        "person",
        "",
        detail=f"imported {result.rows} {result.kind} rows from a file (job)",
        user=job.started_by,
    )
    job.report_progress(total, total, f"Imported {result.rows} {kind} rows.")
    return {
        "kind": result.kind,
        "rows": result.rows,
        "written": result.written,
        "url": reverse("journeys:people"),
        "label": "See the people",
    }
