"""Every page answers every role without a server error, with the demo service loaded."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.test_login_required import PUBLIC_NAMES, URLS
from thrive.demo.load import load_demo

ROLES = ("coordinator", "alex", "jordan", "researcher", "commissioner")
FINE = {200, 302, 400, 403, 404, 405}


@pytest.fixture(scope="module")
def demo_clients(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()
        users = get_user_model().objects.filter(username__in=ROLES)
        clients = {}
        for user in users:
            client = Client(raise_request_exception=False)
            client.force_login(user)
            clients[user.username] = client
    yield clients
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), URLS)
def test_it_answers_every_role_without_a_server_error(demo_clients, name, path):
    if name in PUBLIC_NAMES:
        pytest.skip("public page, covered by its own tests")
    answers = {role: client.get(path).status_code for role, client in demo_clients.items()}
    assert set(answers.values()) <= FINE, (path, answers)
    assert answers["commissioner"] != 200 or name not in {
        "journeys:people",
        "journeys:person",
        "journeys:referrals",
    }
