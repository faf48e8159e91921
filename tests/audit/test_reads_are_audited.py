"""Opening a form that shows a person's details is a read of personal data, and is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.journeys.models import Goal, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(worker):
    ada = Person.refer(on=date(2025, 4, 1), name="Ada Lovelace", journey={})
    ada.supporters.add(worker)
    return ada


@pytest.fixture
def goal(person, worker):
    return Goal.objects.create(
        journey=person.open_journey,
        set_on=date(2025, 4, 2),
        in_their_words="Find a quiet job",
        recorded_by=worker,
    )


def form_pages(person, goal) -> list[tuple[str, str]]:
    return [
        (reverse("journeys:add_entry", args=[person.pk, "goal"]), "form: add goal"),
        (
            reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk]),
            f"form: correct goal #{goal.pk}",
        ),
        (reverse("journeys:end_journey", args=[person.pk]), "form: end journey"),
        (reverse("journeys:work_at_joining", args=[person.pk]), "form: work at joining"),
    ]


def test_it_audits_opening_each_form_that_shows_a_person(login_as, worker, person, goal):
    client = login_as(worker)
    for url, detail in form_pages(person, goal):
        assert client.get(url).status_code == 200
        assert AuditEvent.objects.filter(
            action=Action.VIEW, subject_type="person", subject_id=str(person.pk), detail=detail
        ).exists(), url


def test_it_does_not_count_a_saved_form_as_a_read(login_as, worker, person, goal):
    login_as(worker).post(
        reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk]),
        {"set_on": "2025-04-02", "in_their_words": "Find a calm job", "area": "economic"},
    )
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()
