"""Benchmark: the coding page for a 30,000-word transcript with 1,000 codings.

Times the server side of opening the transcript page (parse, authorise, read, lay out
the highlighted segments, render) through Django's test client, on SQLite and
PostgreSQL, and reports the page's size. Writes the `## Coding page` section of
docs/benchmarks.md.

    .venv/bin/python benchmarks/coding_page.py [--skip-postgres]
"""

from __future__ import annotations

import random
import statistics
import time

from common import about_the_run, database_benchmark, django_on_its_database

SECTION = "## Coding page"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_bench_coding_page"
WORDS, CODINGS, RUNS = 30_000, 1_000, 7


def run_worker() -> dict:
    """Build the transcript and its codings, then time the page (median of RUNS)."""
    django_on_its_database()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from inquiry_benchmarks import interview

    from thrive.inquiry.models import Code, Inquiry

    user = get_user_model().objects.create(username="bench", role="coordinator")
    inquiry = Inquiry.objects.create_inquiry("Benchmark: coding page", user=user)
    text = interview(WORDS, 7)
    transcript = inquiry.add_transcript("Long interview", text, user=user)
    codes = list(Code.objects.filter(inquiry=inquiry, codable=True))
    chance = random.Random(3)
    for _ in range(CODINGS):
        start = chance.randrange(0, len(text) - 400)
        end = start + chance.randint(20, 380)
        transcript.add_coding(chance.choice(codes), start, end, user)
    client = Client()
    client.force_login(user)
    address = reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk])
    client.get(address)
    durations, size = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(address)
        durations.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    return {"median_s": statistics.median(durations), "max_s": max(durations), "bytes": size}


def report(results: dict, command: str) -> str:
    lines = [
        SECTION,
        "",
        f"Opening the coding page of a {WORDS:,}-word transcript with {CODINGS:,} codings "
        "(overlapping, across the framework codebook): server time through Django's test "
        f"client, median of {RUNS} after one warm-up request.",
        "",
        *about_the_run(command),
        "",
        "| Database | Median | Slowest | Page size |",
        "|---|---:|---:|---:|",
    ]
    for name, result in results.items():
        lines.append(
            f"| {name} | {result['median_s'] * 1000:,.0f} ms | {result['max_s'] * 1000:,.0f} ms "
            f"| {result['bytes'] / 1e6:.2f} MB |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    database_benchmark(__file__, __doc__, SECTION, DEFAULT_PG, run_worker, report)


if __name__ == "__main__":
    main()
