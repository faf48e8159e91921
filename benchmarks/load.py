"""Benchmark: 50 people using a real `thrive serve` at once, with Locust, on SQLite and PostgreSQL.

For each database, in a scratch data folder (and a scratch PostgreSQL database):

1. loads the demo service and grows it, by code, to 5,000 people (the demo's own generator run
   with 40 seeds, written in bulk) and 500 transcripts (the demo interviews, again and again,
   for 100 participants);
2. starts `thrive serve` (waitress, 8 threads, with its background worker) on a free port of
   127.0.0.1 only;
3. runs Locust headless (benchmarks/locustfile.py): 50 users, 10 started a second, for 5
   minutes, each starting from a signed-in session (made beforehand as Django's test client
   does: one real login costs about a second of CPU here, on purpose) and then reading pages
   (dashboard, people list, a person, the outcome report, new referrals, a transcript),
   writing meeting notes on timelines and coding passages, with 2–6 s between clicks;
4. stops the server (Ctrl+C, as a person would, so its worker stops too) and reads Locust's CSV.

Writes only the ``## Load`` section of docs/benchmarks.md. Needs the `bench` extra
(``.venv/bin/pip install -e '.[bench]'``). The full run takes about 15 minutes; `--time 1m`
gives a quick one.

    .venv/bin/python benchmarks/load.py [--time 5m] [--users 50] [--skip-postgres]

PostgreSQL: THRIVE_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/thrive_bench_load); the script creates and drops it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import (
    database_version,
    machine,
    on_each_database,
    postgres_url,
    worker_result,
    write_section,
)

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Load"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_load"
LOCUSTFILE = ROOT / "benchmarks" / "locustfile.py"
GOAL_P95_MS = 300.0
PEOPLE_SEEDS = 40  # the demo generator makes 125 people a seed: 40 seeds are 5,000 people
TRANSCRIPTS = 500
SESSIONS_EACH = 20
PARTICIPANTS = 100


# Preparing the data, in a fresh process with the database chosen by the environment ---------


def grow_people(workers: list) -> int:
    """Add the demo generator's people for seeds 1…39 beside the demo's own, in bulk."""
    from django.utils import timezone

    from thrive.demo.people import demo_people
    from thrive.demo.service import ENTRY_MODELS
    from thrive.journeys.models import Journey, Outcome, Person, ServiceUseChange

    today = timezone.localdate()
    Supporters = Person.supporters.through
    added = 0
    for seed in range(1, PEOPLE_SEEDS):
        specs = demo_people(today, len(workers), seed=2014 + seed)
        people = Person.objects.bulk_create(
            Person(
                reference=f"LOAD-{seed:02d}-{n:03d}",
                name=spec.name,
                gender=spec.gender,
                birth_year=spec.birth_year,
                ethnicity=spec.ethnicity,
                phone=f"07700 9{seed:02d}{n:03d}",
            )
            for n, spec in enumerate(specs)
        )
        journeys = Journey.objects.bulk_create(
            Journey(
                person=person,
                referred_on=spec.referred_on,
                in_their_words=spec.in_their_words,
                work_at_joining=spec.work_at_joining,
                first_met_on=spec.first_met_on,
                ended_on=spec.ended_on,
                end_reason=spec.end_reason,
            )
            for person, spec in zip(people, specs, strict=True)
        )
        Supporters.objects.bulk_create(
            Supporters(person_id=person.pk, user_id=workers[spec.supporter].pk)
            for person, spec in zip(people, specs, strict=True)
        )
        pairs = list(zip(journeys, specs, strict=True))
        Outcome.objects.bulk_create(
            Outcome(
                journey=journey,
                kind=o.kind,
                achieved_on=o.achieved_on,
                in_their_words=o.words,
                hours_per_week=o.hours,
                off_benefits=o.off_benefits,
                area="economic" if o.kind == "employment" else "do",
            )
            for journey, spec in pairs
            for o in spec.outcomes
        )
        for kind, (model, date_field) in ENTRY_MODELS.items():
            model.objects.bulk_create(
                model(
                    journey=journey,
                    in_their_words=entry.words,
                    area=entry.area,
                    recorded_by=workers[spec.supporter],
                    **{date_field: entry.on},
                    **({"kind": entry.kind} if entry.kind else {}),
                )
                for journey, spec in pairs
                for entry in spec.entries
                if entry.model == kind
            )
        ServiceUseChange.objects.bulk_create(
            ServiceUseChange(
                journey=journey,
                kind=change.kind,
                reported_on=change.reported_on,
                in_their_words=change.words,
                units_before=change.before,
                units_after=change.after,
                period=change.period,
            )
            for journey, spec in pairs
            for change in spec.service_use
        )
        added += len(people)
    return added


def grow_transcripts(coder) -> None:
    """The demo inquiry grown to 500 transcripts of its own interviews, for 100 participants."""
    import tomllib

    from django.utils import timezone

    from thrive.demo.inquiry import DEMO_INQUIRY, demo_file
    from thrive.inquiry.models import Inquiry, Participant

    inquiry = Inquiry.objects.get(title=DEMO_INQUIRY)
    labels = [row["label"] for row in tomllib.loads(demo_file("participants.toml"))["participant"]]
    texts = [demo_file(f"{label}.txt") for label in labels]
    have = inquiry.participants.count()
    Participant.objects.bulk_create(
        Participant(
            inquiry=inquiry,
            label=f"P{n}",
            attributes={"age_band": f"{20 + n % 5 * 10}s"},
            consent_given_on=timezone.localdate(),
        )
        for n in range(have + 1, PARTICIPANTS + 1)
    )
    participants = list(inquiry.participants.order_by("id"))
    missing = TRANSCRIPTS - inquiry.transcripts.count()
    chance = random.Random(500)
    items = [
        (
            f"Interview {n + 1} with {participants[n % len(participants)].label}",
            chance.choice(texts),
            participants[n % len(participants)],
        )
        for n in range(missing)
    ]
    inquiry.add_transcripts(items, coder)


def signed_in(users: dict, each: int) -> dict[str, list[str]]:
    """Session keys for each demo login, as Django's test client makes them (force_login).

    A real login through the form costs about a second of CPU here (Argon2, on purpose), so
    the Locust users start from these sessions rather than 50 logins at once.
    """
    from django.conf import settings
    from django.test import Client

    sessions: dict[str, list[str]] = {}
    for username, user in users.items():
        for _ in range(each):
            client = Client()
            client.force_login(user)
            sessions.setdefault(username, []).append(
                client.cookies[settings.SESSION_COOKIE_NAME].value
            )
    return sessions


def prepare(plan_path: Path) -> dict:
    """Load and grow the demo, then write the plan the Locust users follow (ids, logins)."""
    sys.path.insert(0, str(ROOT))
    from thrive.lib.commands import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from thrive.accounts.models import Role
    from thrive.demo.inquiry import DEMO_INQUIRY
    from thrive.demo.load import load_demo
    from thrive.inquiry.models import Code, Inquiry
    from thrive.journeys.models import Person

    started = time.perf_counter()
    load_demo()
    with transaction.atomic():
        users = {u.username: u for u in get_user_model().objects.all()}
        workers = [u for u in users.values() if u.role == Role.WORKER]
        grow_people(workers)
        grow_transcripts(users["researcher"])
    version = database_version()
    chance = random.Random(50)
    open_people = Person.objects.filter(journeys__ended_on__isnull=True)
    caseloads = {
        worker.username: chance.sample(
            list(open_people.filter(supporters=worker).values_list("pk", flat=True)), 200
        )
        for worker in workers
    }
    inquiry = Inquiry.objects.get(title=DEMO_INQUIRY)
    plan = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": signed_in(users, SESSIONS_EACH),
        "coordinator": "coordinator",
        "caseloads": caseloads,
        "everyone": chance.sample(list(Person.objects.values_list("pk", flat=True)), 500),
        "people_pages": -(-Person.objects.count() // 50),
        "researchers": ["researcher", "jordan", "alex"],
        "inquiry": inquiry.pk,
        "transcripts": list(inquiry.transcripts.values_list("pk", "length")),
        "codes": list(
            Code.objects.filter(inquiry=inquiry, codable=True).values_list("pk", flat=True)
        ),
    }
    plan_path.write_text(json.dumps(plan))
    return {
        "version": version,
        "people": Person.objects.count(),
        "transcripts": inquiry.transcripts.count(),
        "prepare_s": time.perf_counter() - started,
    }


# Serving and loading -------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"thrive serve stopped with code {server.returncode}.")
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=5) as reply:  # noqa: S310
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("thrive serve did not answer /health/ in time.")


def stop_server(server: subprocess.Popen) -> None:
    """Ctrl+C, as a person would: the server then stops the worker it started."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


def seconds_of(duration: str) -> int:
    """Locust's run time (30s, 5m, 1h30m) in seconds."""
    total, number = 0, ""
    for char in duration:
        if char.isdigit():
            number += char
        else:
            total += int(number) * {"s": 1, "m": 60, "h": 3600}[char]
            number = ""
    return total + (int(number) if number else 0)


def run_load(env: dict[str, str], args: argparse.Namespace) -> dict:
    """Prepare, serve, load and stop, for the database in `env`; the rows of Locust's CSV."""
    folder = Path(env["THRIVE_DATA_DIR"])
    plan = folder / "load-plan.json"
    prepared = worker_result(
        [sys.executable, __file__, "--prepare", str(plan)], env, cwd=ROOT, timeout=1800
    )
    print("Prepared:", json.dumps(prepared), flush=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env_all = {**os.environ, **env, "THRIVE_LOAD_PLAN": str(plan), "THRIVE_LOAD_THINK": args.think}
    log = (folder / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "thrive", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env_all,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    prefix = folder / "locust"
    try:
        wait_until_up(base, server, timeout=120)
        locust = Path(sys.executable).parent / "locust"
        command = [
            str(locust),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            args.time,
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
        ]
        load_before = os.getloadavg()[0]
        subprocess.run(
            command,
            env=env_all,
            cwd=ROOT,
            timeout=seconds_of(args.time) + 300,
            check=False,
        )
        load_after = os.getloadavg()[0]
    finally:
        stop_server(server)
        log.close()
    rows = list(csv.DictReader((prefix.with_name("locust_stats.csv")).open()))
    failures = list(csv.DictReader((prefix.with_name("locust_failures.csv")).open()))
    errors = [line for line in (folder / "serve.log").read_text().splitlines() if "Error" in line]
    return {
        **prepared,
        "rows": rows,
        "failures": failures,
        "server_errors": errors[:20],
        "load_average": (load_before, load_after),
    }


# Report --------------------------------------------------------------------------------------


def number(row: dict, key: str) -> float:
    value = row.get(key, "")
    return float(value) if value not in ("", "N/A") else 0.0


NOTES = (
    "Reading these figures: the machine's two CPUs are shared with other work (the load "
    "average under each database says how much), and Locust runs on them too. The "
    "dashboard and the outcome report cost most: each request recomputes the service's "
    "figures from every journey held (about 100 ms and 200 ms of CPU with 5,000 people "
    "on a quiet machine), so under load they set the 95th percentile. Counting the "
    "inquiry on the dashboard through joins took 1.5 s per request before it was counted "
    "in subqueries, and the outcome report compared every job with every journey."
)


def report(results: dict, args: argparse.Namespace, command: str) -> str:
    info = machine()
    first = next(iter(results.values()))
    versions = ", ".join(r["version"] for r in results.values())
    lines = [
        SECTION,
        "",
        f"{args.users} people using Thrive at once for {args.time}, against a real "
        "`thrive serve` (waitress, 8 threads, with its background worker) on 127.0.0.1, "
        f"with {first['people']:,} people and {first['transcripts']:,} transcripts. Each "
        "simulated user (Locust, headless, on the same machine) starts from a signed-in "
        "session (made beforehand: one real login costs about a second of CPU here, by "
        "design of Argon2, and 50 people do not log in every few seconds), then, with "
        f"{args.think} s between clicks, reads the dashboard, the people list, a "
        "person, the outcome report, the new referrals and a transcript, records meeting "
        "notes on timelines and codes passages; workers, a coordinator and co-researchers "
        "in the proportions 6 : 2 : 2. Times are what Locust measured, so they include the "
        "network stack and Locust's own work on the same two CPUs.",
        "",
        f"- Command: `{command}`",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"{info['system']}; {versions}",
        f"- Run on: {time.strftime('%Y-%m-%d')}",
        "- Needs the `bench` extra: `.venv/bin/pip install -e '.[bench]'` (Locust). "
        "`--time 1m` gives a quick run; `--think 1-3` a busier one.",
        "",
        NOTES,
        "",
    ]
    for name, result in results.items():
        total = next(r for r in result["rows"] if r["Name"] == "Aggregated")
        met = number(total, "Failure Count") == 0 and number(total, "95%") < GOAL_P95_MS
        lines += [
            f"### {name}",
            "",
            f"{number(total, 'Request Count'):,.0f} requests "
            f"({number(total, 'Requests/s'):.1f} a second), "
            f"{number(total, 'Failure Count'):,.0f} failures, median "
            f"{number(total, 'Median Response Time'):,.0f} ms, 95th percentile "
            f"{number(total, '95%'):,.0f} ms: "
            + ("goal met (no errors, p95 under 300 ms)." if met else "**goal not met**.")
            + " Load average of the machine (1 minute) before and at the end of the run: "
            f"{result['load_average'][0]:.1f} and {result['load_average'][1]:.1f}.",
            "",
            "| endpoint | requests | failures | median | p95 | slowest |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in result["rows"]:
            label = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
            lines.append(
                f"| {label} | {number(row, 'Request Count'):,.0f} "
                f"| {number(row, 'Failure Count'):,.0f} "
                f"| {number(row, 'Median Response Time'):,.0f} ms "
                f"| {number(row, '95%'):,.0f} ms "
                f"| {number(row, 'Max Response Time'):,.0f} ms |"
            )
        for failure in result["failures"][:5]:
            lines.append(
                f"\nFailure: {failure['Method']} {failure['Name']}: {failure['Error']} "
                f"({failure['Occurrences']}×)"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", default="5m", help="how long Locust runs (30s, 1m, 5m)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--think", default="2-6", help="seconds between clicks, MIN-MAX")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.prepare)))
        return
    results = on_each_database(
        lambda env: run_load(env, args), postgres_url(args.skip_postgres, DEFAULT_PG)
    )
    shown = ".venv/bin/python benchmarks/load.py"
    for flag, value, default in (
        ("--time", args.time, "5m"),
        ("--users", args.users, 50),
        ("--spawn-rate", args.spawn_rate, 10),
        ("--think", args.think, "2-6"),
    ):
        if value != default:
            shown += f" {flag} {value}"
    if args.skip_postgres:
        shown += " --skip-postgres"
    text = report(results, args, shown)
    write_section(DOC, SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
