"""Two-factor sign-in with an authenticator app (TOTP, through django-otp).

Anyone may turn it on; THRIVE_REQUIRE_2FA_FOR_COORDINATORS makes coordinators set it up
before anything else. After the password, someone with a confirmed device is not yet
logged in: the session holds who they said they were for PENDING_SECONDS, and the code
page finishes the login. A wrong code counts towards the same login pause as a wrong
password (one name at one address).
"""

from __future__ import annotations

import base64
import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from thrive.accounts.models import Role

PENDING_KEY = "thrive_two_factor_pending"
PENDING_SECONDS = 5 * 60


def confirmed_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_to_confirm(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (made once, so the secret stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def readable_secret(device: TOTPDevice) -> str:
    """The key as an app asks for it: base32, in groups of four letters."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def is_required_for(user) -> bool:
    """Whether this user must use two-factor sign-in (coordinators, when the setting is on)."""
    return bool(settings.THRIVE_REQUIRE_2FA_FOR_COORDINATORS) and user.role == Role.COORDINATOR


def remember_password_step(request: HttpRequest, user, next_url: str) -> None:
    """After the right password: who is logging in, until the code confirms it."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": time.time(),
    }


def pending_login(request: HttpRequest) -> dict | None:
    """The password step waiting for its code, if it is recent enough."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return pending


def forget_password_step(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


class TwoFactorRequiredMiddleware:
    """Sends a coordinator to set up two-factor sign-in first, when the service requires it.

    A coordinator whose session was not confirmed with a code (it began before their device)
    is logged out and asked to log in again.
    """

    ALWAYS_OPEN = ("accounts:two_factor", "accounts:logout", "brand_css")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if self.must_confirm(request, user):
            if confirmed_device(user) is not None:
                logout(request)
                return redirect("accounts:login")
            return redirect("accounts:two_factor")
        return self.get_response(request)

    def must_confirm(self, request: HttpRequest, user) -> bool:
        """A coordinator, required to use two-factor, whose session no code has confirmed."""
        if user is None or not user.is_authenticated or not is_required_for(user):
            return False
        return not user.is_verified() and not self.is_open(request)

    def is_open(self, request: HttpRequest) -> bool:
        return request.path in {reverse(name) for name in self.ALWAYS_OPEN}
