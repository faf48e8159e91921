"""The appendix tables and the framework table read well in a browser, on a phone too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.reports.tables_study import make_tables_study

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("page_name", ["appendix", "framework"])
def test_the_tables_are_accessible_and_never_scroll_the_page_sideways_on_a_phone(
    coordinator, live_server, page: Page, log_in, assert_accessible, page_name
):
    study = make_tables_study(coordinator)
    log_in(coordinator)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/reports/inquiry/{study.inquiry.pk}/{page_name}/")
    expect(page).to_have_title(re.compile("table", re.IGNORECASE))
    expect(page.locator(".table-scroll").first).to_be_visible()
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, f"the {page_name} page scrolls sideways at 390 px"
    overflowing = page.evaluate(
        """[...document.querySelectorAll('td, th, .table-warnings li')]
             .filter(el => el.scrollWidth > el.clientWidth + 1).length"""
    )
    assert overflowing == 0, "some text overflows its cell"
    broken = page.evaluate(
        """[...document.querySelectorAll('th')].filter(th => {
             const range = document.createRange();
             range.selectNodeContents(th);
             const words = th.textContent.trim().split(/\\s+/).length;
             return range.getClientRects().length > words;
           }).map(th => th.textContent)"""
    )
    assert broken == [], "a heading breaks inside a word"
