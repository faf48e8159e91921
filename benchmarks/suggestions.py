"""Benchmark: suggested codes for a 10,000-word transcript once its passages' vectors exist.

Builds an inquiry with a 10,000-word transcript and five 2,000-word transcripts coded by
hand, has the bundled text model read every passage (not timed: that is the background
job's work), then times what a person waits for: the suggestions for every uncoded passage
of the long transcript (thrive.inquiry.suggestions.offers) and the whole suggestions page
through Django's test client, on SQLite and PostgreSQL. Goal: under 5 s. Writes the
`## Suggestions` section of docs/benchmarks.md.

    .venv/bin/python benchmarks/suggestions.py [--skip-postgres]
"""

from __future__ import annotations

import random
import statistics
import time

from common import about_the_run, database_benchmark, django_on_its_database

SECTION = "## Suggestions"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/thrive_suggest_bench"
WORDS, EXAMPLES, EXAMPLE_WORDS, RUNS, GOAL_S = 10_000, 5, 2_000, 5, 5.0


def run_worker() -> dict:
    """Build the inquiry, read its passages, then time suggestions and the page (median)."""
    django_on_its_database()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from inquiry_benchmarks import QUESTIONS, interview

    from thrive.inquiry import meaning, suggestions
    from thrive.inquiry.core.agreement import passages
    from thrive.inquiry.models import Code, Inquiry

    user = get_user_model().objects.create(username="bench", role="coordinator")
    inquiry = Inquiry.objects.create_inquiry("Benchmark: suggestions", user=user)
    codes = list(Code.objects.filter(inquiry=inquiry, codable=True))[:12]
    chance = random.Random(5)
    coded = 0
    for n in range(EXAMPLES):
        participant = inquiry.participants.create(label=f"P{n + 1}")
        text = interview(EXAMPLE_WORDS, 100 + n)
        transcript = inquiry.add_transcript(f"Coded {n + 1}", text, participant, user)
        for start, end in passages(text):
            words = text[start:end]
            asked = [i for i, q in enumerate(QUESTIONS) if q in words]
            if asked:  # each question has its code, so suggestions have something to learn
                transcript.add_coding(codes[asked[0]], start, end, user)
                coded += 1
            elif chance.random() < 0.3:  # and some answers are coded at random
                transcript.add_coding(chance.choice(codes[len(QUESTIONS) :]), start, end, user)
                coded += 1
    participant = inquiry.participants.create(label="P9")
    long = inquiry.add_transcript("Long interview", interview(WORDS, 7), participant, user)
    started = time.perf_counter()
    read = meaning.refresh_vectors(inquiry)
    reading_s = time.perf_counter() - started
    suggestions.offers(inquiry, None, {long.pk})  # warm: the model and the vectors in memory
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        found, _, _ = suggestions.offers(inquiry, None, {long.pk})
        timings.append(time.perf_counter() - started)
    client = Client()
    client.force_login(user)
    address = reverse("inquiry:suggestions", args=[inquiry.pk, long.pk])
    pages = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(address)
        pages.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return {
        "passages": len(found),
        "offered": sum(1 for offer in found if offer.suggestions),
        "examples": coded,
        "read": read,
        "reading_s": reading_s,
        "median_s": statistics.median(timings),
        "max_s": max(timings),
        "page_median_s": statistics.median(pages),
        "page_max_s": max(pages),
        "model": meaning.text_model().name,
    }


def report(results: dict, command: str) -> str:
    first = next(iter(results.values()))
    lines = [
        SECTION,
        "",
        f"Suggested codes for every uncoded passage of a {WORDS:,}-word transcript "
        f"({first['passages']} passages), learnt from {EXAMPLES} other transcripts of "
        f"{EXAMPLE_WORDS:,} words with {first['examples']} coded passages (each interviewer "
        "question with its own code, some answers at random), once the passages' "
        f"vectors exist; {first['offered']} passages got suggestions. Model {first['model']}. "
        f"Median of {RUNS} after one warm-up. "
        f"Goal: under {GOAL_S:.0f} s. Reading the passages first (the background job, not "
        "timed in the goal) is shown for scale.",
        "",
        *about_the_run(command),
        "",
        "| Database | Suggestions (median) | Slowest | Whole page (median) | Slowest | "
        "Reading the passages once |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['median_s'] * 1000:,.0f} ms | {r['max_s'] * 1000:,.0f} ms | "
            f"{r['page_median_s'] * 1000:,.0f} ms | {r['page_max_s'] * 1000:,.0f} ms | "
            f"{r['reading_s']:,.0f} s for {r['read']:,} passages |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    database_benchmark(__file__, __doc__, SECTION, DEFAULT_PG, run_worker, report)


if __name__ == "__main__":
    main()
