"""The login pause after wrong passwords: it locks one name at one address, never a whole office."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery"


def try_login(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_it_lets_the_coordinator_in_after_five_wrong_passwords_for_an_invented_name(
    client, coordinator
):
    for _ in range(5):
        try_login(client, "nobody-by-this-name", "guess")
    page = try_login(client, "coord", RIGHT)
    assert page.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_it_pauses_the_name_at_that_address_after_five_wrong_passwords(client, coordinator):
    for _ in range(5):
        try_login(client, "coord", "guess")
    page = try_login(client, "coord", RIGHT)
    assert page.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_still_lets_the_same_name_in_from_another_address(client, coordinator):
    for _ in range(5):
        try_login(client, "coord", "guess", address="192.0.2.10")
    page = try_login(client, "coord", RIGHT, address="198.51.100.7")
    assert page.status_code == 302


def test_it_still_lets_someone_else_in_from_the_same_address(client, coordinator, worker):
    for _ in range(5):
        try_login(client, "coord", "guess")
    page = try_login(client, "worker", RIGHT)
    assert page.status_code == 302


def test_it_says_how_long_the_pause_lasts_and_what_to_do(client, coordinator):
    for _ in range(5):
        try_login(client, "coord", "guess")
    text = try_login(client, "coord", RIGHT).content.decode()
    assert "<title>Error: Too many attempts" in text
    assert "15 minutes" in text
    assert "coord" in text
    assert "Other people can still log in" in text
    assert "set a new password" in text
    assert "fifteen minutes" not in text
    assert "reset your password" not in text


def test_it_counts_four_wrong_passwords_as_no_pause(client, coordinator):
    for _ in range(4):
        try_login(client, "coord", "guess")
    assert try_login(client, "coord", RIGHT).status_code == 302
