"""Two-factor sign-in with a authenticator app (TOTP): set up, log in with a code, turn off,
and required for coordinators when the service says so. Codes are real, computed from the key."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery"


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_now(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def device(worker):
    return TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)


def log_in_with_password(client, username: str = "worker", password: str = RIGHT):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_shows_the_secret_and_the_otpauth_address_to_set_up(login_as, worker):
    page = login_as(worker).get(reverse("accounts:two_factor"))
    text = page.content.decode()
    assert page.status_code == 200
    unconfirmed = TOTPDevice.objects.get(user=worker, confirmed=False)
    assert "otpauth://totp/" in text
    assert unconfirmed.config_url.split("secret=")[1][:16] in text.replace(" ", "")
    assert "<title>Two-factor sign-in" in text


def test_it_turns_two_factor_on_with_a_right_code(login_as, worker):
    client = login_as(worker)
    client.get(reverse("accounts:two_factor"))
    unconfirmed = TOTPDevice.objects.get(user=worker)
    page = client.post(reverse("accounts:two_factor"), {"code": code_now(unconfirmed)})
    assert page.status_code == 302
    assert TOTPDevice.objects.get(user=worker).confirmed
    text = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Two-factor sign-in is on" in text


def test_it_refuses_a_wrong_code_at_set_up_and_stays_off(login_as, worker):
    client = login_as(worker)
    client.get(reverse("accounts:two_factor"))
    unconfirmed = TOTPDevice.objects.get(user=worker)
    page = client.post(reverse("accounts:two_factor"), {"code": wrong_code(unconfirmed)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "<title>Error: Two-factor sign-in" in text
    assert "did not match" in text
    assert not TOTPDevice.objects.get(user=worker).confirmed


def test_it_refuses_a_code_that_is_not_six_digits(login_as, worker):
    client = login_as(worker)
    client.get(reverse("accounts:two_factor"))
    page = client.post(reverse("accounts:two_factor"), {"code": "12ab"})
    assert "<title>Error: Two-factor sign-in" in page.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_it_asks_for_the_code_after_the_password(client, worker, device):
    page = log_in_with_password(client)
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("reports:dashboard")).status_code == 302
    code_page = client.get(reverse("accounts:login_code"))
    assert "Six-digit code" in code_page.content.decode()
    page = client.post(reverse("accounts:login_code"), {"code": code_now(device)})
    assert page.status_code == 302
    assert page["Location"] == reverse("reports:dashboard")
    assert client.session["_auth_user_id"] == str(worker.pk)
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_it_refuses_a_wrong_code_at_login(client, worker, device):
    log_in_with_password(client)
    page = client.post(reverse("accounts:login_code"), {"code": wrong_code(device)})
    assert page.status_code == 200
    assert "<title>Error: Enter your code" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_pauses_logging_in_after_five_wrong_codes(client, worker, device):
    log_in_with_password(client)
    for _ in range(5):
        page = client.post(reverse("accounts:login_code"), {"code": wrong_code(device)})
    assert page.status_code == 429
    assert "Too many attempts" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_sends_someone_with_no_password_step_back_to_log_in(client, worker, device):
    page = client.get(reverse("accounts:login_code"))
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:login")
    page = client.post(reverse("accounts:login_code"), {"code": code_now(device)})
    assert "_auth_user_id" not in client.session


def test_it_logs_in_without_a_code_when_there_is_no_device(client, worker):
    page = log_in_with_password(client)
    assert page["Location"] == reverse("reports:dashboard")
    assert client.session["_auth_user_id"] == str(worker.pk)


def test_it_turns_two_factor_off_with_the_password_only(login_as, worker, device):
    client = login_as(worker)
    page = client.post(reverse("accounts:two_factor_off"), {"password": "not my password"})
    assert page.status_code == 200
    assert "<title>Error: Two-factor sign-in" in page.content.decode()
    assert TOTPDevice.objects.filter(user=worker, confirmed=True).exists()
    page = client.post(reverse("accounts:two_factor_off"), {"password": RIGHT})
    assert page.status_code == 302
    assert not TOTPDevice.objects.filter(user=worker).exists()


def test_it_sends_a_coordinator_without_a_device_to_set_up_when_required(
    login_as, coordinator, worker, settings
):
    settings.THRIVE_REQUIRE_2FA_FOR_COORDINATORS = True
    client = login_as(coordinator)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 302
    assert page["Location"] == reverse("accounts:two_factor")
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert login_as(worker).get(reverse("reports:dashboard")).status_code == 200


def test_it_lets_a_coordinator_in_once_two_factor_is_set_up_when_required(
    client, coordinator, settings
):
    settings.THRIVE_REQUIRE_2FA_FOR_COORDINATORS = True
    device = TOTPDevice.objects.create(user=coordinator, name="Phone", confirmed=True)
    log_in_with_password(client, "coord")
    client.post(reverse("accounts:login_code"), {"code": code_now(device)})
    assert client.get(reverse("reports:dashboard")).status_code == 200
    page = client.post(reverse("accounts:two_factor_off"), {"password": RIGHT})
    assert "required for coordinators" in page.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_it_leaves_coordinators_free_to_choose_by_default(login_as, coordinator):
    assert login_as(coordinator).get(reverse("reports:dashboard")).status_code == 200
