"""A job: who started it, how far it has got, and its result or one-line error."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

ERROR_LENGTH = 300


def one_line(error: BaseException | str) -> str:
    """The first line of an error, short enough for a status line; never a traceback."""
    text = str(error).strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        first = f"Unexpected error ({type(error).__name__})."
    return first if len(first) <= ERROR_LENGTH else first[: ERROR_LENGTH - 1] + "…"


class Job(models.Model):
    """One piece of long work, run by a worker; the page a person watches reads this row."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.CharField(max_length=ERROR_LENGTH, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="jobs_by_person")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="jobs_status_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    # Starting ---------------------------------------------------------------

    @classmethod
    def start(
        cls, kind: str, title: str, *, user=None, params: dict[str, Any] | None = None
    ) -> Job:
        """Record a new job and hand it to a worker once the surrounding transaction commits."""
        from thrive.jobs.registry import function_for

        function_for(kind)  # refuse an unknown kind now, not in the worker
        job = cls.objects.create(
            kind=kind,
            title=title[:200],
            params=params or {},
            started_by=user if getattr(user, "is_authenticated", False) else None,
        )
        transaction.on_commit(job.enqueue)
        return job

    def enqueue(self) -> None:
        """Put the job on the configured queue (database or Redis) and keep the task id."""
        task_result = run_job.enqueue(self.pk)
        Job.objects.filter(pk=self.pk).update(task_id=str(task_result.id))
        self.task_id = str(task_result.id)

    # Progress, written by the worker -------------------------------------------

    def mark_running(self) -> None:
        self._update(status=self.Status.RUNNING, started_at=timezone.now(), error="")

    def report_progress(self, done: int, total: int, message: str = "") -> None:
        """How far the job has got; saved at once so the person's page can show it."""
        fields: dict[str, Any] = {"done": max(0, min(done, total)), "total": max(0, total)}
        if message:
            fields["message"] = message[:200]
        self._update(**fields)

    def finish(self, result: dict[str, Any] | None = None, message: str = "") -> None:
        fields: dict[str, Any] = {
            "status": self.Status.DONE,
            "result": result or {},
            "finished_at": timezone.now(),
        }
        if self.total:
            fields["done"] = self.total
        if message:
            fields["message"] = message[:200]
        self._update(**fields)

    def fail(self, error: BaseException | str) -> None:
        self._update(status=self.Status.FAILED, error=one_line(error), finished_at=timezone.now())

    def _update(self, **fields: Any) -> None:
        """Write only these fields, so progress never overwrites anything else."""
        for name, value in fields.items():
            setattr(self, name, value)
        Job.objects.filter(pk=self.pk).update(**fields)

    # Reading ----------------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        """Whole percent done; 100 once done, 0 while nothing is known."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, (100 * self.done) // self.total)

    @property
    def status_line(self) -> str:
        """One plain sentence for the page and for screen readers."""
        if self.status == self.Status.QUEUED:
            return "Waiting for a worker to start it."
        if self.status == self.Status.RUNNING:
            what = self.message or "Working"
            return f"{what} — {self.percent}% done." if self.total else f"{what}…"
        if self.status == self.Status.DONE:
            return self.message or "Finished."
        return f"It did not finish: {self.error}"

    @property
    def result_url(self) -> str:
        """Where the finished work can be seen, if anywhere."""
        return (self.result or {}).get("url", "")

    @property
    def result_label(self) -> str:
        return (self.result or {}).get("label", "See the result")


logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> str:
    """Run one job; any error becomes the job's one-line error, never a traceback on screen."""
    from thrive.jobs.registry import function_for

    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.is_finished:
        return job.status
    job.mark_running()
    try:
        result = function_for(job.kind)(job)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.fail(error)
    else:
        job.finish(result)
    return job.status
