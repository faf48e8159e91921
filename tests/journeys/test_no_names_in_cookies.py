"""Confirmations that name a person stay on the server, never in a readable cookie."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_sets_no_messages_cookie_naming_the_person_after_recording(login_as, worker, person):
    client = login_as(worker)
    response = client.post(
        reverse("journeys:add_entry", args=[person.pk, "meeting"]),
        {"met_on": "2025-04-04", "in_their_words": "Talked about the café job", "area": "do"},
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    for cookie in response.cookies.values():
        assert "Ada" not in cookie.value
    page = client.get(response["Location"]).content.decode()
    assert "Saved on Ada Lovelace" in page
