"""Benchmark: import 10,000 people from CSV on SQLite and PostgreSQL.

Generates a valid CSV and the same file with one bad row, then times, on each
database: the refusal of the bad file (which must name the row), a dry run of
the valid file, and the real import (which must finish in under 30 s).
Writes the figures into the `## Journeys import` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/journeys_import.py [--rows 10000] [--skip-postgres]

PostgreSQL: THRIVE_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/thrive_bench_journeys); the database is
created and dropped by the script.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from common import machine, on_each_database, postgres_url, worker_result, write_section

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Journeys import"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_journeys"
LIMIT_SECONDS = 30.0


def people_csv(rows: int, bad_row: int | None = None) -> bytes:
    """A people file like one exported from an older system; bad_row gets an impossible date."""
    lines = [
        "reference,name,referred_on,first_met_on,phone,gender,birth_year,ethnicity,"
        "work_at_joining,supporter,in_their_words\n"
    ]
    for n in range(1, rows + 1):
        met = "2024-02-30" if n == bad_row else f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
        lines.append(
            f"OLD-{n:06d},Person {n},2024-{1 + n % 12:02d}-01,{met},07700 9{n:05d},"
            f"{('Woman', 'Man', 'Non-binary', '')[n % 4]},{1960 + n % 40},White British,"
            f'out_of_work,bench-worker,"Back to work, at my own pace ({n})"\n'
        )
    return "".join(lines).encode()


def run_worker(rows: int) -> dict:
    """In a fresh process with the database chosen by the environment: time the three steps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from thrive.journeys.models import Person
    from thrive.journeys.people_import import import_file

    get_user_model().objects.get_or_create(username="bench-worker", defaults={"role": "worker"})
    Person.objects.filter(reference__startswith="OLD-").delete()
    bad_row = rows // 2
    bad, good = people_csv(rows, bad_row), people_csv(rows)

    started = time.perf_counter()
    refused = import_file("people", "bad.csv", bad, dry_run=False)
    refuse_s = time.perf_counter() - started
    assert [r.row for r in refused.refused] == [bad_row + 1], refused.refused[:3]
    assert not Person.objects.filter(reference__startswith="OLD-").exists()

    started = time.perf_counter()
    checked = import_file("people", "good.csv", good, dry_run=True)
    dry_s = time.perf_counter() - started
    assert checked.ok and not checked.written

    started = time.perf_counter()
    written = import_file("people", "good.csv", good, dry_run=False)
    import_s = time.perf_counter() - started
    assert written.written
    assert Person.objects.filter(reference__startswith="OLD-").count() == rows
    Person.objects.filter(reference__startswith="OLD-").delete()
    return {
        "rows": rows,
        "bytes": len(good),
        "refused_row": refused.refused[0].row,
        "refused_reason": refused.refused[0].reason,
        "refuse_bad_file_s": round(refuse_s, 2),
        "dry_run_s": round(dry_s, 2),
        "import_s": round(import_s, 2),
    }


def in_subprocess(rows: int, env: dict[str, str]) -> dict:
    """Time the import in a fresh process (this script with --worker) with `env` added."""
    command = [sys.executable, __file__, "--worker", "--rows", str(rows)]
    return worker_result(command, env, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_worker(args.rows)))
        return

    results = on_each_database(
        lambda env: in_subprocess(args.rows, env), postgres_url(args.skip_postgres, DEFAULT_PG)
    )

    info = machine()
    lines = [
        SECTION,
        "",
        f"Importing {args.rows:,} people (one journey each, with a supporter) from a "
        f"{results['SQLite']['bytes'] / 1e6:.1f} MB CSV file. The same file with one bad row "
        "is refused whole, naming that row; nothing is written unless every row is valid.",
        "",
        f"- Command: `.venv/bin/python benchmarks/journeys_import.py --rows {args.rows}`",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"{info['system']}",
        f"- Run on: {time.strftime('%Y-%m-%d')}",
        "",
        "| Database | Refuse the file with one bad row | Dry run (valid file) "
        "| Import (valid file) | Under 30 s |",
        "|---|---:|---:|---:|---|",
    ]
    for name, r in results.items():
        ok = "yes" if r["import_s"] < LIMIT_SECONDS else "**no**"
        lines.append(
            f"| {name} | {r['refuse_bad_file_s']:.2f} s | {r['dry_run_s']:.2f} s "
            f"| {r['import_s']:.2f} s | {ok} |"
        )
    first = next(iter(results.values()))
    lines += [
        "",
        f'The refusal names the row: "Row {first["refused_row"]}: {first["refused_reason"]}".',
        "",
    ]
    write_section(DOC, SECTION, "\n".join(lines))
    print("\n".join(lines))
    if any(r["import_s"] >= LIMIT_SECONDS for r in results.values()):
        raise SystemExit("An import took 30 s or more.")


if __name__ == "__main__":
    main()
