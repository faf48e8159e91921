"""A per-address limit on public forms, kept in the database cache (no CAPTCHA)."""

from __future__ import annotations

import hashlib
import os

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from thrive.lib.proxy import client_address

WINDOW_SECONDS = 60 * 60


def referrals_per_hour() -> int:
    """THRIVE_REFERRALS_PER_HOUR (default 5): referrals one address may send in an hour."""
    raw = os.environ.get("THRIVE_REFERRALS_PER_HOUR", "5").strip()
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(
            f"THRIVE_REFERRALS_PER_HOUR must be a whole number of 1 or more, not {raw!r}."
        )
    return int(raw)


def client_key(request: HttpRequest, purpose: str) -> str:
    """A cache key for the request's address; hashed so the cache holds no IP address.

    Behind a proxy the address is the one waitress resolved from the trusted proxy's
    X-Forwarded-For, so one busy proxy does not share a single allowance among everyone.
    """
    address = client_address(request)
    digest = hashlib.sha256(f"{purpose}:{address}".encode()).hexdigest()[:32]
    return f"limit:{purpose}:{digest}"


def over_limit(request: HttpRequest, purpose: str, limit: int) -> bool:
    """Whether the address has already used its allowance this hour (without using one)."""
    return cache.get(client_key(request, purpose), 0) >= limit


def use_one(request: HttpRequest, purpose: str) -> None:
    """Count one use against the address's allowance for the hour."""
    key = client_key(request, purpose)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
