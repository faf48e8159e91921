"""Run a worker for the configured backend, in this process or beside `thrive serve`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

GRACE_SECONDS = 20


def backend_name() -> str:
    """`database` or `rq`, as THRIVE_JOBS_BACKEND chose."""
    backend = settings.TASKS["default"]["BACKEND"]
    return "rq" if backend.startswith("django_tasks_rq") else "database"


def where() -> str:
    """Where jobs wait, in words, for the worker's first line."""
    if backend_name() == "rq":
        url = settings.RQ_QUEUES["default"]["URL"]
        return f"Redis at {url.split('@')[-1]}"
    return "the database"


def run_worker(*, batch: bool = False, quiet: bool = False) -> None:
    """Take jobs from the queue and run them until stopped (or, with batch, until none wait)."""
    verbosity = 0 if quiet else 1
    if backend_name() == "rq":
        call_command(
            "rqworker",
            "default",
            job_class="django_tasks_rq.Job",
            burst=batch,
            verbosity=verbosity,
        )
        return
    call_command(
        "db_worker",
        queue_name="default",
        batch=batch,
        reload=False,
        startup_delay=False,
        interval=1,
        verbosity=verbosity,
    )


def start_beside_server() -> subprocess.Popen:
    """One worker process beside the web server, sharing its settings and environment."""
    return subprocess.Popen(  # our own interpreter and module, no shell
        [sys.executable, "-m", "thrive", "worker", "--quiet"],
        env=os.environ.copy(),
        start_new_session=True,  # Ctrl+C reaches the server only; it then stops the worker
    )


def stop(process: subprocess.Popen) -> None:
    """Ask the worker to finish its current job and stop; stop it hard if it takes too long."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
