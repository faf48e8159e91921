"""A coordinator creates a login in the browser; the newcomer sets a password on their phone
and signs in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from thrive.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_login_is_made_passed_on_and_used(
    live_server, page: Page, browser: Browser, log_in, assert_accessible, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cora = get_user_model().objects.create_user("cora", role=Role.COORDINATOR, first_name="Cora")
    log_in(cora)

    page.goto(f"{live_server.url}/logins/")
    assert_accessible(page)
    page.get_by_role("link", name="Create a login").click()
    page.get_by_label("Username").fill("sam.p")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Worker", exact=True).check()
    page.get_by_label("A peer supporter").check()
    page.get_by_role("button", name="Create the login").click()
    expect(page.get_by_role("heading", name="Sam has a login")).to_be_visible()
    assert_accessible(page)
    link = page.locator("code").inner_text()

    # Their own phone: no session of Cora's.
    newcomer = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(newcomer)
    assert newcomer.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    newcomer.get_by_label("New password", exact=True).fill("short")
    newcomer.get_by_label("New password confirmation").fill("short")
    newcomer.get_by_role("button", name="Set my password").click()
    expect(newcomer.locator("#id_new_password1_error")).to_contain_text("too short")
    newcomer.get_by_label("New password", exact=True).fill("a quiet walk by the canal")
    newcomer.get_by_label("New password confirmation").fill("a quiet walk by the canal")
    newcomer.get_by_role("button", name="Set my password").click()
    expect(newcomer.get_by_text("Your password is set")).to_be_visible()
    newcomer.get_by_label("Username").fill("sam.p")
    newcomer.get_by_label("Password").fill("a quiet walk by the canal")
    newcomer.get_by_role("button", name="Log in").click()
    newcomer.get_by_role("button", name="Menu").click()  # the account folds into it on a phone
    expect(newcomer.get_by_text("Sam · Peer supporter")).to_be_visible()
