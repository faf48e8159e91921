"""A large PSA from the economics page runs as a job, on the database and on RQ alike.

The 200,000-iteration threshold is lowered by a setting so the runs stay small.
"""

from __future__ import annotations

import pytest

from thrive.economics.models import ScenarioRun
from thrive.jobs.models import Job

pytestmark = pytest.mark.django_db(transaction=True)

ITERATIONS = 3_000
SEED = 42


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.THRIVE_INLINE_ITERATIONS = 1_000


def ask_for_a_run(client, saved, iterations: int = ITERATIONS):
    return client.post(f"/economics/{saved.pk}/run/", {"seed": SEED, "iterations": iterations})


def test_it_answers_a_million_iterations_with_a_job_page_at_once(
    login_as, coordinator, saved_scenario, settings
):
    settings.THRIVE_INLINE_ITERATIONS = 200_000
    response = ask_for_a_run(login_as(coordinator), saved_scenario, 1_000_000)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == "economics_run"
    assert job.started_by == coordinator
    assert job.title == "Economic run of “Seven participants”, 1,000,000 iterations"
    assert job.params["iterations"] == 1_000_000
    assert not ScenarioRun.objects.exists()


def test_it_runs_at_most_the_threshold_inside_the_request_as_before(
    login_as, coordinator, saved_scenario
):
    response = ask_for_a_run(login_as(coordinator), saved_scenario, 1_000)
    run = ScenarioRun.objects.get()
    assert response["Location"] == f"/economics/runs/{run.pk}/"
    assert not Job.objects.exists()


def test_it_saves_the_same_run_on_the_database_worker_as_inside_the_request(
    login_as, coordinator, saved_scenario, run_waiting_jobs
):
    ask_for_a_run(login_as(coordinator), saved_scenario)
    run_waiting_jobs()
    assert_same_as_inline(Job.objects.get(), saved_scenario, coordinator)


def test_it_saves_the_same_run_on_rq_with_redis(login_as, coordinator, saved_scenario, redis_jobs):
    ask_for_a_run(login_as(coordinator), saved_scenario)
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED
    redis_jobs()
    assert_same_as_inline(job, saved_scenario, coordinator)


def assert_same_as_inline(job: Job, saved, user) -> None:
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert (job.done, job.total) == (ITERATIONS, ITERATIONS)
    from_job = ScenarioRun.objects.get(pk=job.result["run"])
    assert job.result_url == f"/economics/runs/{from_job.pk}/"
    inline = saved.run(seed=SEED, iterations=ITERATIONS, user=user)
    assert from_job.result == inline.result
    assert (from_job.seed, from_job.iterations) == (SEED, ITERATIONS)
    assert from_job.toml == inline.toml
    assert from_job.scenario_sha256 == inline.scenario_sha256
    assert from_job.created_by == user


def test_it_runs_the_text_as_it_was_when_run_was_pressed(
    login_as, coordinator, saved_scenario, run_waiting_jobs
):
    text = saved_scenario.toml
    ask_for_a_run(login_as(coordinator), saved_scenario)
    saved_scenario.toml = text.replace("Seven", "Eight", 1)
    saved_scenario.save()
    run_waiting_jobs()
    assert ScenarioRun.objects.get().toml == text


def test_it_shows_a_broken_scenario_on_the_form_and_starts_no_job(
    login_as, coordinator, saved_scenario
):
    saved_scenario.toml = saved_scenario.toml.replace("people = ", "people = -", 1)
    saved_scenario.save()
    response = ask_for_a_run(login_as(coordinator), saved_scenario)
    assert response.status_code == 400
    assert b"<title>Error: " in response.content
    assert not Job.objects.exists()


def test_it_fails_in_one_line_when_the_scenario_was_deleted_meanwhile(
    login_as, coordinator, saved_scenario, run_waiting_jobs
):
    ask_for_a_run(login_as(coordinator), saved_scenario)
    saved_scenario.delete()
    run_waiting_jobs()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "\n" not in job.error
