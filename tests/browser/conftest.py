"""Real-browser tests: Playwright driving Debian's chromium against Django's live server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark the tests in this folder (and only these) as browser tests."""
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run `bash scripts/test.sh`.")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def log_in(live_server, context):
    """Log the browser in as a user by planting a real session cookie."""

    def logged_in(user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return logged_in


@pytest.fixture
def assert_accessible():
    """Fail with axe's report when the page breaks WCAG 2.2 AA."""

    def check(page) -> None:
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
        results = Axe().run(page, options=options)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def coordinator_in(log_in, settings):
    """A coordinator logged in, with the demo's economic scenarios saved."""
    from django.contrib.auth import get_user_model

    from thrive.accounts.models import Role
    from thrive.demo.economics import load_scenarios

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_scenarios()
    user = get_user_model().objects.create_user("cora", password="x", role=Role.COORDINATOR)
    return log_in(user)
