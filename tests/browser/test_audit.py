"""The audit log in a real browser: filters, page links and an error, all accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from thrive.audit.models import AuditEvent

pytestmark = pytest.mark.browser


def test_it_pages_filters_and_explains_a_bad_date_accessibly(
    live_server, page: Page, coordinator_in, assert_accessible
):
    AuditEvent.objects.bulk_create(
        AuditEvent(username="alex", action="view", subject_type="person", subject_id="7")
        for _ in range(60)
    )
    page.goto(f"{live_server.url}/audit/")
    page.get_by_label("Person number").fill("7")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("table")).to_contain_text("60 events, page 1 of 2")
    pages = page.get_by_role("navigation", name="Pages of the audit log")
    expect(pages.get_by_role("link", name="Page 1 of 2")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    pages.get_by_role("link", name="Older").click()
    expect(page).to_have_url(re.compile(r"person=7&page=2$"))
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(10)

    page.goto(f"{live_server.url}/audit/?person=7&from=soon")
    expect(page.get_by_role("alert")).to_contain_text("The from date should look like 2025-04-30.")
    assert_accessible(page)
