"""`thrive worker` runs jobs; `thrive serve` starts one worker beside itself and stops it.

These run the real command in subprocesses on a SQLite file in a temporary folder.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

START_JOB = (
    "from thrive.lib.commands import setup_django; setup_django(); "
    "from django.db import transaction; "
    "from thrive.economics.models import SavedScenario; "
    "from thrive.economics.forms import shipped_text; from thrive.economics.jobs import start_run; "
    "s = SavedScenario.objects.create(name='S', toml=shipped_text('seven_participants')); "
    "transaction.atomic()(lambda: start_run(s, seed=1, iterations=300_000))()"
)


def environment(tmp_path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": "", "THRIVE_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def thrive(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thrive", *args],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=60,
        check=False,
    )


def queue_a_job(tmp_path) -> None:
    started = subprocess.run(
        [sys.executable, "-c", START_JOB],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        timeout=60,
        check=False,
    )
    assert started.returncode == 0, started.stderr


def job_status(tmp_path) -> str:
    with closing(sqlite3.connect(tmp_path / "thrive.sqlite3")) as database:
        return database.execute("SELECT status FROM jobs_job").fetchone()[0]


def test_it_runs_the_waiting_jobs_with_thrive_worker_batch(tmp_path):
    queue_a_job(tmp_path)
    assert job_status(tmp_path) == "queued"
    result = thrive(tmp_path, "worker", "--batch")
    assert result.returncode == 0, result.stderr
    assert "Thrive worker taking jobs from the database" in result.stdout
    assert job_status(tmp_path) == "done"


def test_it_starts_a_worker_beside_the_server_and_stops_it_with_the_server(tmp_path):
    queue_a_job(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "thrive", "serve", "--port", str(port)],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 45
        while job_status(tmp_path) != "done":
            assert time.monotonic() < deadline, "the worker beside the server never ran the job"
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.2)
        workers = worker_processes(server.pid)
        assert len(workers) == 1
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert all(not os.path.exists(f"/proc/{pid}") for pid in workers)


def worker_processes(parent: int) -> list[int]:
    """Child processes of the server running `thrive worker` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                args = cmdline.read().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and b"worker" in args:
            found.append(int(entry))
    return found
