"""Helpers the benchmark scripts share: the machine, a scratch database, a worker, the report."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"


def django_on_its_database() -> None:
    """In a benchmark's worker process: Django set up on the database the environment names,
    migrated, and answering the test client's host; no model hub is asked for anything."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def database_version() -> str:
    """The database's name and version; PostgreSQL is first analysed, as autovacuum would be
    within a minute of a bulk load (SQLite is measured as it comes)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def cpu_model(default: str = "unknown") -> str:
    """The CPU's model name from /proc/cpuinfo, or `default` where it cannot be read."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return default


def machine() -> dict[str, str]:
    """nproc, CPU model, Python version and operating system, as strings for a report."""
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def about_the_run(command: str, *details: str) -> list[str]:
    """A report's Command, Machine (with `details` after it) and Run on lines."""
    info = machine()
    described = f"{info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, {info['system']}"
    return [
        f"- Command: `{command}`",
        "- Machine: " + "; ".join([described, *details]),
        f"- Run on: {time.strftime('%Y-%m-%d')}",
    ]


def load_average() -> str:
    """The load average now, said for a report whose p95 it may have pushed up."""
    return (
        f"load average {os.getloadavg()[0]:.1f} when the report was written (other work on the "
        "machine shows in the p95)"
    )


def postgres_database(url: str, create: bool) -> None:
    """Drop the benchmark's own PostgreSQL database at `url`, then create it again if asked."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def postgres_url(skip: bool, default: str) -> str | None:
    """The scratch PostgreSQL database to use (THRIVE_BENCH_POSTGRES_URL), or None to skip it."""
    return None if skip else os.environ.get("THRIVE_BENCH_POSTGRES_URL", default)


def on_each_database(run: Callable[[dict[str, str]], dict], url: str | None) -> dict[str, dict]:
    """Run a worker on a fresh SQLite data folder, then on a scratch PostgreSQL database."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = run({"THRIVE_DATA_DIR": folder, "DATABASE_URL": ""})
        print("SQLite:", json.dumps(results["SQLite"]), flush=True)
    if url:
        postgres_database(url, create=True)
        try:
            with tempfile.TemporaryDirectory() as folder:
                results["PostgreSQL"] = run({"THRIVE_DATA_DIR": folder, "DATABASE_URL": url})
        finally:
            postgres_database(url, create=False)
        print("PostgreSQL:", json.dumps(results["PostgreSQL"]), flush=True)
    return results


def worker_result(
    command: list[str], env: dict[str, str], *, cwd: Path, timeout: float | None = None
) -> dict:
    """Run a worker with `env` added to ours; its last stdout line, as JSON, is the result."""
    result = subprocess.run(
        command,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise SystemExit(f"The benchmark failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_section(doc: Path, heading: str, text: str) -> None:
    """Replace (or add at the end) only the section under `heading` in `doc`."""
    doc.parent.mkdir(parents=True, exist_ok=True)
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text.rstrip("\n") + "\n\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    doc.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def database_benchmark(
    script: str,
    doc: str,
    heading: str,
    default_pg: str,
    worker: Callable[..., dict],
    report: Callable[..., str],
    **options: int,
) -> dict[str, dict] | None:
    """The command line of a benchmark run on SQLite and then PostgreSQL; returns the results
    by database (None in the worker).

    `script` and `doc` are the benchmark's __file__ and __doc__. `options` are whole-number
    options with their defaults, given as keywords to `worker` (run in a fresh process per
    database, with --worker) and to `report`, which also gets the results by database and the
    command to show; its text replaces the `heading` section of docs/benchmarks.md.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    for name, default in options.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    chosen = {name: getattr(args, name) for name in options}
    if args.worker:
        print(json.dumps(worker(**chosen)))
        return None
    command = [sys.executable, script, "--worker"]
    command += [word for name, value in chosen.items() for word in (f"--{name}", str(value))]
    results = on_each_database(
        lambda env: worker_result(command, env, cwd=ROOT),
        postgres_url(args.skip_postgres, default_pg),
    )
    shown = f".venv/bin/python benchmarks/{Path(script).name}"
    shown += "".join(f" --{n} {v}" for n, v in chosen.items() if v != options[n])
    if args.skip_postgres:
        shown += " --skip-postgres"
    text = report(results, command=shown, **chosen)
    write_section(DOC, heading, text)
    print(text)
    return results
