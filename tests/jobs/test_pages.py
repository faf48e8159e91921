"""The jobs pages: your own jobs only (coordinators see all), a progress bar that polls."""

from __future__ import annotations

import pytest

from thrive.jobs.models import Job

pytestmark = pytest.mark.django_db


def job_of(user, **fields) -> Job:
    return Job.objects.create(
        kind="test_count", title=f"Counting for {user.username}", started_by=user, **fields
    )


def test_it_lists_only_the_jobs_a_person_started(login_as, worker, outsider):
    job_of(worker)
    job_of(outsider)
    page = login_as(worker).get("/jobs/").content.decode()
    assert "Counting for worker" in page
    assert "Counting for outsider" not in page


def test_it_lists_everyone_s_jobs_for_a_coordinator(login_as, coordinator, worker, outsider):
    job_of(worker)
    job_of(outsider)
    page = login_as(coordinator).get("/jobs/").content.decode()
    assert "Counting for worker" in page
    assert "Counting for outsider" in page


def test_it_hides_someone_else_s_job(login_as, worker, outsider):
    job = job_of(outsider)
    assert login_as(worker).get(f"/jobs/{job.pk}/").status_code == 404


def test_it_sends_strangers_to_log_in(client, worker):
    job = job_of(worker)
    for path in ("/jobs/", f"/jobs/{job.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


def test_it_shows_a_labelled_progress_bar_that_refreshes_itself(login_as, worker):
    job = job_of(worker, status=Job.Status.RUNNING, done=42, total=100, message="Counting")
    page = login_as(worker).get(f"/jobs/{job.pk}/").content.decode()
    assert '<h2 id="progress-heading">Progress</h2>' in page
    assert '<progress id="job-progress" max="100" value="42"' in page
    assert 'aria-labelledby="progress-heading"' in page
    assert 'aria-live="polite"' in page
    assert f'hx-get="/jobs/{job.pk}/" hx-trigger="every 2s"' in page
    assert "Counting — 42% done." in page
    assert f'<a href="/jobs/{job.pk}/">Refresh this page</a>' in page


def test_it_gives_htmx_the_status_alone_and_stops_polling_when_done(login_as, worker):
    job = job_of(worker, status=Job.Status.RUNNING, done=1, total=4)
    client = login_as(worker)
    running = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert running.status_code == 200
    assert b"<html" not in running.content
    job.finish({"url": "/economics/runs/7/", "label": "See the run"})
    done = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert done.status_code == 286
    assert b'href="/economics/runs/7/">See the run</a>' in done.content


def test_it_shows_a_failed_job_as_an_error_page_with_one_line(login_as, worker):
    job = job_of(worker)
    job.fail(ValueError("The file has no header row."))
    page = login_as(worker).get(f"/jobs/{job.pk}/").content.decode()
    assert "<title>Error: Counting for worker" in page
    assert "It did not finish: The file has no header row." in page
    assert "hx-get" not in page
