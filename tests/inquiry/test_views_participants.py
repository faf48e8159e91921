"""Participants: pseudonymous cases whose journey link only the right people see."""

import pytest
from django.urls import reverse

from thrive.inquiry.models import Inquiry, Participant
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(coordinator, worker, co_researcher, outsider):
    inquiry = Inquiry.objects.create_inquiry("Linked")
    inquiry.team.add(worker, co_researcher, outsider)
    person = Person.objects.create(reference="T-0042", name="Samira Quill")
    person.supporters.add(worker)
    participant = Participant.objects.create(
        inquiry=inquiry, label="P1", person=person, attributes={"gender": "woman"}
    )
    return inquiry, participant, person


def pages(client, inquiry, participant):
    for name, args in (
        ("participants", [inquiry.pk]),
        ("participant_edit", [inquiry.pk, participant.pk]),
        ("detail", [inquiry.pk]),
    ):
        yield client.get(reverse(f"inquiry:{name}", args=args)).content.decode()


def test_it_never_shows_a_co_researcher_the_journey_link(linked, login_as, co_researcher):
    inquiry, participant, _ = linked
    for page in pages(login_as(co_researcher), inquiry, participant):
        assert "Samira" not in page and "T-0042" not in page and "Linked journey" not in page


def test_it_hides_the_link_from_a_worker_who_does_not_support_the_person(
    linked, login_as, outsider
):
    inquiry, participant, _ = linked
    for page in pages(login_as(outsider), inquiry, participant):
        assert "Samira" not in page


def test_it_shows_the_link_to_coordinators_and_the_persons_worker(
    linked, login_as, coordinator, worker
):
    inquiry, _participant, _ = linked
    for user in (coordinator, worker):
        page = login_as(user).get(reverse("inquiry:participants", args=[inquiry.pk]))
        assert "Samira Quill (T-0042)" in page.content.decode()


def test_it_keeps_a_hidden_link_when_someone_who_cannot_see_it_saves(
    linked, login_as, co_researcher
):
    inquiry, participant, person = linked
    response = login_as(co_researcher).post(
        reverse("inquiry:participant_edit", args=[inquiry.pk, participant.pk]),
        {"label": "P1", "member_check": "approved", "gender": "woman", "person": ""},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.person == person and participant.member_check == "approved"


def test_it_refuses_a_link_to_someone_outside_the_workers_caseload(linked, login_as, worker):
    inquiry, _, _ = linked
    stranger = Person.objects.create(reference="T-0099", name="Not theirs")
    response = login_as(worker).post(
        reverse("inquiry:participant_create", args=[inquiry.pk]),
        {"label": "P2", "member_check": "not_started", "person": stranger.pk},
    )
    assert "<title>Error: " in response.content.decode()
    assert not Participant.objects.filter(label="P2").exists()


def test_it_stores_known_and_free_attributes(linked, login_as, co_researcher):
    inquiry, _, _ = linked
    response = login_as(co_researcher).post(
        reverse("inquiry:participant_create", args=[inquiry.pk]),
        {
            "label": "P2", "member_check": "not_started", "age": "44", "gender": "man",
            "years_in_services": "12.5", "other_attributes": "housing: own tenancy\n\n",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert Participant.objects.get(label="P2").attributes == {
        "age": 44, "gender": "man", "years_in_services": 12.5, "housing": "own tenancy",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "P1"}, "already a participant"),
        ({"label": "   "}, "Please fill this in."),
        ({"label": "P9", "age": "-3"}, "greater than or equal"),
        ({"label": "P9", "other_attributes": "no colon here"}, "name: value"),
        ({"label": "P9", "other_attributes": "age: 40"}, "use the age field"),
        ({"label": "P9", "consent_given_on": "yesterday"}, "whole date"),
        ({"label": "x" * 41}, "at most 40"),
    ],
)
def test_it_explains_bad_participant_input(linked, login_as, co_researcher, data, message):
    inquiry, _, _ = linked
    response = login_as(co_researcher).post(
        reverse("inquiry:participant_create", args=[inquiry.pk]),
        {"member_check": "not_started", **data},
    )
    page = response.content.decode()
    assert "<title>Error: " in page and message in page.replace("&#x27;", "'")
