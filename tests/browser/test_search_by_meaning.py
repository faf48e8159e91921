"""Searching by meaning on a phone: a search in plain words, passages like one, the span."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.test_content_security_policy import LISTEN
from tests.inquiry.back_to_work import SECOND, back_to_work
from thrive.accounts.models import Role
from thrive.inquiry.meaning import refresh_vectors

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def no_policy_violations(page: Page) -> None:
    assert page.evaluate("window.__violations") == []


def test_a_researcher_searches_by_meaning_and_follows_a_passage_on_a_phone(
    live_server, page: Page, context, log_in, assert_accessible, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    researcher = get_user_model().objects.create_user("rae", role=Role.CO_RESEARCHER)
    inquiry = back_to_work(researcher)
    refresh_vectors(inquiry)

    log_in(researcher)
    context.add_init_script(LISTEN)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/search/")
    page.get_by_label("What to look for").fill("scared of returning to my job")
    page.get_by_label("Meaning").check()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="6 passages nearest in meaning")).to_be_visible()
    results = page.locator(".meaning-results > li")
    expect(results.first).to_contain_text("I was terrified of going back to work")
    expect(results.first.get_by_role("link", name="First (P1)")).to_be_visible()
    assert_accessible(page)
    fits(page)
    no_policy_violations(page)

    results.first.get_by_role("link", name="Passages like this one").click()
    expect(page.get_by_role("heading", name="5 passages nearest in meaning")).to_be_visible()
    expect(page.locator(".meaning-results > li").first).to_contain_text("calmed my nerves")
    assert_accessible(page)
    fits(page)
    no_policy_violations(page)

    page.locator(".meaning-results > li").first.get_by_role("link", name="Second (P2)").click()
    outlined = page.locator("#transcript-text .found")
    expect(outlined.first).to_be_visible()
    assert "".join(outlined.all_inner_texts()) == SECOND.splitlines()[1]
    assert_accessible(page)
    page.get_by_label("Find passages like").select_option(
        label="Passage 1: Interviewer: What helped?"
    )
    page.get_by_role("button", name="Passages like this one").click()
    expect(page.get_by_role("heading", name="The passage")).to_be_visible()
    expect(page.get_by_label("Find passages like")).to_have_value("0-25")
    fits(page)
    no_policy_violations(page)
