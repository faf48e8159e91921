"""With the Content Security Policy on, the busiest pages load without one violation,
and htmx still swaps (matching a referral, applying a code)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.test_inquiry import code_passage
from thrive.accounts.models import Role
from thrive.economics.models import SavedScenario
from thrive.inquiry.models import Inquiry
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(page: Page, context):
    """The page, with every CSP violation it reports (events and console) collected."""
    context.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda message: console.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )

    def violations() -> list[str]:
        return [*page.evaluate("window.__violations || []"), *console]

    return violations


def test_it_loads_dashboard_coding_and_economics_pages_without_a_violation(
    coordinator_in, live_server, page: Page, watched
):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "default-src 'self'" in page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert watched() == []

    inquiry = Inquiry.objects.create_inquiry("Welcome", user=coordinator_in)
    inquiry.team.add(coordinator_in)
    text = "P1: The warm welcome mattered most. My worker never rushed me.\n"
    transcript = inquiry.add_transcript("Interview one", text)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/")
    code_passage(page, "warm welcome mattered", "Somewhere to dwell (validating)", text)
    page.reload()
    expect(page.locator("#transcript-text mark").first).to_be_visible()
    assert watched() == []

    scenario = SavedScenario.objects.get(name__contains="worked example")
    page.goto(f"{live_server.url}/economics/{scenario.pk}/")
    page.get_by_label("Seed").fill("7")
    page.get_by_label("Iterations").fill("2000")
    page.get_by_role("button", name="Run scenario").click()
    expect(page.locator("#chart-tornado svg")).to_be_visible()
    assert watched() == []


def test_it_matches_a_referral_with_htmx_under_the_policy(
    coordinator_in, live_server, page: Page, watched
):
    get_user_model().objects.create_user("alex", role=Role.WORKER, first_name="Alex")
    sam = Person.refer(on=date(2025, 4, 1), name="Sam", journey={})
    page.goto(f"{live_server.url}/referrals/")
    row = page.locator(f"#referral-{sam.journeys.get().pk}")
    row.get_by_label("Match Sam with").select_option(label="Alex (worker, supports 0 now)")
    row.get_by_role("button", name="Match").click()
    expect(page.get_by_text("Sam is matched with Alex.")).to_be_visible()
    assert page.locator(".messages").count() == 0  # swapped by htmx, not a full page post
    expect(page.locator("#unmatched-count")).to_have_text("0")  # the counts follow, out of band
    expect(page.locator("#matched-count")).to_have_text("1")
    assert watched() == []
