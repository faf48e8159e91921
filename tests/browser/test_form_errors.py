"""A form with an error announces the hint and the error with the field; error pages pass axe."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from thrive.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def described_by(field) -> list[str]:
    """The text of each element the field's aria-describedby names (every one must exist)."""
    return field.evaluate(
        """el => (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
                 .map(id => { const d = document.getElementById(id);
                              if (!d) throw new Error('No element with id ' + id);
                              return d.textContent.trim(); })"""
    )


def test_it_announces_the_hint_and_the_error_of_a_self_referral_field(
    live_server, page: Page, assert_accessible
):
    page.goto(f"{live_server.url}/refer/")
    page.get_by_label("Phone or text").check()
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_title(re.compile("^Error: Refer yourself"))
    name = page.get_by_label("The name you'd like us to use")
    expect(name).to_have_accessible_description(
        re.compile("Any name you choose.*Please tell us a name to call you", re.S)
    )
    hint, error = described_by(name)
    assert hint.startswith("Any name you choose")
    assert error == "Error: Please tell us a name to call you."

    phone = page.get_by_label("Phone number")
    expect(phone).to_have_accessible_description(
        re.compile("Please give a phone number, or choose another way to reply")
    )
    summary = page.get_by_role("alert")
    link = summary.get_by_role("link", name=re.compile("^Phone number:"))
    assert link.get_attribute("href") == "#id_phone"
    assert_accessible(page)


def test_it_announces_the_password_rules_and_the_error_together(
    live_server, page: Page, log_in, assert_accessible, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    log_in(get_user_model().objects.create_user("alex", "", "old words here", role=Role.WORKER))
    page.goto(f"{live_server.url}/account/password/")
    page.get_by_role("button", name="Change password").click()

    expect(page).to_have_title(re.compile("^Error: Change your password"))
    new = page.get_by_label("New password", exact=True)
    expect(new).to_have_accessible_description(re.compile("characters.*Please fill this in"))
    assert len(described_by(new)) == 2
    assert_accessible(page)


def test_it_shows_the_error_pages_in_the_layout(live_server, page: Page, log_in, assert_accessible):
    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    expect(page.get_by_role("link", name="Go to the log-in page")).to_be_visible()
    assert_accessible(page)

    log_in(get_user_model().objects.create_user("sky", role=Role.CO_RESEARCHER))
    page.goto(f"{live_server.url}/audit/")
    expect(page).to_have_title(re.compile("^Not open to your account"))
    page.get_by_role("link", name="Go to your dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    assert_accessible(page)
