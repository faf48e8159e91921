"""Every page needs a login, except the few that must be public."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_NAMES = {
    "accounts:login",
    "health",
    "brand_css",
    "journeys:refer",
    "journeys:referral_thanks",
    "member_check:page",
    "member_check:copy",
    "team:set_password",  # a one-time link: the link is the permission
}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def every_url(patterns=None, prefix: str = "", namespace: str = ""):
    """(namespaced name, sample path) for every address Thrive answers."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from every_url(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            path = re.sub(
                r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route
            )
            yield f"{namespace}{entry.name}", "/" + path.lstrip("^").rstrip("$")


URLS = sorted(set(every_url()))


def test_it_finds_the_pages_it_checks():
    names = {name for name, _ in URLS}
    assert {"reports:dashboard", "framework:index", "accounts:login"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] not in PUBLIC_NAMES])
def test_it_sends_strangers_to_log_in(client, name, path):
    page = client.get(path)
    assert page.status_code == 302, f"{name} {path} answered {page.status_code}"
    assert page["Location"].startswith("/account/login/")
