"""Logging in and out, changing a password, and throttling guessed passwords."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_to_anyone(client):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert "<title>Log in" in page.content.decode()


def test_it_logs_in_with_the_right_password_and_lands_on_the_dashboard(client, worker):
    page = client.post(
        reverse("accounts:login"), {"username": "worker", "password": "correct horse battery"}
    )
    assert page.status_code == 302
    assert page["Location"] == reverse("reports:dashboard")


def test_it_says_error_in_the_title_when_the_password_is_wrong(client, worker):
    page = client.post(reverse("accounts:login"), {"username": "worker", "password": "nope"})
    assert page.status_code == 200
    assert "<title>Error: Log in" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_pauses_logins_after_five_wrong_passwords(client, worker):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "worker", "password": "guess"})
    page = client.post(
        reverse("accounts:login"), {"username": "worker", "password": "correct horse battery"}
    )
    assert page.status_code == 429
    assert "Too many attempts" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_says_so_after_logging_out(login_as, worker):
    page = login_as(worker).post(reverse("accounts:logout"), follow=True)
    assert "You have logged out." in page.content.decode()
    assert not page.context["user"].is_authenticated


def test_it_logs_out_with_a_post(login_as, worker):
    client = login_as(worker)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("reports:dashboard")).status_code == 302


def test_it_changes_a_password(login_as, worker):
    client = login_as(worker)
    page = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "a much longer phrase 42",
            "new_password2": "a much longer phrase 42",
        },
    )
    assert page.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("a much longer phrase 42")


def test_it_explains_a_too_short_new_password_beside_the_box_it_was_typed_in(login_as, worker):
    page = login_as(worker).post(
        reverse("accounts:password_change"),
        {"old_password": "correct horse battery", "new_password1": "ab", "new_password2": "ab"},
    )
    assert page.context["form"].errors.keys() == {"new_password1"}
    assert "too short" in page.context["form"].errors["new_password1"][0]


def test_it_hashes_passwords_with_argon2_in_production():
    from thrive import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
