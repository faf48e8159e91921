"""The study report page in a real browser: build, watch the progress, download."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_jobs import worker_in_a_thread
from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_builds_the_report_as_a_job_and_then_offers_both_files(
    coordinator_in, live_server, page: Page, assert_accessible
):
    load_demo()
    inquiry = Inquiry.objects.get(title=DEMO_INQUIRY)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/")
    page.get_by_role("link", name="Study report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Study report")
    expect(page.get_by_text("No report has been built yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Build the report").click()
    expect(page.get_by_role("status")).to_contain_text("Waiting for a worker")
    worker_in_a_thread().join(timeout=120)
    link = page.get_by_role("link", name="Download the report")
    expect(link).to_be_visible(timeout=20_000)  # htmx polls the page every 2 s
    link.click()
    expect(page.get_by_role("link", name="The report as PDF")).to_be_visible()
    expect(page.get_by_role("link", name="The report as HTML")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="The report as PDF").click()
    assert download.value.suggested_filename == f"study-report-{inquiry.pk}.pdf"
