"""Entries can be corrected with the person, audited, and only within the caseload."""

from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.models import Goal, Journey, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(person):
    return Goal.objects.create(
        journey=Journey.objects.get(person=person),
        set_on=date(2025, 4, 2),
        in_their_words="finish my english corse",
    )


def test_it_corrects_an_entry_in_the_persons_words_and_audits_it(login_as, worker, person, goal):
    client = login_as(worker)
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    assert "finish my english corse" in client.get(url).content.decode()
    response = client.post(
        url, {"set_on": "2025-04-02", "in_their_words": "Finish my English course", "version": 1}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.in_their_words == "Finish my English course"
    assert AuditEvent.objects.filter(action="change", detail=f"goal #{goal.pk} corrected").exists()


def test_it_offers_a_correct_link_beside_each_entry(login_as, worker, person, goal):
    page = login_as(worker).get(reverse("journeys:person", args=[person.pk])).content.decode()
    assert reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk]) in page


def test_it_moves_the_first_meeting_when_a_meeting_date_is_corrected(login_as, worker, person):
    client = login_as(worker)
    client.post(
        reverse("journeys:add_entry", args=[person.pk, "meeting"]),
        {"met_on": "2025-04-20", "in_their_words": "First chat"},
    )
    meeting = Meeting.objects.get()
    client.post(
        reverse("journeys:edit_entry", args=[person.pk, "meeting", meeting.pk]),
        {"met_on": "2025-04-08", "in_their_words": "First chat", "version": 1},
    )
    assert Journey.objects.get(person=person).first_met_on == date(2025, 4, 8)


def test_it_refuses_a_worker_outside_the_caseload(login_as, outsider, person, goal):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    response = login_as(outsider).post(url, {"set_on": "2025-04-02", "in_their_words": "changed"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.in_their_words == "finish my english corse"


def test_it_answers_404_for_an_entry_of_someone_else(login_as, coordinator, stranger, goal):
    url = reverse("journeys:edit_entry", args=[stranger.pk, "goal", goal.pk])
    assert login_as(coordinator).get(url).status_code == 404


def test_it_answers_404_for_an_unknown_kind(login_as, worker, person, goal):
    url = reverse("journeys:edit_entry", args=[person.pk, "wish", goal.pk])
    assert login_as(worker).get(url).status_code == 404
