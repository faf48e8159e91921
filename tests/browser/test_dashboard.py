"""A coordinator logs in to the demo service and reads this year's figures."""

import pytest
from playwright.sync_api import Page, expect

from thrive.demo.load import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return load_demo()


def test_it_logs_in_and_shows_seventy_outcomes_and_sixty_two_percent(
    demo, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/account/login/")
    expect(page).to_have_title("Log in – Thrive")
    assert_accessible(page)

    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("[data-figure=total_outcomes]")).to_have_text("70")
    expect(page.locator("[data-figure=outcome_ratio]")).to_have_text("62%")
    expect(page.locator("[data-figure=people_supported]")).to_have_text("113")
    assert_accessible(page)


def test_it_shows_a_commissioner_figures_but_no_names(demo, live_server, page: Page, log_in):
    from django.contrib.auth import get_user_model

    log_in(get_user_model().objects.get(username="commissioner"))
    page.goto(live_server.url)
    expect(page.locator("[data-figure=total_outcomes]")).to_have_text("70")
    expect(page.get_by_text("New referrals waiting")).to_have_count(0)
