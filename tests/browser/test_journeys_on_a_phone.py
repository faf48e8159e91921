"""A worker on a phone finds someone by search, records a meeting, marks a goal reached, then
pauses and resumes the journey: the "done when" of issue 12."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from thrive.accounts.models import Role
from thrive.journeys.models import Goal, Person

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> None:
    """Nothing on the page makes it scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_worker_finds_someone_records_a_meeting_marks_a_goal_reached_and_pauses_on_a_phone(
    live_server, page: Page, log_in, assert_accessible, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    worker = get_user_model().objects.create_user("alex", role=Role.WORKER, first_name="Alex")
    sam = Person.refer(on=date(2025, 3, 1), name="Sam Ó Súilleabháin", journey={})
    sam.supporters.add(worker)
    for name in ("Samira Okafor", "Ada Byrne", "Tom Kerr"):
        Person.refer(on=date(2025, 3, 1), name=name, journey={}).supporters.add(worker)
    Goal.objects.create(
        journey=sam.open_journey, set_on=date(2025, 3, 2), in_their_words="Get my CSCS card"
    )
    log_in(worker)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/people/mine/")
    expect(page.get_by_role("heading", name="Your people")).to_be_visible()
    assert_accessible(page)
    fits(page)
    people = page.get_by_role("link", name="People", exact=True)
    expect(people).to_be_hidden()  # folded into the menu, with the search box
    page.get_by_role("button", name="Menu").click()
    expect(people).to_be_visible()
    assert_accessible(page)
    fits(page)
    page.get_by_role("search", name="Find a person").get_by_label("Find a person by name").fill(
        "sam o suil"
    )
    page.get_by_role("search", name="Find a person").get_by_role("button", name="Find").click()
    expect(page.get_by_text("1 found.")).to_be_visible()
    expect(page.get_by_role("link", name="Samira Okafor")).to_have_count(0)
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Sam Ó Súilleabháin").click()

    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Note, written together").fill("Talked through the site induction.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Talked through the site induction.")).to_be_visible()

    page.get_by_role("link", name="Mark reached").click()
    page.get_by_label("What they said about reaching it").fill("Passed first time!")
    assert_accessible(page)
    page.get_by_role("button", name="Mark it reached").click()
    expect(page.get_by_text("Passed first time!")).to_be_visible()

    page.get_by_role("link", name="They would like a pause").click()
    page.get_by_label("In their words").fill("Back after the summer")
    page.get_by_role("button", name="Pause the journey").click()
    expect(page.locator("[data-state=paused]")).to_contain_text("Paused since")
    assert_accessible(page)
    fits(page)

    page.get_by_role("link", name="They are back: pick the journey up again").click()
    page.get_by_role("button", name="Pick it up again").click()
    expect(page.locator("[data-state=open]")).to_contain_text("Going on")
    assert_accessible(page)
    fits(page)
