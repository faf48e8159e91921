"""Coordinators manage logins in the browser: create with a role, one-time set-password
links, role changes and deactivation, every change audited and none deleting history."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from thrive.accounts import logins
from thrive.accounts.models import Role
from thrive.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

User = get_user_model()


def link_in(page) -> str:
    return re.search(r"<code>https?://[^/]+(/logins/set-password/[^<]+)</code>", page.text).group(1)


def signs_in(username: str, password: str) -> bool:
    """Whether the login form lets this username and password in."""
    page = Client().post("/account/login/", {"username": username, "password": password})
    return page.status_code == 302


def test_a_coordinator_creates_a_login_and_the_person_sets_their_own_password(
    coordinator, login_as
):
    client = login_as(coordinator)
    page = client.post(
        "/logins/new/",
        {"username": "sam.p", "first_name": "Sam", "role": Role.WORKER, "peer": "on"},
    )
    assert page.status_code == 200
    sam = User.objects.get(username="sam.p")
    assert (sam.role, sam.is_peer_supporter, sam.has_usable_password()) == (
        Role.WORKER,
        True,
        False,
    )
    assert AuditEvent.objects.filter(subject_type="login", subject_id=str(sam.pk)).exists()

    newcomer = Client()
    form_page = newcomer.get(link_in(page), follow=True)
    assert "Choose your password" in form_page.text
    chosen = {
        "new_password1": "a quiet walk by the canal",
        "new_password2": "a quiet walk by the canal",
    }
    done = newcomer.post(form_page.redirect_chain[-1][0], chosen)
    assert done.status_code == 302
    assert signs_in("sam.p", "a quiet walk by the canal")


def test_a_set_password_link_works_once(coordinator, login_as):
    client = login_as(coordinator)
    page = client.post("/logins/new/", {"username": "kai", "role": Role.CO_RESEARCHER})
    link = link_in(page)
    first = Client()
    form_page = first.get(link, follow=True)
    first.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "lanterns in the fog 7", "new_password2": "lanterns in the fog 7"},
    )
    again = Client().get(link, follow=True)
    assert "already been used or has run out" in again.text


def test_a_too_short_password_is_explained_beside_the_box_it_was_typed_in(coordinator, login_as):
    client = login_as(coordinator)
    page = client.post("/logins/new/", {"username": "ren", "role": Role.WORKER})
    newcomer = Client()
    form_page = newcomer.get(link_in(page), follow=True)
    refused = newcomer.post(
        form_page.redirect_chain[-1][0], {"new_password1": "abc", "new_password2": "abc"}
    )
    assert refused.context["form"].errors.keys() == {"new_password1"}
    assert not User.objects.get(username="ren").has_usable_password()


def test_a_taken_username_is_refused_with_one_message_and_nothing_made(coordinator, login_as):
    client = login_as(coordinator)
    before = User.objects.count()
    page = client.post("/logins/new/", {"username": "COORD", "role": Role.WORKER})
    assert "Someone already signs in with that username" in page.text
    assert User.objects.count() == before


def test_a_deactivated_login_cannot_sign_in_and_keeps_its_history(coordinator, worker, login_as):
    client = login_as(coordinator)
    client.post(f"/logins/{worker.pk}/active/", {"active": "no"})
    worker.refresh_from_db()
    assert not worker.is_active
    assert not signs_in("worker", "correct horse battery")
    assert User.objects.filter(pk=worker.pk).exists()
    client.post(f"/logins/{worker.pk}/active/", {"active": "yes"})
    assert signs_in("worker", "correct horse battery")


def test_a_signed_in_session_ends_when_its_login_is_deactivated(coordinator, worker, login_as):
    theirs = login_as(worker)
    assert theirs.get("/people/").status_code == 200
    logins.deactivate(worker, coordinator)
    assert theirs.get("/people/").status_code == 302


def test_the_service_is_never_left_without_a_coordinator(coordinator, login_as):
    client = login_as(coordinator)
    page = client.post(f"/logins/{coordinator.pk}/", {"role": Role.WORKER})
    assert "Someone else needs to be a coordinator first" in page.text
    client.post(f"/logins/{coordinator.pk}/active/", {"active": "no"}, follow=True)
    coordinator.refresh_from_db()
    assert (coordinator.role, coordinator.is_active) == (Role.COORDINATOR, True)


def test_a_role_change_is_audited_with_before_and_after(coordinator, worker, login_as):
    client = login_as(coordinator)
    client.post(f"/logins/{worker.pk}/", {"role": Role.CO_RESEARCHER})
    worker.refresh_from_db()
    assert worker.role == Role.CO_RESEARCHER
    event = AuditEvent.objects.get(subject_type="login", subject_id=str(worker.pk))
    assert event.detail == "role Worker → Co-researcher"


def test_only_a_worker_can_be_a_peer_supporter(coordinator):
    made = logins.create_login("lee", Role.VIEWER, peer=True)
    assert not made.is_peer_supporter


def test_the_list_shows_everyone_with_their_role(coordinator, worker, viewer, login_as):
    client = login_as(coordinator)
    page = client.get("/logins/")
    assert "Viewer (commissioner)" in page.text and ">worker<" in page.text


def test_a_deactivated_logins_link_stops_working(coordinator, login_as):
    client = login_as(coordinator)
    page = client.post("/logins/new/", {"username": "ash", "role": Role.WORKER})
    logins.deactivate(User.objects.get(username="ash"), coordinator)
    assert "already been used or has run out" in Client().get(link_in(page), follow=True).text
