"""Who may see whom: caseload for workers, everyone for coordinators, no people for others."""

import re

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def without_token(response) -> str:
    """The page with its per-response CSRF tokens masked, so two answers can be compared."""
    return re.sub(r"[A-Za-z0-9]{64}", "token", response.content.decode())


PERSON_PAGES = [
    "journeys:person",
    "journeys:person_copy",
    "journeys:person_copy_json",
    "journeys:end_journey",
    "journeys:work_at_joining",
]


def test_it_refuses_a_worker_a_person_outside_their_caseload_and_audits_it(
    login_as, outsider, person
):
    response = login_as(outsider).get(reverse("journeys:person", args=[person.pk]))
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="denied")
    assert (event.username, event.subject_type, event.subject_id) == (
        "outsider",
        "person",
        str(person.pk),
    )


def test_it_refuses_every_page_and_change_for_someone_outside_the_caseload(
    login_as, outsider, person
):
    client = login_as(outsider)
    for name in PERSON_PAGES:
        assert client.get(reverse(name, args=[person.pk])).status_code == 404, name
    posted = client.post(
        reverse("journeys:add_entry", args=[person.pk, "goal"]),
        {"set_on": "2025-05-01", "in_their_words": "Sneaky"},
    )
    assert posted.status_code == 404
    assert not person.open_journey.goals.exists()
    assert AuditEvent.objects.filter(action="denied").count() == len(PERSON_PAGES) + 1


def test_it_answers_404_for_someone_who_does_not_exist(login_as, coordinator):
    assert login_as(coordinator).get(reverse("journeys:person", args=[999_999])).status_code == 404


def test_it_answers_someone_outside_the_caseload_exactly_like_an_unknown_id(
    login_as, outsider, person
):
    client = login_as(outsider)
    for name in PERSON_PAGES:
        hidden = client.get(reverse(name, args=[person.pk]))
        unknown = client.get(reverse(name, args=[999_999]))
        assert hidden.status_code == unknown.status_code == 404, name
        assert without_token(hidden) == without_token(unknown), name
    assert not AuditEvent.objects.filter(subject_id="999999").exists()
    assert AuditEvent.objects.filter(action="denied", subject_id=str(person.pk)).count() == len(
        PERSON_PAGES
    )


@pytest.mark.parametrize("role", ["co_researcher", "viewer"])
def test_it_refuses_roles_without_people_alike_for_known_and_unknown_ids(
    request, login_as, role, person
):
    client = login_as(request.getfixturevalue(role))
    for pk in (person.pk, 999_999):
        assert client.get(reverse("journeys:person", args=[pk])).status_code == 403


def test_it_audits_each_view_of_a_person(login_as, worker, person):
    login_as(worker).get(reverse("journeys:person", args=[person.pk]))
    event = AuditEvent.objects.get(action="view", subject_id=str(person.pk))
    assert event.username == "worker"
    assert "Ada" not in event.detail


@pytest.mark.parametrize("role", ["co_researcher", "viewer"])
def test_it_shows_no_people_to_co_researchers_or_viewers(request, login_as, role, person):
    client = login_as(request.getfixturevalue(role))
    assert client.get(reverse("journeys:people")).status_code == 403
    assert client.get(reverse("journeys:person", args=[person.pk])).status_code == 403
    assert client.get(reverse("journeys:referrals")).status_code == 403
    assert client.get(reverse("journeys:import_records")).status_code == 403
    assert client.get(reverse("journeys:peer_supporters")).status_code == 403


def test_it_lets_a_coordinator_see_anyone(login_as, coordinator, stranger):
    assert (
        login_as(coordinator).get(reverse("journeys:person", args=[stranger.pk])).status_code == 200
    )


def test_it_sends_anonymous_visitors_to_log_in_except_for_the_referral_page(client, person):
    assert client.get(reverse("journeys:person", args=[person.pk])).status_code == 302
    assert client.get(reverse("journeys:referrals")).status_code == 302
    assert client.get(reverse("journeys:refer")).status_code == 200


def test_it_lets_only_coordinators_erase(login_as, worker, person):
    response = login_as(worker).post(reverse("journeys:erase_person", args=[person.pk]), {})
    assert response.status_code == 403
