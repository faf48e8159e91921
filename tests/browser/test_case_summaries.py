"""A co-researcher writes a case summary in the browser, on a phone-sized screen too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.inquiry.case_summary_story import P1_SAYS, build
from thrive.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_co_researcher_drafts_a_summary_marks_it_ready_and_reads_its_history(
    django_user_model, live_server, page: Page, log_in, assert_accessible
):
    coordinator = django_user_model.objects.create_user("cora", password="x", role=Role.COORDINATOR)
    story = build(coordinator)
    researcher = django_user_model.objects.create_user(
        "sam", password="x", role=Role.CO_RESEARCHER, first_name="Sam"
    )
    story.inquiry.team.add(researcher)
    log_in(researcher)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/inquiries/{story.inquiry.pk}/case-summaries/")
    page.get_by_role("link", name="P1 – case summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case summary of P1")
    expect(page.get_by_text(P1_SAYS["hard"])).to_be_visible()
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the case summary scrolls sideways at 390 px"

    life = page.get_by_role("textbox", name="What the team writes").first
    life.fill("Home was a damp flat, and going out took courage.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved P1's case summary as a draft.")).to_be_visible()

    life.fill("Home was a damp flat; going out took courage, and P1 found it.\x07")
    page.get_by_role("button", name="Mark ready").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("holds control characters")
    assert_accessible(page)

    life.fill("Home was a damp flat; going out took courage, and P1 found it.")
    page.get_by_role("button", name="Mark ready").click()
    expect(page.get_by_text("Saved P1's case summary as ready.")).to_be_visible()
    page.get_by_role("link", name="Earlier versions").click()
    expect(page.get_by_role("heading", name="Version 1 (draft)")).to_be_visible()
    expect(page.get_by_text("Home was a damp flat, and going out took courage.")).to_be_visible()
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the history scrolls sideways at 390 px"
