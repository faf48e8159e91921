"""Benchmark: finding a person in the people list with 5,000 people, on SQLite and PostgreSQL.

Fills a scratch database with the same service as benchmarks/lists.py (people, journeys, a
supporter among 30 workers, a meeting for every met person, a goal for every third), with
5,000 people by default. Then times, through Django's test client (the whole server side:
session, permission, queries, template; not the network), RUNS requests after one warm-up,
and reports the median (p50) and the 95th percentile (p95) of each:

- a coordinator searching for a first name (many matches, paged), for a whole name typed
  without its accents and in capitals, and for a reference;
- a coordinator searching with every filter at once (worker, journey going on, not seen for
  8 weeks, sorted by last contact);
- a worker searching their own caseload, and a worker's own people page (/people/mine/).

Writes only the ``## Finding people`` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/people_search.py [--people 5000] [--runs 40] [--skip-postgres]

PostgreSQL: THRIVE_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/thrive_bench_people_search); the script creates and
drops it.
"""

from __future__ import annotations

import re
import statistics
import time

from common import (
    about_the_run,
    database_benchmark,
    database_version,
    django_on_its_database,
    load_average,
)

SECTION = "## Finding people"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_people_search"
GOAL_MS = 300.0
PEOPLE = 5_000
RUNS = 40
FOUND = re.compile(r"(\d+) found\.|Everyone you support \((\d+)\)")


def timed(client, address: str, runs: int) -> dict:
    """p50 and p95 of `runs` requests after one warm-up, the queries of one, and what it found."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(address)
    assert response.status_code == 200, address
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(address)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (address, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(address)
    found = FOUND.search(response.content.decode())
    return {
        "p50_ms": statistics.median(durations),
        "p95_ms": statistics.quantiles(durations, n=20)[-1],
        "queries": len(captured.captured_queries),
        "found": int(next(n for n in found.groups() if n)) if found else 0,
    }


def run_worker(people: int, runs: int) -> dict:
    """In a fresh process with the database chosen by the environment: fill, then time."""
    django_on_its_database()
    from django.test import Client
    from django.urls import reverse
    from lists import fill

    from thrive.journeys.models import Person

    users = fill(people)
    # One person with an accented name among the generated ones, to find without its accents.
    zoe = Person.objects.order_by("pk")[people // 2]
    zoe.name = "Zoë Ó Súilleabháin"
    zoe.save(update_fields=["name"])
    zoe.supporters.set([users["worker"]])
    version = database_version()
    coordinator, worker = Client(), Client()
    coordinator.force_login(users["coordinator"])
    worker.force_login(users["worker"])
    listed = reverse("journeys:people")
    every_filter = f"worker={users['worker'].pk}&state=open&not_seen=8&sort=last_contact"
    timings = {
        "first_name": timed(coordinator, f"{listed}?q=amara", runs),
        "whole_name": timed(coordinator, f"{listed}?q=ZOE+O+SUILLEABHAIN", runs),
        "reference": timed(coordinator, f"{listed}?q={zoe.reference}", runs),
        "every_filter": timed(coordinator, f"{listed}?q=a&{every_filter}", runs),
        "worker_search": timed(worker, f"{listed}?q=zoe", runs),
        "my_people": timed(worker, reverse("journeys:my_people"), runs),
    }
    return {"version": version, "caseload": users["worker"].caseload.count(), **timings}


ROWS = [
    ("Coordinator searches a first name (`?q=amara`)", "first_name"),
    ("… a whole name, capitals and no accents, for “Zoë Ó Súilleabháin”", "whole_name"),
    ("… a reference (`?q=BENCH-002500`)", "reference"),
    ("… `?q=a` with a worker, journey going on, not seen 8 weeks, by last contact", "every_filter"),
    ("Worker searches their caseload (`?q=zoe`)", "worker_search"),
    ("Worker's own people (`/people/mine/`, 3 lists)", "my_people"),
]


def report(results: dict, people: int, runs: int, command: str) -> str:
    versions = ", ".join(r["version"] for r in results.values())
    caseload = next(iter(results.values()))["caseload"]
    lines = [
        SECTION,
        "",
        f"Finding a person in the people list with {people:,} people (the service of "
        f"`benchmarks/lists.py`: 30 workers, a caseload of about {caseload:,} each). Server "
        "time through Django's test client (session, permission, queries and template; not "
        f"the network): median (p50) and 95th percentile (p95) of {runs} requests after one "
        "warm-up. Goal: a search answers in under 300 ms.",
        "",
        *about_the_run(command, versions, load_average()),
        "",
        "| request | found | "
        + " | ".join(f"{name} p50 / p95" for name in results)
        + f" | queries | under {GOAL_MS:g} ms |",
        "|---|---:|" + "---:|" * len(results) + "---:|---|",
    ]
    for label, key in ROWS:
        values = [r[key] for r in results.values()]
        shown = " | ".join(f"{v['p50_ms']:,.0f} / {v['p95_ms']:,.0f} ms" for v in values)
        found = "/".join(sorted({str(v["found"]) for v in values}))
        queries = "/".join(sorted({str(v["queries"]) for v in values}))
        met = "yes" if all(v["p95_ms"] < GOAL_MS for v in values) else "**no**"
        lines.append(f"| {label} | {found} | {shown} | {queries} | {met} |")
    lines += [
        "",
        "How: search compares `Person.name_key`, the name folded once when it is saved "
        "(lower case, accents and spacing set aside: `thrive/journeys/core/names.py`), so "
        "it reads the same on SQLite and PostgreSQL without a database extension; a search "
        "for part of a name reads every name (`LIKE '%…%'` cannot use an index), which at "
        "this size costs a few milliseconds. Journey state and “not seen for N weeks” are "
        "`EXISTS` subqueries through the indexes on person and journey. Only the page's 50 "
        "people have their journeys, supporters and last contact (latest meeting) read, so a "
        "deep page never works them out for the rows before it. Queries per page include "
        "the session, the user and the audit event; the worker's own people page runs three "
        "lists.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    database_benchmark(
        __file__, __doc__, SECTION, DEFAULT_PG, run_worker, report, people=PEOPLE, runs=RUNS
    )


if __name__ == "__main__":
    main()
