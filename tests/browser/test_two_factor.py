"""Two-factor set-up and the code page are accessible, and a real code logs in."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_it_sets_up_two_factor_then_asks_for_the_code_at_login(
    coordinator_in, live_server, page: Page, context, assert_accessible
):
    page.goto(f"{live_server.url}/account/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    expect(page.locator("#two-factor-key")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Six-digit code").fill("12")
    page.get_by_role("button", name="Turn two-factor sign-in on").click()
    expect(page).to_have_title("Error: Two-factor sign-in – Thrive")
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=coordinator_in)
    page.get_by_label("Six-digit code").fill(code_now(device))
    page.get_by_role("button", name="Turn two-factor sign-in on").click()
    expect(page.get_by_text("Two-factor sign-in is on.").first).to_be_visible()

    context.clear_cookies()
    coordinator_in.set_password("a long enough phrase 9")
    coordinator_in.save()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the set-up code may be reused
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill("a long enough phrase 9")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_label("Six-digit code").fill(code_now(device))
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))
    ).to_be_visible()
