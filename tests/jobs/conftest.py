"""Workers run for real, in this process: the database backend's worker and RQ's on Redis.

Tests that run a worker use `transaction=True`, because a worker commits its own
transactions, exactly as it does beside the server.
"""

from __future__ import annotations

import os
import signal

import pytest
from redis import Redis

from thrive.economics.forms import shipped_text
from thrive.economics.models import SavedScenario
from thrive.jobs.registry import job_kind

TEST_REDIS_URL = os.environ.get("THRIVE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@job_kind("test_count")
def count_to(job):
    """A small job for tests: counts in steps, reporting progress each step."""
    total = int(job.params.get("total", 3))
    for done in range(1, total + 1):
        job.report_progress(done, total, "Counting")
    return {"counted": total, "url": "/jobs/", "label": "See your jobs"}


@job_kind("test_boom")
def boom(job):
    raise ValueError("The file has no header row.\nTraceback (most recent call last): …")


@pytest.fixture
def run_waiting_jobs():
    """Run every waiting job with `thrive worker --batch`'s code, then give signals back."""
    from thrive.jobs.worker import run_worker

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def run() -> None:
        try:
            run_worker(batch=True, quiet=True)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return run


@pytest.fixture
def redis_jobs(settings):
    """Jobs go to RQ on the real Redis (database 5, emptied before and after)."""
    redis = Redis.from_url(TEST_REDIS_URL)
    redis.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 600}}

    def run() -> None:
        """What `thrive worker` does on RQ, in this process (RQ's SimpleWorker, burst mode)."""
        import django_rq
        from django_tasks_rq import Job as TaskJob
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=TaskJob)
        SimpleWorker([queue], connection=queue.connection, job_class=TaskJob).work(burst=True)

    yield run
    redis.flushdb()


@pytest.fixture
def saved_scenario(coordinator):
    return SavedScenario.objects.create(
        name="Seven participants", toml=shipped_text("seven_participants"), created_by=coordinator
    )
