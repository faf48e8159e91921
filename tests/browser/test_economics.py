"""A coordinator opens the demo's worked example, runs it with a seed and reads the answer."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_runs_the_worked_example_and_shows_the_case(
    coordinator_in, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/economics/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Economic case")
    assert_accessible(page)

    page.get_by_role("link", name="Seven inquiry participants (worked example)", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Seven inquiry participants (worked example)"
    )
    assert_accessible(page)
    page.get_by_label("Seed").fill("7")
    page.get_by_label("Iterations").fill("5000")
    page.get_by_role("button", name="Run scenario").click()

    expect(page.locator("[data-figure=seed]")).to_have_text("7")
    expect(page.locator("[data-figure=ratio]")).to_have_text("4.07")
    expect(page.locator("[data-figure=interval]")).to_contain_text(" to £")
    tornado = page.locator("#chart-tornado svg")
    expect(tornado).to_be_visible()
    expect(tornado.locator("title")).to_contain_text("sensitivity")
    page.get_by_text("The same as a table").first.click()
    expect(page.locator("#chart-tornado table")).to_contain_text(
        "How much of the change the service can claim (attribution)"
    )
    assert_accessible(page)


def test_it_shows_an_error_summary_for_a_broken_scenario(
    coordinator_in, live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/economics/new/")
    page.get_by_label("Name on this page").fill("Broken")
    page.get_by_label("Start from").select_option("")
    page.get_by_label("Scenario (TOML)").fill('[scenario]\nname = "x"\n')
    page.get_by_role("button", name="Create scenario").click()
    expect(page).to_have_title("Error: New scenario – Thrive")
    expect(page.locator(".error-summary")).to_contain_text("scenario.people")
    assert_accessible(page)
