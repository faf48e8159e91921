"""Looking after the record: their name and contact details, and who supports them (with why)."""

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db


def details(person: Person) -> str:
    return reverse("journeys:edit_person", args=[person.pk])


def supporters(person: Person) -> str:
    return reverse("journeys:change_supporters", args=[person.pk])


def test_a_worker_changes_the_name_they_would_like_used_and_how_to_reach_them(
    login_as, worker, person
):
    client = login_as(worker)
    assert (
        "Change their name or contact details"
        in client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    )
    response = client.post(
        details(person),
        {"name": "Addie", "contact_preference": "email", "phone": "", "email": "addie@example.org"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.email, person.phone) == ("Addie", "addie@example.org", "")
    assert list(Person.objects.named("ADDIE")) == [person]
    event = AuditEvent.objects.filter(action="change", subject_id=str(person.pk)).get()
    assert event.detail == "details: name, contact_preference, phone, email"
    assert "addie@example.org" not in event.detail  # which fields, never their values


def test_the_chosen_way_to_reach_them_needs_its_details(login_as, worker, person):
    response = login_as(worker).post(
        details(person), {"name": "Ada Lovelace", "contact_preference": "email", "email": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Add their email, or choose another way to reach them." in page
    person.refresh_from_db()
    assert person.contact_preference == "phone"
    assert not AuditEvent.objects.filter(action="change").exists()


def test_a_name_is_needed(login_as, worker, person):
    response = login_as(worker).post(details(person), {"name": "  ", "contact_preference": "phone"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.name == "Ada Lovelace"


def test_details_of_someone_not_in_view_answer_as_unknown(
    login_as, worker, stranger, co_researcher
):
    data = {"name": "Changed", "contact_preference": "drop_in"}
    assert login_as(worker).post(details(stranger), data).status_code == 404
    assert login_as(co_researcher).post(details(stranger), data).status_code == 403
    stranger.refresh_from_db()
    assert stranger.name == "Stranger Danger"


def test_a_coordinator_changes_who_supports_someone_and_the_reason_is_kept(
    login_as, coordinator, worker, peer_supporter, person
):
    client = login_as(coordinator)
    assert (
        "Change who supports them"
        in client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    )
    form = client.get(supporters(person)).content.decode()
    assert "(worker, supports 1 now)" in form
    response = client.post(
        supporters(person),
        {"supporters": [peer_supporter.pk], "reason": "Ada asked for a peer supporter"},
    )
    assert response.status_code == 302
    assert list(person.supporters.all()) == [peer_supporter]
    event = AuditEvent.objects.filter(action="change", subject_id=str(person.pk)).get()
    assert (
        event.detail == f"supporters now #{peer_supporter.pk}; why: Ada asked for a peer supporter"
    )


def test_changing_supporters_needs_a_reason(login_as, coordinator, peer_supporter, worker, person):
    response = login_as(coordinator).post(supporters(person), {"supporters": [peer_supporter.pk]})
    assert response.status_code == 200
    assert "Say why it is changing, so others understand later." in response.content.decode()
    assert list(person.supporters.all()) == [worker]


def test_an_unknown_supporter_changes_nothing(login_as, coordinator, worker, person):
    response = login_as(coordinator).post(
        supporters(person), {"supporters": ["999999"], "reason": "Typo"}
    )
    assert response.status_code == 200
    assert list(person.supporters.all()) == [worker]


def test_the_same_supporters_again_is_no_change(login_as, coordinator, worker, person):
    login_as(coordinator).post(supporters(person), {"supporters": [worker.pk], "reason": "Check"})
    assert not AuditEvent.objects.filter(action="change").exists()


def test_workers_may_not_change_who_supports_someone(login_as, worker, peer_supporter, person):
    data = {"supporters": [peer_supporter.pk], "reason": "I'd rather not"}
    assert login_as(worker).post(supporters(person), data).status_code == 403
    assert list(person.supporters.all()) == [worker]


def test_a_phone_number_needs_digits(login_as, worker, person):
    response = login_as(worker).post(
        details(person), {"name": "Ada Lovelace", "contact_preference": "phone", "phone": "none"}
    )
    assert "Please give a phone number with digits in it." in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "07700 900123"
