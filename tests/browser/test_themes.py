"""A co-researcher groups codes into themes in the browser, on a phone-sized screen too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.inquiry.theme_study import make_study
from thrive.inquiry.themes import Theme

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_co_researcher_makes_a_theme_adds_codes_and_sees_where_it_came_from(
    django_user_model, live_server, page: Page, log_in, assert_accessible
):
    study = make_study(django_user_model)
    log_in(study.ana)
    themes_page = f"{live_server.url}/inquiries/{study.inquiry.pk}/themes/"
    page.goto(themes_page)
    expect(page).to_have_title(re.compile("^Themes"))
    assert_accessible(page)

    page.get_by_label("Name", exact=True).fill("Somewhere to dwell")
    page.get_by_label("Validating", exact=True).check()
    page.get_by_label("Roots").check()
    page.get_by_role("button", name="Add the theme").click()
    expect(page.get_by_text("Added the theme Somewhere to dwell.")).to_be_visible()

    page.get_by_role("link", name="Somewhere to dwell", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Somewhere to dwell")
    page.get_by_label("Places > Warm home").check()
    page.get_by_label("Places > Cold flat").check()
    page.get_by_role("button", name="Add the codes").click()
    expect(page.get_by_text("Added 2 codes to Somewhere to dwell.")).to_be_visible()
    expect(page.get_by_text("3: P1, P2, P3")).to_be_visible()
    expect(page.get_by_text("Added Places > Cold flat; Places > Warm home.")).to_be_visible()
    assert_accessible(page)

    # A refused rename: one clear message, and the page says so in its title.
    Theme.objects.create_theme(study.inquiry, "Work")
    page.locator("#id_edit-name").fill("work")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("There is already a theme called “Work”")
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(themes_page)
    expect(page.get_by_text("Places > Warm home")).to_be_visible()
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the themes page scrolls sideways at 390 px"
    page.goto(f"{themes_page}{Theme.objects.get(name='Somewhere to dwell').pk}/")
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "a theme's page scrolls sideways at 390 px"
