"""A job records who started it, its progress and its result or one-line error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_tasks_db.models import DBTaskResult

from thrive.jobs.models import Job, one_line

pytestmark = pytest.mark.django_db(transaction=True)


def start(kind: str, user=None, **params) -> Job:
    from django.db import transaction

    with transaction.atomic():
        return Job.start(kind, f"Test job {kind}", user=user, params=params)


def test_it_waits_in_the_database_until_a_worker_runs_it(worker, run_waiting_jobs):
    job = start("test_count", user=worker, total=4)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.task_id == str(DBTaskResult.objects.get().id)
    assert job.status_line == "Waiting for a worker to start it."

    run_waiting_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.started_by == worker
    assert (job.done, job.total, job.percent) == (4, 4, 100)
    assert job.result == {"counted": 4, "url": "/jobs/", "label": "See your jobs"}
    assert job.started_at <= job.finished_at
    assert job.error == ""


def test_it_survives_a_restart_because_the_queue_is_the_database(worker, run_waiting_jobs):
    from asgiref.local import Local
    from django import db
    from django_tasks import task_backends

    job = start("test_count", user=worker)
    db.connections.close_all()
    task_backends._connections = Local()  # forget the backend, as a new process would

    run_waiting_jobs()

    assert Job.objects.get(pk=job.pk).status == Job.Status.DONE


def test_it_keeps_one_line_of_an_error_and_never_the_traceback(worker, run_waiting_jobs):
    job = start("test_boom", user=worker)
    run_waiting_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "The file has no header row."
    assert job.status_line == "It did not finish: The file has no header row."
    assert job.finished_at is not None


def test_it_refuses_a_kind_nobody_registered(worker):
    with pytest.raises(ImproperlyConfigured, match="no_such_kind"):
        start("no_such_kind", user=worker)
    assert not Job.objects.exists()


def test_it_queues_nothing_when_the_transaction_is_rolled_back(worker):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Job.start("test_count", "Rolled back", user=worker)
        raise RuntimeError
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (ValueError("first\nsecond"), "first"),
        (ValueError(""), "Unexpected error (ValueError)."),
        (ValueError("x" * 400), "x" * 299 + "…"),
    ],
)
def test_it_shortens_errors_to_one_line(error, line):
    assert one_line(error) == line


def test_it_reports_progress_as_a_whole_percent(worker):
    job = Job.objects.create(kind="test_count", title="Counting", started_by=worker)
    job.mark_running()
    job.report_progress(420_000, 1_000_000, "Running the numbers")
    job = Job.objects.get(pk=job.pk)
    assert job.percent == 42
    assert job.status_line == "Running the numbers — 42% done."
