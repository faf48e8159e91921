"""A coordinator pages through long people and referral lists, by keyboard and screen reader."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from thrive.journeys.models import Journey, Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def many_people():
    people = Person.objects.bulk_create(
        Person(reference=f"B-{n:04d}", name=f"Person {n:04d}") for n in range(120)
    )
    Journey.objects.bulk_create(
        Journey(person=p, referred_on=date(2025, 1, 1) + timedelta(days=n))
        for n, p in enumerate(people)
    )


def test_it_pages_the_people_list_with_labelled_links(
    many_people, coordinator_in, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/people/")
    pages = page.get_by_role("navigation", name="Pages of people")
    expect(pages).to_contain_text("Page 1 of 3")
    assert_accessible(page)
    pages.get_by_role("link", name="Next page").click()
    expect(page).to_have_title(re.compile(r"^People \(page 2\)"))
    expect(page.get_by_role("link", name="Person 0050")).to_be_visible()
    pages = page.get_by_role("navigation", name="Pages of people")
    pages.get_by_role("link", name="Last page").click()
    expect(pages).to_contain_text("Page 3 of 3")
    expect(page.get_by_role("link", name="Person 0119")).to_be_visible()
    assert_accessible(page)


def test_it_pages_the_referral_list_with_one_navigation_per_list(
    many_people, coordinator_in, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/referrals/")
    pages = page.get_by_role("navigation", name="Pages of referrals waiting to be matched")
    expect(pages).to_contain_text("Page 1 of 3")
    assert_accessible(page)
