"""A PSA of a million iterations runs as a job: a progress bar, and the site stays usable."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def worker_in_a_thread() -> threading.Thread:
    """The database backend's worker, as `thrive worker --batch` runs it, beside the live server."""

    def work() -> None:
        try:
            Worker(
                queue_names=["default"],
                interval=0.1,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="browser-test",
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_it_runs_a_million_iteration_psa_as_a_job_with_a_progress_bar(
    coordinator_in, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/economics/")
    page.get_by_role("link", name="Seven inquiry participants (worked example)", exact=True).click()
    page.get_by_label("Seed").fill("7")
    page.get_by_label("Iterations").fill("1000000")
    page.get_by_role("button", name="Run scenario").click()

    title = "Economic run of “Seven inquiry participants (worked example)”, 1,000,000 iterations"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    progress = page.get_by_role("progressbar", name="Progress")
    expect(progress).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting for a worker")
    assert_accessible(page)
    job_page = page.url

    page.get_by_role("link", name="Jobs", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobs")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    assert page.url == job_page

    worker = worker_in_a_thread()
    see_the_run = page.get_by_role("link", name="See the run")
    expect(see_the_run).to_be_visible(timeout=60_000)  # htmx polling, no reload
    expect(progress).to_have_attribute("value", "100")
    expect(page.get_by_role("status")).to_contain_text("Finished all 1,000,000 iterations.")
    assert_accessible(page)
    worker.join(timeout=30)

    see_the_run.click()
    expect(page.locator("[data-figure=seed]")).to_have_text("7")
    expect(page.get_by_role("main")).to_contain_text("1,000,000")
