"""A worker's own people: who is new, who has not been seen for a while, and everyone."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.journeys.referred import refer

pytestmark = pytest.mark.django_db

MINE = reverse("journeys:my_people")


def section(page: str, heading_id: str) -> str:
    """The text of one section of the page, from its heading to the next section."""
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_it_shows_new_matches_and_who_has_not_been_seen_for_a_while(login_as, worker, outsider):
    today = timezone.localdate()
    refer("New Nia", worker)
    refer("Lately Lee", worker, met=today - timedelta(weeks=1))
    refer("Quiet Quin", worker, met=today - timedelta(weeks=9))
    paused = refer("Paused Pia", worker, met=today - timedelta(weeks=12))
    paused.open_journey.pause(today - timedelta(weeks=11))
    refer("Not Mine", outsider, met=today - timedelta(weeks=20))
    page = login_as(worker).get(MINE).content.decode()
    new = section(page, "new-heading")
    quiet = section(page, "quiet-heading")
    everyone = section(page, "all-heading")
    assert "New Nia" in new and "Quiet Quin" not in new
    assert "Quiet Quin" in quiet and "Last seen 9 weeks ago" in quiet
    assert "Lately Lee" not in quiet and "New Nia" not in quiet
    assert "Paused Pia" not in quiet  # the person chose the pause
    assert all(name in everyone for name in ("New Nia", "Lately Lee", "Quiet Quin", "Paused Pia"))
    assert "Not Mine" not in page


def test_it_words_a_long_gap_as_information_not_a_warning(login_as, worker):
    refer("Quiet Quin", worker, met=timezone.localdate() - timedelta(weeks=30))
    page = login_as(worker).get(MINE).content.decode().lower()
    assert not any(word in page for word in ("overdue", "missed", "at risk", "failed", "urgent"))


def test_a_coordinator_sees_their_own_caseload_here(login_as, coordinator, worker):
    refer("Cora's Person", coordinator, referred=date(2025, 5, 1))
    refer("Wren's Person", worker)
    page = login_as(coordinator).get(MINE).content.decode()
    assert "Cora&#x27;s Person" in page and "Wren&#x27;s Person" not in page


def test_it_links_to_the_whole_list_when_there_are_more_than_it_shows(login_as, worker):
    for n in range(21):
        refer(f"New {n:02d}", worker)
    page = login_as(worker).get(MINE).content.decode()
    assert f"?worker={worker.pk}&amp;state=waiting" in page


def test_a_worker_reaches_it_from_the_dashboard_and_the_menu(login_as, worker):
    page = login_as(worker).get(reverse("reports:dashboard")).content.decode()
    assert page.count(f'href="{MINE}"') == 2


def test_roles_that_see_no_people_are_refused(login_as, co_researcher, viewer):
    assert login_as(co_researcher).get(MINE).status_code == 403
    assert login_as(viewer).get(MINE).status_code == 403
