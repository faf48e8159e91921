"""Security headers on every response Thrive renders (WhiteNoise's static files aside).

- Content-Security-Policy: scripts and stylesheets from Thrive itself only; no inline
  script, no eval (htmx's is turned off in base.html), no framing, no plugins. Inline
  style *attributes* stay allowed (style-src-attr): the codebook's indentation and code
  colours are per-row values, and an attribute can run no script; <style> elements are
  not allowed, and img-src keeps a style from fetching anything from elsewhere.
- Cache-Control: no-store, so no browser or proxy keeps a copy of a page with personal
  data (every page of a logged-in user, the self-referral pages, the login page).
  A response that calls itself public (the brand stylesheet) keeps its own.
- Permissions-Policy: no camera, microphone, location, payment or USB.
- Strict-Transport-Security whenever THRIVE_HTTPS is on, even when Thrive does not
  redirect (a proxy does) and so cannot tell the request came over HTTPS.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
DEFAULT_ACCENT = "#2f6f5e"


def hsts_value() -> str:
    """The Strict-Transport-Security header Django's settings describe."""
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


class SecurityHeadersMiddleware:
    """Adds the headers above to every response that passes through Django."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "public" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        if settings.HTTPS and settings.SECURE_HSTS_SECONDS:
            response.setdefault("Strict-Transport-Security", hsts_value())
        return response


def accent_colour() -> str:
    """THRIVE_ACCENT_COLOUR when it is a hex colour such as #2f6f5e, else Thrive's own."""
    colour = str(settings.THRIVE_ACCENT_COLOUR).strip()
    return colour if COLOUR.fullmatch(colour) else DEFAULT_ACCENT


@login_not_required
def brand_css(request: HttpRequest) -> HttpResponse:
    """The service's accent colour as a stylesheet, so no page needs an inline <style>."""
    response = HttpResponse(f":root {{ --accent: {accent_colour()}; }}\n", content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response
