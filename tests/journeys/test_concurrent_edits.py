"""Two people correcting the same timeline entry: nobody's words are silently overwritten."""

import threading
from datetime import date

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.models import Goal, Journey, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(person):
    return Goal.objects.create(
        journey=Journey.objects.get(person=person),
        set_on=date(2025, 4, 2),
        in_their_words="finish my english corse",
    )


def opened_version(page: str) -> str:
    """The version the edit page carries in its hidden field."""
    marker = 'name="version" value="'
    assert marker in page, "the edit form carries no version"
    return page.split(marker, 1)[1].split('"', 1)[0]


def what_it_says_now(page: str) -> tuple[str, str]:
    """The stored values the conflict message shows, and the rest of the page after them."""
    assert '<dl class="now">' in page, "the page does not say what the record says now"
    now, after = page.split('<dl class="now">', 1)[1].split("</dl>", 1)
    return now, after


def test_it_carries_the_version_the_page_was_opened_at(login_as, worker, person, goal):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    page = login_as(worker).get(url).content.decode()
    assert opened_version(page) == "1"
    assert '<input type="hidden" name="version"' in page


def test_it_keeps_the_second_persons_words_when_someone_saved_first(
    login_as, worker, coordinator, person, goal
):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    first, second = login_as(worker), login_as(coordinator)
    first_version = opened_version(first.get(url).content.decode())
    second_version = opened_version(second.get(url).content.decode())

    words = "Finish my English course"
    saved = first.post(
        url, {"set_on": "2025-04-02", "in_their_words": words, "version": first_version}
    )
    assert saved.status_code == 302
    theirs = "Finish the English course this year"
    late = second.post(
        url, {"set_on": "2025-04-02", "in_their_words": theirs, "version": second_version}
    )

    page = late.content.decode()
    assert late.status_code == 200
    assert "<title>Error: " in page
    assert "Someone else changed this while you were writing." in page
    assert "Your words are below; here is what it says now:" in page
    assert "Finish the English course this year</textarea>" in page
    now, after = what_it_says_now(page)
    assert "Finish my English course" in now and "Finish my English course" not in after
    assert opened_version(page) == "2"
    goal.refresh_from_db()
    assert goal.in_their_words == "Finish my English course" and goal.version == 2
    assert AuditEvent.objects.filter(detail=f"goal #{goal.pk} corrected").count() == 1


def test_it_saves_the_second_persons_words_once_they_have_seen_the_change(
    login_as, worker, coordinator, person, goal
):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    login_as(worker).post(
        url, {"set_on": "2025-04-02", "in_their_words": "Finish my English course", "version": "1"}
    )
    second = login_as(coordinator)
    late = second.post(url, {"set_on": "2025-04-02", "in_their_words": "Mine", "version": "1"})
    now_at = opened_version(late.content.decode())
    again = second.post(url, {"set_on": "2025-04-02", "in_their_words": "Mine", "version": now_at})
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.in_their_words == "Mine" and goal.version == 3


def test_it_treats_a_post_without_a_version_as_changed_and_keeps_the_words(
    login_as, worker, person, goal
):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    response = login_as(worker).post(url, {"set_on": "2025-04-02", "in_their_words": "No version"})
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this" in page
    assert "No version</textarea>" in page
    goal.refresh_from_db()
    assert goal.in_their_words == "finish my english corse" and goal.version == 1


def test_it_shows_choices_as_people_read_them_in_what_it_says_now(login_as, worker, person):
    outcome = Outcome.objects.create(
        journey=Journey.objects.get(person=person),
        kind="employment",
        achieved_on=date(2025, 5, 1),
        in_their_words="A job at the library",
    )
    Outcome.objects.filter(pk=outcome.pk).update(version=2)
    url = reverse("journeys:edit_entry", args=[person.pk, "outcome", outcome.pk])
    response = login_as(worker).post(
        url,
        {
            "kind": "education",
            "achieved_on": "2025-05-01",
            "in_their_words": "College",
            "version": 1,
        },
    )
    now, _ = what_it_says_now(response.content.decode())
    assert "A job at the library" in now
    assert outcome.get_kind_display() in now
    outcome.refresh_from_db()
    assert outcome.kind == "employment" and outcome.in_their_words == "A job at the library"


def test_it_still_refuses_a_worker_outside_the_caseload(login_as, outsider, person, goal):
    url = reverse("journeys:edit_entry", args=[person.pk, "goal", goal.pk])
    response = login_as(outsider).post(
        url, {"set_on": "2025-04-02", "in_their_words": "changed", "version": "1"}
    )
    assert response.status_code == 404  # as for an unknown id: ids are not revealed
    goal.refresh_from_db()
    assert goal.in_their_words == "finish my english corse" and goal.version == 1


def test_it_refuses_a_stale_save_at_the_model(person, goal):
    stale = Goal.objects.get(pk=goal.pk)
    goal.in_their_words = "First"
    assert goal.save_if_unchanged(1, ["in_their_words"]) is True
    stale.in_their_words = "Second"
    assert stale.save_if_unchanged(1, ["in_their_words"]) is False
    goal.refresh_from_db()
    assert goal.in_their_words == "First" and goal.version == 2


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_racing_saves_through(person):
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs two connections to PostgreSQL")
    goal = Goal.objects.create(
        journey=Journey.objects.get(person=person), set_on=date(2025, 4, 2), in_their_words="x"
    )
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def save(words: str) -> None:
        try:
            mine = Goal.objects.get(pk=goal.pk)
            mine.in_their_words = words
            barrier.wait(timeout=10)
            results.append(mine.save_if_unchanged(1, ["in_their_words"]))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(w,)) for w in ("from A", "from B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, True]
    goal.refresh_from_db()
    assert goal.version == 2 and goal.in_their_words in {"from A", "from B"}
