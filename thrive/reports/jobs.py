"""The study report built as a background job: HTML and PDF kept in the data folder.

The finished files are kept with `thrive.files.store` under the inquiry; a new build
replaces them, and withdrawing or erasing any participant of the inquiry forgets them
(thrive/inquiry/models.py), since they may quote that participant.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thrive.files.models import StoredFile
from thrive.files.store import forget, keep
from thrive.inquiry.models import REPORT_FILES, Inquiry
from thrive.jobs.models import Job
from thrive.jobs.registry import job_kind
from thrive.reports.study_report import Progress, as_html, as_pdf, file_name, gather

KIND = "study_report"
FORMATS = ("html", "pdf")


def build(inquiry: Inquiry, formats: tuple[str, ...], progress: Progress) -> dict[str, bytes]:
    """The report in each format asked for, reporting progress part by part."""
    steps = 6 + len(formats)
    report = gather(inquiry, lambda done, _total, what: progress(done, steps, what))
    made: dict[str, bytes] = {}
    for n, fmt in enumerate(formats):
        progress(6 + n, steps, f"Writing the {fmt.upper()}")
        made[fmt] = as_html(report).encode("utf-8") if fmt == "html" else as_pdf(report)
    progress(steps, steps, "Written")
    return made


def start_build(inquiry: Inquiry, user) -> Job:
    """Queue a build of the HTML and the PDF; the worker starts once this commits."""
    return Job.start(
        KIND, f"Study report of “{inquiry.title}”", user=user, params={"inquiry": inquiry.pk}
    )


def latest_build(inquiry: Inquiry) -> Job | None:
    return Job.objects.filter(kind=KIND, params__inquiry=inquiry.pk).order_by("-pk").first()


def report_files(inquiry: Inquiry) -> dict[str, StoredFile]:
    """The kept files of the last finished build, by format."""
    kept = StoredFile.objects.filter(subject_type=REPORT_FILES, subject_id=str(inquiry.pk))
    found: dict[str, StoredFile] = {}
    for stored in kept.order_by("-uploaded_at", "-pk"):  # newest first, if two builds overlapped
        found.setdefault(stored.kind.removeprefix("study_report_"), stored)
    return found


@job_kind(KIND)
def run_build(job: Job) -> dict[str, Any]:
    """Build both files and keep them in place of the previous build's."""
    inquiry = Inquiry.objects.filter(pk=job.params.get("inquiry")).first()
    if inquiry is None:
        raise ValueError("The inquiry no longer exists.")
    made = build(inquiry, FORMATS, job.report_progress)
    forget(REPORT_FILES, [inquiry.pk])
    for fmt, data in made.items():
        keep(
            data,
            file_name(inquiry, fmt),
            kind=f"study_report_{fmt}",
            subject_type=REPORT_FILES,
            subject_id=inquiry.pk,
            user=job.started_by,
        )
    return {
        "url": reverse("reports:study_report", args=[inquiry.pk]),
        "label": "Download the report",
        "inquiry": inquiry.pk,
    }
