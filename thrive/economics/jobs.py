"""Economic runs too long for a request: above 200,000 iterations they run as a job."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from thrive.economics.models import SavedScenario
from thrive.jobs.models import Job
from thrive.jobs.registry import job_kind

INLINE_ITERATIONS = 200_000
KIND = "economics_run"


def inline_limit() -> int:
    """The most iterations run inside the request; tests lower it with a setting."""
    return getattr(settings, "THRIVE_INLINE_ITERATIONS", INLINE_ITERATIONS)


def runs_as_job(iterations: int) -> bool:
    return iterations > inline_limit()


def start_run(saved: SavedScenario, *, seed: int, iterations: int, user=None) -> Job:
    """Check the scenario now (so mistakes show on the form), then queue the run.

    The job keeps the text as it was when the person pressed Run, so later edits
    cannot change a run already asked for.
    """
    saved.parsed()
    return Job.start(
        KIND,
        f"Economic run of “{saved.name}”, {iterations:,} iterations",
        user=user,
        params={"scenario": saved.pk, "toml": saved.toml, "seed": seed, "iterations": iterations},
    )


@job_kind(KIND)
def run_scenario(job: Job) -> dict[str, Any]:
    """Run the PSA block by block, reporting progress, and save the run as the page does."""
    saved = SavedScenario.objects.get(pk=job.params["scenario"])
    saved.toml = job.params["toml"]
    iterations = int(job.params["iterations"])
    done = 0
    job.report_progress(0, iterations, "Running the numbers")

    def progress(block: int) -> None:
        nonlocal done
        done += block
        job.report_progress(done, iterations, "Running the numbers")

    run = saved.run(
        seed=int(job.params["seed"]), iterations=iterations, user=job.started_by, progress=progress
    )
    job.report_progress(iterations, iterations, f"Finished all {iterations:,} iterations.")
    return {"url": reverse("economics:run", args=[run.pk]), "label": "See the run", "run": run.pk}
