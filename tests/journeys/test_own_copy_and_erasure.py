"""The person's own copy holds everything; erasure leaves no row that points at them."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.erasure_requests import ErasureRequest
from thrive.journeys.models import Person
from thrive.reports.dashboard_figures import service_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_record(person, worker, peer_supporter):
    """Ada with something of every kind on her timeline, and linked as a peer supporter."""
    journey = person.open_journey
    journey.note_meeting(date(2025, 4, 3))
    journey.meetings.create(met_on=date(2025, 4, 3), in_their_words="First chat", area="do")
    journey.goals.create(set_on=date(2025, 4, 3), in_their_words="Finish my English course")
    journey.activities.create(
        kind="course", started_on=date(2025, 5, 1), in_their_words="English at college"
    )
    journey.achievements.create(achieved_on=date(2025, 6, 1), in_their_words="Passed level 1")
    journey.outcomes.create(
        kind="employment", achieved_on=date(2025, 9, 1), hours_per_week=16, off_benefits=True
    )
    journey.service_use_changes.create(
        kind="cmht_discharge", reported_on=date(2025, 9, 1), in_their_words="Left the CMHT"
    )
    person.user = peer_supporter
    person.save()
    return person


def references_to(person_pk: int) -> dict[str, int]:
    """Rows in every installed model that reach the person through a FK or M2M path."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for path in paths_to_person(model):
            count = model.objects.filter(**{path: person_pk}).count()
            if count:
                found[f"{model._meta.label}.{path}"] = count
    return found


def paths_to_person(model, depth: int = 0, seen: tuple = ()) -> list[str]:
    """Lookups like 'journey__person' from a model to Person, following FKs and M2Ms."""
    if model is Person:
        return ["pk"] if depth == 0 else []
    if depth > 3 or model in seen:
        return []
    paths = []
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete) or field.related_model is None:
            continue
        if field.related_model is Person:
            paths.append(field.name)
        elif isinstance(field, models.ForeignKey):
            paths += [
                f"{field.name}__{p}"
                for p in paths_to_person(field.related_model, depth + 1, (*seen, model))
            ]
    return paths


def test_it_exports_everything_held_as_json(login_as, worker, full_record):
    response = login_as(worker).get(reverse("journeys:person_copy_json", args=[full_record.pk]))
    data = json.loads(response.content)
    assert data["person"]["name"] == "Ada Lovelace"
    assert data["person"]["phone"] == "07700 900123"
    journey = data["journeys"][0]
    assert journey["meetings"][0]["in_their_words"] == "First chat"
    assert journey["goals"][0]["in_their_words"] == "Finish my English course"
    assert journey["outcomes"][0]["hours_per_week"] == 16.0
    assert journey["service_use_changes"][0]["kind"] == "cmht_discharge"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="export", subject_id=str(full_record.pk)).exists()


def test_it_gives_a_readable_page_to_print(login_as, worker, full_record):
    page = (
        login_as(worker)
        .get(reverse("journeys:person_copy", args=[full_record.pk]))
        .content.decode()
    )
    for words in ("Ada Lovelace", "Finish my English course", "Passed level 1", "Left the CMHT"):
        assert words in page


def test_it_erases_a_person_so_that_no_row_anywhere_references_them(
    login_as, coordinator, full_record
):
    pk = full_record.pk
    ErasureRequest.pass_on(full_record, coordinator, "Ada asked by phone.")
    before = references_to(pk)
    assert "journeys.ErasureRequest.person" in before
    assert "journeys.Person_supporters.person" in before  # the M2M to the worker
    assert "journeys.ServiceUseChange.journey__person" in before
    assert "journeys.Meeting.journey__person" in before
    assert service_figures(date(2025, 1, 1), date(2025, 12, 31)).total_outcomes == 1
    response = login_as(coordinator).post(
        reverse("journeys:erase_person", args=[pk]), {"confirm": f"  {full_record.name.upper()} "}
    )
    assert response.status_code == 302
    assert references_to(pk) == {}
    assert not Person.objects.filter(pk=pk).exists()
    assert service_figures(date(2025, 1, 1), date(2025, 12, 31)).total_outcomes == 0
    erased = AuditEvent.objects.get(action="erase")
    assert erased.detail == f"person #{pk} erased"
    assert not AuditEvent.objects.filter(detail__icontains="Ada").exists()


def test_it_asks_for_the_persons_name_before_erasing(login_as, coordinator, person):
    response = login_as(coordinator).post(
        reverse("journeys:erase_person", args=[person.pk]), {"confirm": person.reference}
    )
    assert response.status_code == 400
    assert "<title>Error: " in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_erase_button_says_it_cannot_be_undone_and_sits_apart_from_their_copy(
    login_as, coordinator, person
):
    client = login_as(coordinator)
    page = client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    copy_line = page.split('class="actions"')[1].split("</p>")[0]
    assert "erase" not in copy_line.lower()
    assert "cannot be undone" in page.split('class="erase-zone"')[1]
    confirm = client.get(reverse("journeys:erase_person", args=[person.pk])).content.decode()
    assert "This cannot be undone" in confirm and 'class="danger"' in confirm


def test_a_worker_passes_on_a_request_to_be_erased_and_the_coordinator_sees_it(
    login_as, coordinator, worker, person
):
    person.supporters.add(worker)
    client = login_as(worker)
    page = client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    assert reverse("journeys:erase_person", args=[person.pk]) not in page
    client.post(
        reverse("journeys:erasure_request", args=[person.pk]), {"note": "Text them when done."}
    )
    client.post(reverse("journeys:erasure_request", args=[person.pk]), {"note": "Again"})
    asked = ErasureRequest.objects.get()
    assert (asked.person, asked.requested_by, asked.note) == (
        person,
        worker,
        "Text them when done.",
    )
    assert Person.objects.filter(pk=person.pk).exists()
    waiting = login_as(coordinator).get(reverse("journeys:erasure_requests")).content.decode()
    assert person.name in waiting and "Text them when done." in waiting
    assert AuditEvent.objects.filter(detail="request to erase passed on").count() == 1
