"""Benchmark: the people list and the referral list with 150,000 people, on SQLite and PostgreSQL.

Fills a scratch database (bulk_create) with 150,000 people, each with a journey and a supporter
among 30 workers, a meeting on the timeline for every met person and a goal for every third;
1,500 referrals wait to be matched and 1,500 more are matched and waiting for a first meeting.
Then times, through Django's test client (the whole server side: session, permission, queries,
template; not the network), the median of RUNS requests after one warm-up request:

- the people list as a coordinator (everyone): page 1, a page in the middle and the last page;
- the people list as a worker (their caseload of about 5,000);
- the new referrals list as a coordinator (workers may not open it: they are sent a 403).

Writes only the ``## Lists that scale`` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/lists.py [--people 150000] [--skip-postgres]

PostgreSQL: THRIVE_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/thrive_bench_lists); the script creates and drops it.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from common import about_the_run, database_benchmark, database_version, django_on_its_database

SECTION = "## Lists that scale"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_lists"
GOAL_MS = 300.0
PEOPLE = 150_000
RUNS = 7
WORKERS = 30
WAITING = 1_500
BATCH = 5_000


def fill(people: int) -> dict:
    """The service: people, journeys, supporters, meetings and goals, in bulk; returns the users."""
    from django.contrib.auth import get_user_model

    from thrive.demo.people import FIRST_NAMES, HOPES
    from thrive.journeys.models import Goal, Journey, Meeting, Person

    User = get_user_model()
    coordinator = User.objects.create(username="bench-coordinator", role="coordinator")
    workers = User.objects.bulk_create(
        User(username=f"bench-worker-{n:02d}", role="worker", first_name=f"Worker {n}")
        for n in range(WORKERS)
    )
    chance = random.Random(150)
    today = date.today()
    Supporters = Person.supporters.through
    for first in range(0, people, BATCH):
        numbers = range(first, min(first + BATCH, people))
        batch = Person.objects.bulk_create(
            Person(
                reference=f"BENCH-{n:06d}",
                name=f"{chance.choice(FIRST_NAMES)} {chr(65 + chance.randrange(26))}.",
                phone=f"07700 9{n % 100_000:05d}",
            )
            for n in numbers
        )
        journeys = []
        for n, person in zip(numbers, batch, strict=True):
            referred = today - timedelta(days=chance.randint(1, 5 * 365))
            waiting = n >= people - 2 * WAITING
            journeys.append(
                Journey(
                    person=person,
                    referred_on=referred,
                    in_their_words=chance.choice(HOPES),
                    first_met_on=None if waiting else referred + timedelta(days=3),
                )
            )
        journeys = Journey.objects.bulk_create(journeys)
        Supporters.objects.bulk_create(
            Supporters(person_id=person.pk, user_id=workers[n % WORKERS].pk)
            for n, person in zip(numbers, batch, strict=True)
            if n < people - WAITING
        )
        met = [j for j in journeys if j.first_met_on]
        Meeting.objects.bulk_create(
            Meeting(journey=j, met_on=j.first_met_on, in_their_words="First meeting over tea.")
            for j in met
        )
        Goal.objects.bulk_create(
            Goal(journey=j, set_on=j.first_met_on, in_their_words="Finish my English course")
            for j in met[::3]
        )
    return {"coordinator": coordinator, "worker": workers[0]}


def median_ms(client, address: str, runs: int) -> dict:
    """Median and slowest of `runs` requests after one warm-up, and the queries one request made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(address).status_code == 200, address
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(address)
        durations.append(time.perf_counter() - started)
        assert response.status_code == 200, (address, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(address)
    return {
        "median_ms": statistics.median(durations) * 1000,
        "max_ms": max(durations) * 1000,
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
    }


def run_worker(people: int, runs: int) -> dict:
    """In a fresh process with the database chosen by the environment: fill, then time."""
    django_on_its_database()
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    users = fill(people)
    fill_s = time.perf_counter() - started
    version = database_version()
    coordinator, worker = Client(), Client()
    coordinator.force_login(users["coordinator"])
    worker.force_login(users["worker"])
    people_list = reverse("journeys:people")
    pages = -(-people // 50)
    timings = {
        "people_coordinator": median_ms(coordinator, people_list, runs),
        "people_coordinator_middle": median_ms(
            coordinator, f"{people_list}?page={pages // 2}", runs
        ),
        "people_coordinator_last": median_ms(coordinator, f"{people_list}?page={pages}", runs),
        "people_worker": median_ms(worker, people_list, runs),
        "referrals_coordinator": median_ms(coordinator, reverse("journeys:referrals"), runs),
    }
    refused = worker.get(reverse("journeys:referrals")).status_code
    return {
        "version": version,
        "fill_s": fill_s,
        "pages": pages,
        "worker_referrals_status": refused,
        "caseload": users["worker"].caseload.count(),
        **timings,
    }


def report(results: dict, people: int, runs: int, command: str) -> str:
    versions = ", ".join(r["version"] for r in results.values())
    pages = next(iter(results.values()))["pages"]
    lines = [
        SECTION,
        "",
        f"The people list and the new referrals list with {people:,} people (each with a "
        f"journey, a supporter among {WORKERS} workers, a meeting and for every third a goal; "
        f"{WAITING:,} referrals waiting to be matched and {WAITING:,} matched and waiting for "
        "a first meeting). Server time through Django's test client (session, permission, "
        f"queries and template; not the network): median of {runs} requests after one warm-up. "
        "Before the lists were paged, the issue that asked for this measured 24 s for the "
        "people list and 54 s for the referral list with 150,000 people.",
        "",
        *about_the_run(command, versions),
        "",
        "| page | " + " | ".join(results) + f" | queries | under {GOAL_MS:g} ms |",
        "|---|" + "---:|" * len(results) + "---:|---|",
    ]
    rows = [
        ("People list, coordinator, page 1 of " + f"{pages:,}", "people_coordinator"),
        (f"… page {pages // 2:,} (the middle)", "people_coordinator_middle"),
        (f"… page {pages:,} (the last)", "people_coordinator_last"),
        (
            f"People list, worker (caseload of {next(iter(results.values()))['caseload']:,}), "
            "page 1",
            "people_worker",
        ),
        ("New referrals, coordinator", "referrals_coordinator"),
    ]
    for label, key in rows:
        values = [r[key] for r in results.values()]
        shown = " | ".join(f"{v['median_ms']:,.0f} ms (slowest {v['max_ms']:,.0f})" for v in values)
        queries = "/".join(sorted({str(v["queries"]) for v in values}))
        met = "yes" if all(v["median_ms"] < GOAL_MS for v in values) else "**no**"
        lines.append(f"| {label} | {shown} | {queries} | {met} |")
    fills = ", ".join(f"{name} {r['fill_s']:.0f} s" for name, r in results.items())
    lines += [
        "",
        f"Filling the database took {fills}. Workers asking for the referral list are "
        f"answered {next(iter(results.values()))['worker_referrals_status']} (only coordinators "
        "manage referrals). Queries per page include the session, the user and the audit "
        "event.",
        "",
        "How: each list is one ordered queryset paged by Django's Paginator, 50 to a page; "
        "only the page's people have their journeys and supporters read (one query each); "
        "the index `person_name_idx` (name, id) serves the order of the people list and the "
        "partial index `journey_waiting_idx` (referred_on, id, only journeys waiting for a "
        "first meeting) serves the referral list, whose unmatched and matched parts are "
        "paged apart. The person picker of the referral list is read once, not once per row. "
        "Deep pages cost more than page 1 because the database still counts past the rows "
        "before them (OFFSET).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    database_benchmark(
        __file__, __doc__, SECTION, DEFAULT_PG, run_worker, report, people=PEOPLE, runs=RUNS
    )


if __name__ == "__main__":
    main()
