"""Personas and clients shared by the whole suite.

Each persona is one role of the permission matrix: a coordinator, a worker, a
peer supporter, a co-researcher, a commissioner (viewer) and an outsider
worker with an empty caseload.
"""

from __future__ import annotations

import pytest
from django.test import Client

from thrive.accounts.models import Role


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Swap argon2 for a fast hasher: the suite tests behaviour, not hashing cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def storage_in(tmp_path, settings):
    """Stored files (Django's default storage) go to a folder of the test's own; returns it."""
    folder = tmp_path / "storage"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }
    return folder


def make_user(django_user_model, username: str, role: str, **extra):
    return django_user_model.objects.create_user(
        username=username, password="correct horse battery", role=role, **extra
    )


@pytest.fixture
def coordinator(django_user_model):
    return make_user(django_user_model, "coord", Role.COORDINATOR, first_name="Cora")


@pytest.fixture
def worker(django_user_model):
    return make_user(django_user_model, "worker", Role.WORKER, first_name="Wren")


@pytest.fixture
def peer_supporter(django_user_model):
    return make_user(django_user_model, "peer", Role.WORKER, is_peer_supporter=True)


@pytest.fixture
def outsider(django_user_model):
    """A worker whose caseload holds nobody the tests create."""
    return make_user(django_user_model, "outsider", Role.WORKER)


@pytest.fixture
def co_researcher(django_user_model):
    return make_user(django_user_model, "researcher", Role.CO_RESEARCHER)


@pytest.fixture
def viewer(django_user_model):
    return make_user(django_user_model, "commissioner", Role.VIEWER)


@pytest.fixture
def login_as():
    """A test client logged in as the given user."""

    def logged_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return logged_in
