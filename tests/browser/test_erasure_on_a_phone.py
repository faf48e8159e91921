"""A worker passes on a request to be erased from a phone; the coordinator erases, typing the
person's name; and the thanks page a person sees after referring says what the coordinator set."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from thrive.accounts.models import Role
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_request_to_be_erased_goes_from_the_worker_to_the_coordinator(
    live_server, page: Page, log_in, assert_accessible, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = get_user_model().objects
    alex = users.create_user("alex", role=Role.WORKER, first_name="Alex")
    cora = users.create_user("cora", role=Role.COORDINATOR, first_name="Cora")
    sam = Person.refer(on=date(2025, 3, 1), name="Sam Reed", journey={"in_their_words": "Work"})
    sam.supporters.add(alex)

    log_in(alex)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people/{sam.pk}/")
    expect(page.get_by_role("link", name="Erase Sam Reed’s record")).to_have_count(0)
    page.get_by_role("link", name="Pass on their request to be erased").click()
    page.get_by_label("Anything the coordinator should know").fill("Text them when it is done.")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Pass it on").click()
    expect(page.get_by_text("Passed on.")).to_be_visible()

    page.context.clear_cookies()
    log_in(cora)
    coordinator = page
    coordinator.goto(f"{live_server.url}/people/erasure-requests/")
    expect(coordinator.get_by_text("Text them when it is done.")).to_be_visible()
    assert_accessible(coordinator)
    fits(coordinator)
    coordinator.get_by_role("link", name="Sam Reed").click()
    expect(coordinator.get_by_role("heading", name="This cannot be undone")).to_be_visible()
    assert_accessible(coordinator)
    fits(coordinator)
    coordinator.get_by_label("To erase, type their name").fill("Sam")
    coordinator.get_by_role("button", name="Erase Sam Reed for good").click()
    expect(coordinator).to_have_title(re.compile(f"^Error: Erase {sam.reference}"))
    assert Person.objects.filter(pk=sam.pk).exists()
    coordinator.get_by_label("To erase, type their name").fill("sam reed")
    coordinator.get_by_role("button", name="Erase Sam Reed for good").click()
    expect(coordinator.get_by_text(f"Person #{sam.pk} has been erased.")).to_be_visible()
    assert not Person.objects.filter(pk=sam.pk).exists()


def test_the_thanks_page_says_what_the_coordinator_set_on_a_phone(
    live_server, page: Page, log_in, assert_accessible
):
    cora = get_user_model().objects.create_user("cora", role=Role.COORDINATOR)
    log_in(cora)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/referrals/settings/")
    page.get_by_label("When you are open").fill("Monday to Friday, 10am to 4pm")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Save").click()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/refer/")
    page.get_by_label("The name you'd like us to use").fill("Jo")
    page.get_by_label("I'll drop in").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Monday to Friday, 10am to 4pm")).to_be_visible()
    expect(page.get_by_role("heading", name="If things feel too much right now")).to_be_visible()
    assert_accessible(page)
    fits(page)
