"""Locust users for benchmarks/load.py: workers, a coordinator and co-researchers using Thrive.

Each user starts from a signed-in session that load.py made, opens the dashboard (which sets
the CSRF cookie its forms need), then clicks through pages with 2–6 s between clicks
(THRIVE_LOAD_THINK, such as 1-3). The ids to visit come from the plan that benchmarks/load.py
writes (THRIVE_LOAD_PLAN). Any answer but the expected status counts as a failure.

    locust -f benchmarks/locustfile.py --headless -u 50 -r 10 -t 5m \\
        --host http://127.0.0.1:PORT --csv results/locust
"""

from __future__ import annotations

import itertools
import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["THRIVE_LOAD_PLAN"]).read_text())
NOTES = (
    "Met at the Hub over tea; talked about the café job and what a good week looks like.",
    "Phoned them; they want to try the Tuesday volunteering shift next week.",
    "Went with them to the job centre. They did most of the talking.",
    "Talked about money worries first, then about the course at the library.",
)
WORKERS = itertools.cycle(sorted(PLAN["caseloads"]))
RESEARCHERS = itertools.cycle(PLAN["researchers"])
THINK = tuple(float(s) for s in os.environ.get("THRIVE_LOAD_THINK", "2-6").split("-"))
SESSIONS = {name: itertools.cycle(keys) for name, keys in PLAN["sessions"].items()}


class ThriveUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    username = ""

    def on_start(self) -> None:
        """Start signed in (a session made by load.py), then open the dashboard as people do."""
        session = next(SESSIONS[self.username])
        self.client.cookies.set(PLAN["session_cookie"], session)
        self.read("/", "dashboard")
        if not self.client.cookies.get("csrftoken"):
            raise RuntimeError("The dashboard set no CSRF cookie; the session did not sign in.")

    def read(self, address: str, name: str) -> None:
        with self.client.get(
            address, name=name, allow_redirects=False, catch_response=True
        ) as reply:
            if reply.status_code != 200:
                reply.failure(f"answered {reply.status_code}")

    def post(self, address: str, data: dict, name: str) -> None:
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            address, data=data, name=name, allow_redirects=False, catch_response=True
        ) as reply:
            if reply.status_code != 302:
                reply.failure(f"answered {reply.status_code}, not a redirect after saving")

    @task(2)
    def dashboard(self) -> None:
        self.read("/", "dashboard")


class CaseWorker(ThriveUser):
    """A worker or peer supporter: their caseload, a person's timeline, a meeting note."""

    weight = 6

    def on_start(self) -> None:
        self.username = next(WORKERS)
        self.caseload = PLAN["caseloads"][self.username]
        super().on_start()

    @task(3)
    def people(self) -> None:
        self.read("/people/", "people list")

    @task(4)
    def person(self) -> None:
        self.read(f"/people/{random.choice(self.caseload)}/", "a person")

    @task(1)
    def outcomes(self) -> None:
        self.read("/reports/outcomes/", "outcome report")

    @task(2)
    def meeting_note(self) -> None:
        met_on = date.today() - timedelta(days=1)
        self.post(
            f"/people/{random.choice(self.caseload)}/add/meeting/",
            {"met_on": met_on.isoformat(), "in_their_words": random.choice(NOTES), "area": ""},
            "add a meeting note",
        )


class Coordinator(ThriveUser):
    """The coordinator: everyone, any page of the people list, new referrals, the report."""

    weight = 2

    def on_start(self) -> None:
        self.username = PLAN["coordinator"]
        super().on_start()

    @task(3)
    def people(self) -> None:
        page = random.choice([1, 1, 1, random.randint(2, PLAN["people_pages"])])
        self.read(f"/people/?page={page}", "people list")

    @task(3)
    def person(self) -> None:
        self.read(f"/people/{random.choice(PLAN['everyone'])}/", "a person")

    @task(1)
    def referrals(self) -> None:
        self.read("/referrals/", "new referrals")

    @task(1)
    def outcomes(self) -> None:
        self.read("/reports/outcomes/", "outcome report")


class CoResearcher(ThriveUser):
    """Someone on the inquiry team: opens transcripts and codes passages."""

    weight = 2

    def on_start(self) -> None:
        self.username = next(RESEARCHERS)
        super().on_start()

    def transcript(self) -> tuple[str, int]:
        pk, length = random.choice(PLAN["transcripts"])
        return f"/inquiries/{PLAN['inquiry']}/transcripts/{pk}/", length

    @task(3)
    def read_transcript(self) -> None:
        address, _ = self.transcript()
        self.read(address, "a transcript")

    @task(3)
    def code_passage(self) -> None:
        address, length = self.transcript()
        start = random.randrange(0, max(length - 400, 1))
        self.post(
            f"{address}code/",
            {
                "start": start,
                "end": start + random.randint(40, 300),
                "codes": [random.choice(PLAN["codes"])],
            },
            "add a coding",
        )
