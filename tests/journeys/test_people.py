"""People and their journeys: the timeline, recording with the person, ending only by choice."""

from datetime import date

import pytest
from django.urls import reverse

from thrive.journeys.models import Journey, Meeting, Outcome, ServiceUseChange

pytestmark = pytest.mark.django_db


def test_it_lists_the_workers_caseload_only(login_as, worker, person, stranger):
    page = login_as(worker).get(reverse("journeys:people")).content.decode()
    assert "Ada Lovelace" in page
    assert "Stranger Danger" not in page


def test_it_lists_everyone_for_a_coordinator(login_as, coordinator, person, stranger):
    page = login_as(coordinator).get(reverse("journeys:people")).content.decode()
    assert "Ada Lovelace" in page and "Stranger Danger" in page


def test_it_records_a_first_meeting_and_the_wait_since_referral(login_as, worker, person):
    client = login_as(worker)
    response = client.post(
        reverse("journeys:add_entry", args=[person.pk, "meeting"]),
        {"met_on": "2025-04-04", "in_their_words": "Talked about the café job", "area": "do"},
    )
    assert response.status_code == 302
    journey = Journey.objects.get(person=person)
    assert journey.first_met_on == date(2025, 4, 4)
    assert journey.days_to_first_meeting == 3
    assert Meeting.objects.get().recorded_by == worker
    page = client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    assert "Talked about the café job" in page
    assert "Something to do" in page
    assert "3 days after referral" in page


def test_it_keeps_the_earliest_meeting_as_the_first(login_as, worker, person):
    client = login_as(worker)
    url = reverse("journeys:add_entry", args=[person.pk, "meeting"])
    client.post(url, {"met_on": "2025-05-01", "in_their_words": "Second"})
    client.post(url, {"met_on": "2025-04-10", "in_their_words": "First, written later"})
    assert Journey.objects.get(person=person).first_met_on == date(2025, 4, 10)


def test_it_shows_goals_activities_achievements_and_outcomes_on_the_timeline(
    login_as, worker, person
):
    client = login_as(worker)
    entries = {
        "goal": {"set_on": "2025-04-04", "in_their_words": "Finish my English course"},
        "activity": {
            "kind": "volunteering_placement",
            "started_on": "2025-04-20",
            "in_their_words": "A taster at the community garden",
        },
        "achievement": {"achieved_on": "2025-05-01", "in_their_words": "Spoke up in the group"},
        "outcome": {
            "kind": "employment",
            "achieved_on": "2025-09-01",
            "in_their_words": "Paid job, 16 hours, off Universal Credit",
            "hours_per_week": "16",
            "off_benefits": "yes",
            "area": "economic",
        },
        "service-use": {
            "kind": "cmht_discharge",
            "reported_on": "2025-09-01",
            "in_their_words": "Discharged from the CMHT in the spring",
        },
    }
    for kind, data in entries.items():
        response = client.post(reverse("journeys:add_entry", args=[person.pk, kind]), data)
        assert response.status_code == 302, (kind, response.content.decode()[:2000])
    page = client.get(reverse("journeys:person", args=[person.pk])).content.decode()
    for data in entries.values():
        assert data["in_their_words"] in page
    assert "16 paid hours a week" in page
    assert "off benefits" in page
    outcome = Outcome.objects.get()
    assert outcome.off_benefits is True and outcome.hours_per_week == 16
    assert ServiceUseChange.objects.get().kind == "cmht_discharge"


def test_it_drops_hours_and_benefits_from_outcomes_that_are_not_paid_work(login_as, worker, person):
    login_as(worker).post(
        reverse("journeys:add_entry", args=[person.pk, "outcome"]),
        {"kind": "education", "achieved_on": "2025-09-01", "hours_per_week": "12"},
    )
    assert Outcome.objects.get().hours_per_week is None


def test_it_refuses_a_future_date_and_a_missing_note_with_an_error_title(login_as, worker, person):
    response = login_as(worker).post(
        reverse("journeys:add_entry", args=[person.pk, "meeting"]),
        {"met_on": "2999-01-01", "in_their_words": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Record a meeting" in page
    assert "in the future" in page
    assert not Meeting.objects.exists()


def test_it_answers_404_for_an_unknown_kind_of_entry(login_as, worker, person):
    assert login_as(worker).get(f"/people/{person.pk}/add/diagnosis/").status_code == 404


def test_it_never_closes_a_journey_by_itself_and_ends_it_only_by_their_choice(
    login_as, worker, person
):
    client = login_as(worker)
    assert client.get(reverse("journeys:end_journey", args=[person.pk])).status_code == 200
    refused = client.post(
        reverse("journeys:end_journey", args=[person.pk]), {"ended_on": "2025-10-01"}
    )
    assert refused.status_code == 200
    assert Journey.objects.get(person=person).ended_on is None
    paused = client.post(
        reverse("journeys:end_journey", args=[person.pk]),
        {"ended_on": "2025-10-01", "end_reason": "paused"},
    )
    assert paused.status_code == 200  # a pause is not an ending
    assert Journey.objects.get(person=person).ended_on is None
    client.post(
        reverse("journeys:end_journey", args=[person.pk]),
        {"ended_on": "2025-10-01", "end_reason": "moved_on"},
    )
    journey = Journey.objects.get(person=person)
    assert (journey.ended_on, journey.end_reason) == (date(2025, 10, 1), "moved_on")


def test_it_starts_a_new_journey_after_an_ended_one_and_keeps_the_old(login_as, worker, person):
    client = login_as(worker)
    person.open_journey.end(date(2025, 10, 1), "chose_to_stop")
    blocked = client.post(
        reverse("journeys:add_entry", args=[person.pk, "goal"]),
        {"set_on": "2025-10-02", "in_their_words": "x"},
    )
    assert blocked.status_code == 302
    client.post(reverse("journeys:start_again", args=[person.pk]), {"in_their_words": "I'm back"})
    journeys = list(person.journeys.order_by("id"))
    assert len(journeys) == 2
    assert journeys[0].end_reason == "chose_to_stop"
    assert journeys[1].ended_on is None and journeys[1].in_their_words == "I'm back"
    client.post(reverse("journeys:start_again", args=[person.pk]), {})
    assert person.journeys.count() == 2


def test_it_records_whether_they_were_in_work_when_they_joined(login_as, worker, person):
    login_as(worker).post(
        reverse("journeys:work_at_joining", args=[person.pk]), {"work_at_joining": "out_of_work"}
    )
    assert person.open_journey.work_at_joining == "out_of_work"


def test_it_refuses_get_on_start_again(login_as, worker, person):
    assert (
        login_as(worker).get(reverse("journeys:start_again", args=[person.pk])).status_code == 405
    )
