"""Research data in a person's copy: only for staff who may open the inquiry, always for them."""

import json
from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.inquiry.models import Inquiry, Participant

pytestmark = pytest.mark.django_db

DIAGNOSIS = "Bipolar disorder, diagnosed 2019"
CONSENT_NOTE = "Agreed by phone; no quotes about family"


@pytest.fixture
def study(person):
    """Ada (on the worker's caseload) is participant P7 of an inquiry the worker is not on."""
    inquiry = Inquiry.objects.create_inquiry("Private study", from_template=False)
    Participant.objects.create(
        inquiry=inquiry,
        label="Participant-77",
        person=person,
        attributes={"diagnosis": DIAGNOSIS},
        consent_given_on=date(2025, 3, 1),
        consent_notes=CONSENT_NOTE,
    )
    return inquiry


def copy_json(client, person, **query) -> dict:
    url = reverse("journeys:person_copy_json", args=[person.pk])
    return json.loads(client.get(url, query).content)


def test_it_leaves_research_data_out_of_a_workers_copy_when_they_are_not_on_the_inquiry(
    login_as, worker, person, study
):
    client = login_as(worker)
    data = copy_json(client, person)
    assert "inquiry.Participant" not in data["elsewhere"]
    assert data["research_left_out"] == 1
    page = client.get(reverse("journeys:person_copy", args=[person.pk])).content.decode()
    for secret in ("Participant-77", DIAGNOSIS, CONSENT_NOTE):
        assert secret not in page
        assert secret not in json.dumps(data)
    assert "a coordinator can give" in page


def test_it_shows_research_data_to_a_worker_on_the_inquirys_team(login_as, worker, person, study):
    study.team.add(worker)
    data = copy_json(login_as(worker), person)
    [row] = data["elsewhere"]["inquiry.Participant"]
    assert row["label"] == "Participant-77"
    assert row["attributes"] == {"diagnosis": DIAGNOSIS}
    assert data["research_left_out"] == 0


def test_it_always_puts_all_research_data_in_the_copy_given_to_the_person(
    login_as, coordinator, person, study
):
    client = login_as(coordinator)
    data = copy_json(client, person, **{"for": "person"})
    [row] = data["elsewhere"]["inquiry.Participant"]
    assert (row["label"], row["consent_notes"]) == ("Participant-77", CONSENT_NOTE)
    assert data["research_left_out"] == 0
    url = reverse("journeys:person_copy", args=[person.pk])
    page = client.get(url, {"for": "person"}).content.decode()
    assert DIAGNOSIS in page and CONSENT_NOTE in page
    given = AuditEvent.objects.filter(action="export", subject_id=str(person.pk))
    assert [e.detail for e in given.order_by("id")] == [
        "own copy (JSON), given to the person",
        "own copy (HTML), given to the person",
    ]


def test_it_lets_only_coordinators_give_the_complete_copy(login_as, worker, person, study):
    client = login_as(worker)
    for name in ("journeys:person_copy", "journeys:person_copy_json"):
        response = client.get(reverse(name, args=[person.pk]), {"for": "person"})
        assert response.status_code == 403
        assert DIAGNOSIS not in response.content.decode()
    assert AuditEvent.objects.filter(action="denied", subject_id=str(person.pk)).count() == 2
    assert not AuditEvent.objects.filter(action="export").exists()


def test_it_refuses_an_unknown_recipient_with_one_clear_answer(login_as, coordinator, person):
    url = reverse("journeys:person_copy_json", args=[person.pk])
    response = login_as(coordinator).get(url, {"for": "somebody"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()
