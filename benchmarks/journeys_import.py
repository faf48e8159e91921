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

import time

from common import about_the_run, database_benchmark, django_on_its_database

SECTION = "## Journeys import"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_journeys"
LIMIT_SECONDS = 30.0
ROWS = 10_000


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
    django_on_its_database()
    from django.contrib.auth import get_user_model

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


def report(results: dict, command: str, rows: int) -> str:
    lines = [
        SECTION,
        "",
        f"Importing {rows:,} people (one journey each, with a supporter) from a "
        f"{results['SQLite']['bytes'] / 1e6:.1f} MB CSV file. The same file with one bad row "
        "is refused whole, naming that row; nothing is written unless every row is valid.",
        "",
        *about_the_run(command),
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
    return "\n".join(lines)


def main() -> None:
    results = database_benchmark(
        __file__, __doc__, SECTION, DEFAULT_PG, run_worker, report, rows=ROWS
    )
    if results and any(r["import_s"] >= LIMIT_SECONDS for r in results.values()):
        raise SystemExit("An import took 30 s or more.")


if __name__ == "__main__":
    main()
