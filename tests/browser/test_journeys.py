"""A person refers themselves on a phone; a coordinator matches them; a worker records with them."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from thrive.accounts.models import Role
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User = get_user_model()
    coordinator = User.objects.create_user("robin", role=Role.COORDINATOR, first_name="Robin")
    worker = User.objects.create_user("alex", role=Role.WORKER, first_name="Alex")
    return coordinator, worker


def figure(page: Page, key: str) -> str:
    return page.locator(f"[data-figure={key}]").first.inner_text()


def test_it_takes_a_self_referral_through_to_an_outcome_in_the_report(
    team, live_server, page: Page, context, log_in, assert_accessible
):
    coordinator, worker = team
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/refer/")
    expect(page).to_have_title(re.compile("^Refer yourself"))
    assert_accessible(page)
    page.get_by_label("The name you'd like us to use").fill("Sam")
    page.get_by_label("Phone or text").check()
    page.get_by_label("Phone number").fill("07700 900555")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_text("within two working days")).to_be_visible()
    sam = Person.objects.get(name="Sam")

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(coordinator)
    page.goto(f"{live_server.url}/reports/outcomes/")
    before = int(figure(page, "total_outcomes"))
    people_before = int(figure(page, "people_supported"))

    page.goto(f"{live_server.url}/referrals/")
    row = page.locator(f"#referral-{sam.journeys.get().pk}")
    expect(row).to_contain_text("Sam")
    row.get_by_label("Match Sam with").select_option(label="Alex (worker)")
    row.get_by_role("button", name="Match").click()
    expect(page.get_by_text("Sam is matched with Alex.")).to_be_visible()

    context.clear_cookies()
    log_in(worker)
    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name="Sam").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam")
    assert_accessible(page)

    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Note, written together").fill("Talked about getting back to work, slowly.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("the same day as the referral")).to_be_visible()

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Their goal, in their words").fill("Finish my English course")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Record an outcome").click()
    expect(page).to_have_title(re.compile("^Record an outcome"))
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile("^Error: Record an outcome"))
    page.get_by_label("Kind of outcome").select_option("education")
    page.get_by_label("In their words").fill("Started the English course at college")
    page.get_by_role("button", name="Save").click()

    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Finish my English course")
    expect(timeline).to_contain_text("Started the English course at college")
    expect(timeline).to_contain_text("Talked about getting back to work")
    assert_accessible(page)

    page.goto(f"{live_server.url}/reports/outcomes/")
    assert int(figure(page, "total_outcomes")) == before + 1
    assert int(figure(page, "people_supported")) == people_before + 1
    assert_accessible(page)
