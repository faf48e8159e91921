"""A commissioner builds a scenario in plain words, runs it, reads who saves what, takes the PDF."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def commissioner_in(log_in, settings, django_user_model):
    from thrive.accounts.models import Role

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_user("kim", password="x", role=Role.VIEWER)
    return log_in(user)


def readable_here_and_on_a_phone(page: Page, assert_accessible) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, f"{page.url} scrolls sideways at 390 px"
    spilling = page.evaluate(
        "[...document.querySelectorAll('.figure dd')].filter(d => d.scrollWidth > d.clientWidth)"
        ".map(d => d.textContent)"
    )
    assert not spilling, f"headline figures overflow their cards at 390 px: {spilling}"
    page.set_viewport_size(desktop)


def test_a_commissioner_builds_runs_and_takes_the_report_away(
    commissioner_in, live_server, page: Page, assert_accessible, tmp_path
):
    page.goto(f"{live_server.url}/economics/")
    page.get_by_role("link", name="Build a scenario in plain words").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Build a scenario")
    readable_here_and_on_a_phone(page, assert_accessible)

    page.get_by_label("Name", exact=True).fill("Peer support for twenty people")
    page.get_by_label("How many people", exact=True).fill("20")
    page.locator("#b-cost-mode").fill("60000")
    page.locator("#b-cost-low").fill("50000")
    page.locator("#b-cost-high").fill("80000")
    page.locator("#b-cost-high").blur()
    expect(page.locator("#b-cost-picture svg")).to_be_visible()  # drawn as soon as it changes
    page.get_by_label("Change 1: which service").select_option(label="CMHT contacts")
    page.get_by_label("Change 1: how many people").fill("12")
    page.locator("#b-effect0_change-shape").select_option("triangular")
    page.locator("#b-effect0_change-mode").fill("-20")
    page.locator("#b-effect0_change-low").fill("-30")
    page.locator("#b-effect0_change-high").fill("-5")
    page.locator("#b-attribution-shape").select_option("beta")
    page.locator("#b-attribution-mean").fill("0.5")
    page.locator("#b-attribution-sd").fill("0.1")
    page.get_by_role("button", name="Save scenario").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support for twenty people")
    page.get_by_label("Seed").fill("11")
    page.get_by_label("Iterations").fill("2000")
    page.get_by_role("button", name="Run scenario").click()

    expect(page.locator("[data-figure=sentence]")).to_contain_text(
        "For 20 people over 1 year, the service costs £"
    )
    expect(page.locator("[data-figure=interval]")).to_contain_text(" to ")
    readable_here_and_on_a_phone(page, assert_accessible)

    page.get_by_role("link", name="Who saves what (by payer)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who saves what")
    expect(page.locator("#by-payer")).to_contain_text("NHS")
    readable_here_and_on_a_phone(page, assert_accessible)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith("-report.pdf")
