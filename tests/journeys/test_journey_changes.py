"""Journeys that pause and resume, goals that move, and entries that can be mended."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.journeys.models import EntryChange, Goal, Meeting, Pause, ServiceUseChange
from thrive.journeys.own_copy import export_person

pytestmark = pytest.mark.django_db


def page_of(client, person) -> str:
    return client.get(reverse("journeys:person", args=[person.pk])).content.decode()


def add(client, person, kind: str, data: dict):
    return client.post(reverse("journeys:add_entry", args=[person.pk, kind]), data)


# Pause and resume ---------------------------------------------------------------------------


def test_a_pause_keeps_the_journey_open_with_its_goals_and_says_so(login_as, worker, person):
    client = login_as(worker)
    add(client, person, "goal", {"set_on": "2025-04-02", "in_their_words": "A cookery course"})
    answer = client.post(
        reverse("journeys:pause_journey", args=[person.pk]),
        {"paused_on": "2025-06-01", "in_their_words": "Back after the summer"},
    )
    assert answer.status_code == 302
    journey = person.journeys.get()
    assert journey.ended_on is None and journey.state == "paused"
    page = page_of(client, person)
    assert "Paused since 1 June 2025" in page and "pick up again whenever they like" in page
    assert "A cookery course" in page and "Back after the summer" in page
    assert "pick the journey up again" in page

    client.post(reverse("journeys:resume_journey", args=[person.pk]), {"resumed_on": "2025-09-01"})
    journey.refresh_from_db()
    assert journey.state == "waiting" and journey.pauses.get().resumed_on == date(2025, 9, 1)
    assert "Picked up again" in page_of(client, person)
    assert AuditEvent.objects.filter(detail=f"journey #{journey.pk} resumed").exists()


def test_a_journey_pauses_once_at_a_time_and_only_while_open(person):
    journey = person.journeys.get()
    journey.pause(date(2025, 5, 1))
    with pytest.raises(ValueError, match="already paused"):
        journey.pause(date(2025, 5, 2))
    journey.end(date(2025, 6, 1), "moved_on")
    assert journey.pauses.get().resumed_on == date(2025, 6, 1)  # ending closes the pause
    with pytest.raises(ValueError, match="has ended"):
        journey.pause(date(2025, 6, 2))


def test_an_ending_is_only_the_persons_choice_and_paused_is_not_an_ending(person):
    with pytest.raises(ValueError):
        person.journeys.get().end(date(2025, 6, 1), "paused")


def test_a_new_journey_after_an_ending_shows_the_earlier_one(login_as, worker, person):
    client = login_as(worker)
    add(client, person, "meeting", {"met_on": "2025-04-01", "in_their_words": "First hello"})
    person.journeys.get().end(date(2025, 6, 1), "moved_on")
    client.post(reverse("journeys:start_again", args=[person.pk]), {"in_their_words": "I'm back"})
    page = page_of(client, person)
    assert "Ended: moved on" in page and "First hello" in page and "I&#x27;m back" in page
    assert "the same day as the referral" in page


# Goals ----------------------------------------------------------------------------------------


@pytest.fixture
def goal(person, worker) -> Goal:
    return Goal.objects.create(
        journey=person.journeys.get(),
        set_on=date(2025, 4, 2),
        in_their_words="Get my CSCS card",
        recorded_by=worker,
    )


def test_a_goal_is_marked_reached_with_the_date_and_their_words(login_as, worker, person, goal):
    client = login_as(worker)
    url = reverse("journeys:goal_reached", args=[person.pk, goal.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"reached_on": "2025-08-20", "in_their_words": "Passed first time!"})
    goal.refresh_from_db()
    assert goal.reached_on == date(2025, 8, 20)
    page = page_of(client, person)
    assert "reached 20 Aug 2025" in page and "Passed first time!" in page
    copy = export_person(person)["journeys"][0]["goals"][0]
    assert copy["reached_on"] == "2025-08-20"
    assert copy["reached_in_their_words"] == "Passed first time!"


def test_a_goal_can_be_set_aside_and_picked_up_again_with_its_history(
    login_as, worker, person, goal
):
    client = login_as(worker)
    client.post(
        reverse("journeys:goal_set_aside", args=[person.pk, goal.pk]),
        {"set_aside_on": "2025-07-01", "why": "Not right now"},
    )
    goal.refresh_from_db()
    assert goal.set_aside_on == date(2025, 7, 1)
    assert "set aside 1 Jul 2025" in page_of(client, person)
    client.post(reverse("journeys:goal_pick_up", args=[person.pk, goal.pk]))
    goal.refresh_from_db()
    assert goal.set_aside_on is None and goal.reached_on is None
    history = list(
        EntryChange.objects.filter(kind="goal", entry_id=goal.pk).values_list("what", "why")
    )
    assert history == [("set_aside", "Not right now"), ("picked_up", "")]


def test_a_goal_cannot_be_reached_before_it_was_set_or_in_the_future(
    login_as, worker, person, goal
):
    client = login_as(worker)
    url = reverse("journeys:goal_reached", args=[person.pk, goal.pk])
    answer = client.post(url, {"reached_on": "2999-01-01"})
    assert answer.status_code == 400 and "in the future" in answer.content.decode()
    goal.refresh_from_db()
    assert goal.reached_on is None
    client.post(url, {"reached_on": "2025-01-01"})
    goal.refresh_from_db()
    assert goal.reached_on == goal.set_on


def test_someone_off_the_caseload_cannot_move_a_goal(login_as, peer_supporter, person, goal):
    answer = login_as(peer_supporter).post(
        reverse("journeys:goal_reached", args=[person.pk, goal.pk]), {"reached_on": "2025-08-20"}
    )
    assert answer.status_code == 404
    goal.refresh_from_db()
    assert goal.reached_on is None


# Mending entries -------------------------------------------------------------------------------


def test_a_correction_says_so_and_keeps_the_earlier_words(login_as, worker, person, goal):
    client = login_as(worker)
    client.post(
        reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk]),
        {"set_on": "2025-04-02", "in_their_words": "Get my CSCS card by summer", "version": "1"},
    )
    goal.refresh_from_db()
    assert goal.in_their_words == "Get my CSCS card by summer"
    page = page_of(client, person)
    assert "corrected" in page and "Earlier words" in page and "Get my CSCS card</q>" in page


def test_an_entry_made_in_error_is_removed_with_who_and_why(login_as, worker, person):
    client = login_as(worker)
    add(
        client, person, "meeting", {"met_on": "2025-04-03", "in_their_words": "Wrong person's note"}
    )
    meeting = Meeting.objects.get()
    url = reverse("journeys:remove_entry", args=[person.pk, "meeting", meeting.pk])
    refused = client.post(url, {"why": ""})
    assert refused.status_code == 400 and Meeting.objects.exists()
    client.post(url, {"why": "Recorded on the wrong person"})
    assert not Meeting.objects.exists()
    page = page_of(client, person)
    assert "Wrong person" not in page.replace("Recorded on the wrong person", "")
    assert "A meeting from 3 April 2025 was removed by" in page
    assert AuditEvent.objects.filter(
        action=Action.DELETE, detail__contains="Recorded on the wrong person"
    ).exists()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"units_after": "0"}, "Give how many before"),
        ({"units_before": "3", "before_not_known": "on", "units_after": "0"}, "not both"),
        ({"units_before": "3", "units_after": "0"}, "Say over how long"),
        ({"before_not_known": "on", "after_not_known": "on"}, "in their words"),
    ],
)
def test_a_counted_change_in_services_saves_only_when_complete(
    login_as, worker, person, data, problem
):
    base = {"kind": "admission", "reported_on": "2025-09-01", "in_their_words": "Fewer stays"}
    if problem == "in their words":
        base.pop("in_their_words")
    answer = add(login_as(worker), person, "service-use", {**base, **data})
    assert answer.status_code == 200 and problem in answer.content.decode()
    assert not ServiceUseChange.objects.exists()


def test_a_change_in_services_saves_with_not_known_or_as_an_event(login_as, worker, person):
    client = login_as(worker)
    add(
        client,
        person,
        "service-use",
        {
            "kind": "bed_days",
            "before_not_known": "on",
            "units_after": "0",
            "period": "year",
            "reported_on": "2025-09-01",
            "in_their_words": "No nights on the ward this year",
        },
    )
    add(
        client,
        person,
        "service-use",
        {
            "kind": "cmht_discharge",
            "units_before": "4",
            "reported_on": "2025-09-02",
            "in_their_words": "Discharged in the spring",
        },
    )
    saved = list(
        ServiceUseChange.objects.order_by("reported_on").values_list("units_before", "units_after")
    )
    assert saved == [(None, 0), (None, None)]


def test_old_pauses_that_ended_journeys_are_reopened_by_the_migration(person):
    from importlib import import_module

    from django.apps import apps

    journey = person.journeys.get()
    journey.ended_on, journey.end_reason = date(2025, 6, 1), "paused"
    journey.save()
    import_module("thrive.journeys.migrations.0005_pauses_goals_and_entry_changes").reopen_paused(
        apps, None
    )
    journey.refresh_from_db()
    assert journey.ended_on is None and journey.state == "paused"
    assert Pause.objects.get().paused_on == date(2025, 6, 1)
