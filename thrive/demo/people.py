"""A fictional service year, generated deterministically (no Django).

113 people supported in the twelve months to the load day, with 13 job starts,
22 people into mainstream education, 14 into volunteering and 21 into training:
70 outcomes, an outcome ratio of 62%. A few people are still waiting for a first
meeting and a few journeys ended before the year began, so the figures depend on
the definitions, not on a head count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

OUTCOME_TARGETS = {"employment": 13, "education": 22, "volunteering": 14, "training": 21}
SUPPORTED = 113
WAITING = 3
ENDED_BEFORE = 9

FIRST_NAMES = (
    "Ade",
    "Amara",
    "Aziz",
    "Bea",
    "Bisi",
    "Carl",
    "Chidi",
    "Dana",
    "Dee",
    "Dev",
    "Ebun",
    "Eddie",
    "Efua",
    "Femi",
    "Fran",
    "Gus",
    "Hana",
    "Ife",
    "Imran",
    "Jade",
    "Jas",
    "Jo",
    "Kai",
    "Kemi",
    "Kofi",
    "Lena",
    "Lou",
    "Mags",
    "Mo",
    "Nadia",
    "Nat",
    "Nell",
    "Obi",
    "Pat",
    "Quin",
    "Ray",
    "Rosa",
    "Sade",
    "Sam",
    "Shay",
    "Sol",
    "Tam",
    "Tayo",
    "Terri",
    "Theo",
    "Uma",
    "Val",
    "Wes",
    "Yaw",
    "Zee",
)
GENDERS = ("Woman", "Man", "Man", "Woman", "Non-binary", "")
ETHNICITIES = (
    "White British",
    "Black British",
    "Black African",
    "Black Caribbean",
    "Asian British",
    "Mixed",
    "White other",
    "",
)
WORDS = {
    "employment": (
        "Started a paid job, {hours} hours a week",
        "Got the job at the café — {hours} hours, and I chose the shifts",
        "Working {hours} hours a week on the carpet-cleaning team, paid",
    ),
    "education": (
        "Enrolled on an English course at college",
        "Started an access course to get to university",
        "Signed up for maths GCSE evening classes",
    ),
    "training": (
        "Finished the food hygiene certificate",
        "Doing the peer-support training",
        "Started the forklift licence course",
    ),
    "volunteering": (
        "Volunteering at the community garden on Tuesdays",
        "Helping on reception at the Hub",
        "Volunteering at the food bank",
    ),
}
HOPES = (
    "I want to get back to work but I'm scared",
    "Something to do in the day, maybe a course",
    "Help with my benefits and then maybe volunteering",
    "I'd like to work with animals one day",
    "Not sure yet — I just want to talk to someone",
)


@dataclass
class DemoOutcome:
    kind: str
    achieved_on: date
    words: str
    hours: int | None = None
    off_benefits: bool | None = None


@dataclass
class DemoEntry:
    """A dated timeline entry: a meeting, goal, activity or achievement (kind for activities)."""

    model: str
    on: date
    words: str
    area: str = ""
    kind: str = ""


@dataclass
class DemoServiceUse:
    kind: str
    reported_on: date
    words: str
    before: float | None = None
    after: float | None = None
    period: str = ""


@dataclass
class DemoPerson:
    reference: str
    name: str
    gender: str
    birth_year: int | None
    ethnicity: str
    referred_on: date
    first_met_on: date | None
    ended_on: date | None
    end_reason: str
    in_their_words: str
    supporter: int
    outcomes: list[DemoOutcome] = field(default_factory=list)
    work_at_joining: str = ""
    entries: list[DemoEntry] = field(default_factory=list)
    service_use: list[DemoServiceUse] = field(default_factory=list)


def demo_people(today: date, supporters: int, seed: int = 2014) -> list[DemoPerson]:
    """The demo service's people, the same for the same day and seed."""
    rng = random.Random(seed)
    year_start = today - timedelta(days=364)
    people: list[DemoPerson] = []

    def person(referred: date, met: date | None, ended: date | None, reason: str) -> DemoPerson:
        n = len(people) + 1
        name = f"{FIRST_NAMES[(n * 7) % len(FIRST_NAMES)]} {chr(65 + (n * 11) % 26)}."
        return DemoPerson(
            reference=f"DEMO-{n:04d}",
            name=name,
            gender=rng.choice(GENDERS),
            birth_year=rng.choice([None, *range(today.year - 64, today.year - 19)]),
            ethnicity=rng.choice(ETHNICITIES),
            referred_on=referred,
            first_met_on=met,
            ended_on=ended,
            end_reason=reason,
            in_their_words=rng.choice(HOPES),
            supporter=n % supporters,
        )

    for _ in range(SUPPORTED):
        referred = today - timedelta(days=rng.randint(30, 7 * 365))
        met = referred + timedelta(days=rng.randint(0, 9))
        ended = None
        reason = ""
        if rng.random() < 0.12:
            ended = today - timedelta(days=rng.randint(1, 300))
            ended = max(ended, met)
            reason = rng.choice(["moved_on", "chose_to_stop", "paused"])
        people.append(person(referred, met, ended, reason))

    kinds = [kind for kind, count in OUTCOME_TARGETS.items() for _ in range(count)]
    rng.shuffle(kinds)
    achievers = rng.sample(people, 52)
    for index, kind in enumerate(kinds):
        who = achievers[index % len(achievers)]
        earliest = max(who.first_met_on or year_start, year_start)
        latest = who.ended_on or today
        span = max((latest - earliest).days, 0)
        hours = rng.choice([8, 12, 16, 16, 20, 25, 30]) if kind == "employment" else None
        who.outcomes.append(
            DemoOutcome(
                kind,
                earliest + timedelta(days=rng.randint(0, span)),
                rng.choice(WORDS[kind]).format(hours=hours),
                hours,
                (hours or 0) >= 16 if kind == "employment" else None,
            )
        )

    for who in rng.sample(people[:60], 12):
        if who.first_met_on and who.first_met_on < year_start - timedelta(days=30):
            kind = rng.choice(list(OUTCOME_TARGETS))
            when = year_start - timedelta(days=rng.randint(1, 200))
            if when > who.first_met_on:
                who.outcomes.append(
                    DemoOutcome(kind, when, rng.choice(WORDS[kind]).format(hours=16))
                )

    for _ in range(ENDED_BEFORE):
        referred = year_start - timedelta(days=rng.randint(400, 1500))
        met = referred + timedelta(days=rng.randint(0, 7))
        ended = year_start - timedelta(days=rng.randint(1, 300))
        people.append(person(referred, met, ended, "moved_on"))

    for days_ago in (1, 3, 6)[:WAITING]:
        people.append(person(today - timedelta(days=days_ago), None, None, ""))
    add_timelines(people, today, seed)
    return people


FIRST_NOTES = (
    "First meeting over tea. Talked about what a good week would look like.",
    "Met at the Hub. Wants to take things slowly and come back next week.",
    "Talked about benefits worries first, then about work one day.",
    "Showed them round; they liked that nobody was behind a glass screen.",
)
GOALS = (
    ("Finish my English course", "do"),
    ("Get a job where people are kind", "economic"),
    ("Sort out my money so I can stop worrying", "economic"),
    ("See my sister more", "love"),
    ("Find somewhere quieter to live", "dwell"),
    ("Feel confident talking to people again", "communication"),
    ("Stop feeling like everyone is judging me", "acceptance"),
)
ACTIVITIES = (
    ("volunteering_placement", "A taster day at the community garden", "do"),
    ("course", "Computer skills course at the library", "do"),
    ("job_search", "Looking for part-time work with the IPS worker", "economic"),
    ("peer_support_training", "Peer-support training, Thursday mornings", "love"),
    ("paid_work_training", "Paid training with the carpet-cleaning team", "economic"),
)
ACHIEVEMENTS = (
    ("Came to the group three weeks running", "love"),
    ("Phoned the job centre on my own", "communication"),
    ("Cooked for my neighbour", "love"),
)
SERVICE_USE = (
    ("cmht_discharge", "Discharged from the community team in the spring", None, None, ""),
    ("medication_reduced", "My doctor and I agreed to halve the dose", None, None, ""),
    ("medication_stopped", "Stopped the tablets with my psychiatrist's support", None, None, ""),
    ("admission", "No hospital stays this year; two the year before", 2.0, 0.0, "year"),
    ("bed_days", "About ninety days in hospital the year before, none since", 90.0, 0.0, "year"),
    ("crisis_contacts", "Haven't needed the crisis team since joining", 6.0, 0.0, "year"),
    ("cpa_discharge", "Came off CPA", None, None, ""),
)


def add_timelines(people: list[DemoPerson], today: date, seed: int) -> None:
    """Meetings, goals, activities, achievements and service-use changes, from their own seed.

    A separate random stream keeps the people, journeys and outcomes above unchanged.
    """
    rng = random.Random(seed + 1)
    for who in people:
        if who.first_met_on is None:
            continue
        who.work_at_joining = rng.choice(["out_of_work"] * 8 + ["in_work", ""])
        last = who.ended_on or today

        def some_day(after: date, last: date = last) -> date:
            return after + timedelta(days=rng.randint(0, max((last - after).days, 0)))

        who.entries.append(
            DemoEntry("meeting", who.first_met_on, rng.choice(FIRST_NOTES), "communication")
        )
        if rng.random() < 0.5:
            words, area = rng.choice(GOALS)
            who.entries.append(DemoEntry("goal", who.first_met_on, words, area))
        if rng.random() < 0.3:
            kind, words, area = rng.choice(ACTIVITIES)
            who.entries.append(DemoEntry("activity", some_day(who.first_met_on), words, area, kind))
        if rng.random() < 0.15:
            words, area = rng.choice(ACHIEVEMENTS)
            who.entries.append(DemoEntry("achievement", some_day(who.first_met_on), words, area))
        if rng.random() < 0.2:
            kind, words, before, after, period = rng.choice(SERVICE_USE)
            who.service_use.append(
                DemoServiceUse(kind, some_day(who.first_met_on), words, before, after, period)
            )
        for outcome in who.outcomes:
            if outcome.kind == "employment" and outcome.off_benefits:
                who.service_use.append(
                    DemoServiceUse("benefits_ended", outcome.achieved_on, "Stopped claiming UC")
                )
