"""Finding people: search by name, filters, sorting and pages, only ever among those in view."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.journeys.referred import refer
from thrive.audit.models import AuditEvent
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db

PEOPLE = reverse("journeys:people")


def names(page) -> list[str]:
    """The names in the page's list, in order."""
    return [person.name for person in page.context["page_obj"]]


def weeks_ago(weeks: int) -> date:
    return timezone.localdate() - timedelta(weeks=weeks)


def test_it_finds_people_by_part_of_the_name_whatever_the_case_and_accents(login_as, coordinator):
    refer("Zoë Adeyemi")
    refer("Łukasz Nowak")
    refer("Chloe Adams")
    client = login_as(coordinator)
    assert names(client.get(PEOPLE, {"q": "zoe"})) == ["Zoë Adeyemi"]
    assert names(client.get(PEOPLE, {"q": "ZOË ADE"})) == ["Zoë Adeyemi"]
    assert names(client.get(PEOPLE, {"q": "lukasz"})) == ["Łukasz Nowak"]
    assert names(client.get(PEOPLE, {"q": "ada"})) == ["Chloe Adams"]


def test_it_finds_someone_by_their_reference(login_as, coordinator):
    sam = refer("Sam")
    refer("Kit")
    assert names(login_as(coordinator).get(PEOPLE, {"q": sam.reference.lower()})) == ["Sam"]


def test_a_worker_finds_only_people_they_support(login_as, worker, outsider):
    refer("Robin Mine", worker)
    refer("Robin Theirs", outsider)
    page = login_as(worker).get(PEOPLE, {"q": "robin"})
    assert names(page) == ["Robin Mine"]
    assert "Robin Theirs" not in page.content.decode()
    # Asking for another worker's people narrows their own caseload; it never widens it.
    assert names(login_as(worker).get(PEOPLE, {"worker": outsider.pk})) == []


def test_it_filters_by_worker(login_as, coordinator, worker, outsider):
    refer("Ash", worker)
    refer("Bea", outsider)
    assert names(login_as(coordinator).get(PEOPLE, {"worker": worker.pk})) == ["Ash"]


def test_it_filters_by_where_the_journey_stands(login_as, coordinator):
    refer("Waiting Wil")
    refer("Going Gus", met=date(2025, 2, 1))
    paused = refer("Paused Pat", met=date(2025, 2, 1))
    paused.open_journey.pause(date(2025, 3, 1))
    ended = refer("Ended Eve", met=date(2025, 2, 1))
    ended.open_journey.end(date(2025, 4, 1), "moved_on")
    client = login_as(coordinator)
    assert names(client.get(PEOPLE, {"state": "waiting"})) == ["Waiting Wil"]
    assert names(client.get(PEOPLE, {"state": "open"})) == ["Going Gus"]
    assert names(client.get(PEOPLE, {"state": "paused"})) == ["Paused Pat"]
    assert names(client.get(PEOPLE, {"state": "ended"})) == ["Ended Eve"]


def test_someone_back_after_an_ending_counts_by_their_new_journey(login_as, coordinator):
    back = refer("Back Bo", met=date(2025, 2, 1))
    back.open_journey.end(date(2025, 3, 1), "chose_to_stop")
    back.start_again(date(2025, 9, 1))
    client = login_as(coordinator)
    assert names(client.get(PEOPLE, {"state": "waiting"})) == ["Back Bo"]
    assert names(client.get(PEOPLE, {"state": "ended"})) == []


def test_it_finds_who_has_not_been_seen_for_some_weeks(login_as, coordinator):
    refer("Seen Lately", met=weeks_ago(2))
    refer("Seen Long Ago", met=weeks_ago(10))
    refer("Not Met Yet")
    page = login_as(coordinator).get(PEOPLE, {"not_seen": "8"})
    assert names(page) == ["Not Met Yet", "Seen Long Ago"]
    assert "Last seen 10 weeks ago" in page.content.decode()


def test_it_sorts_by_last_contact_and_by_referral(login_as, coordinator):
    refer("Ann", referred=date(2025, 3, 1), met=weeks_ago(1))
    refer("Ben", referred=date(2025, 1, 1), met=weeks_ago(20))
    refer("Cat", referred=date(2025, 2, 1))
    client = login_as(coordinator)
    assert names(client.get(PEOPLE, {"sort": "last_contact"})) == ["Cat", "Ben", "Ann"]
    assert names(client.get(PEOPLE, {"sort": "referred"})) == ["Ann", "Cat", "Ben"]
    assert names(client.get(PEOPLE, {"sort": "name"})) == ["Ann", "Ben", "Cat"]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"worker": "nobody"}, "Supported by"),
        ({"worker": "999999"}, "Supported by"),
        ({"state": "closed"}, "Journey"),
        ({"not_seen": "a while"}, "Not seen for (weeks)"),
        ({"not_seen": "-3"}, "Not seen for (weeks)"),
        ({"sort": "shoe size"}, "Sort by"),
        ({"q": "x" * 300}, "Name or reference"),
    ],
)
def test_it_sets_aside_a_value_it_cannot_use_and_says_so_gently(
    login_as, coordinator, query, label
):
    refer("Ann")
    page = login_as(coordinator).get(PEOPLE, query)
    assert page.status_code == 200
    assert names(page) == ["Ann"]
    text = page.content.decode()
    assert f"“{label}” could not be used as given, so the list leaves it out." in text
    assert "Error" not in text.split("<title>")[1].split("</title>")[0]
    assert "field-error" not in text  # the form shows the value set aside as not chosen


def test_a_bad_value_leaves_the_other_filters_working(login_as, coordinator):
    refer("Ann")
    refer("Bob")
    assert names(login_as(coordinator).get(PEOPLE, {"q": "bob", "state": "??"})) == ["Bob"]


def test_its_pages_keep_the_search_and_filters(login_as, coordinator):
    for n in range(60):
        refer(f"Person {n:02d}")
    refer("Someone Else")
    page = login_as(coordinator).get(PEOPLE, {"q": "person", "sort": "name"})
    assert page.context["page_obj"].paginator.count == 60
    assert page.context["page_obj"].next_href == "?q=person&sort=name&page=2"
    second = login_as(coordinator).get(PEOPLE, {"q": "person", "sort": "name", "page": "2"})
    assert names(second) == [f"Person {n}" for n in range(50, 60)]


def test_it_audits_a_search_without_keeping_the_words_searched(login_as, coordinator):
    refer("Ann")
    login_as(coordinator).get(PEOPLE, {"q": "Ann"})
    event = AuditEvent.objects.filter(action="view", subject_type="person").latest("pk")
    assert event.detail == "people list, page 1 (searched by name)"


def test_the_search_box_is_on_every_page_for_those_who_may_see_people(
    login_as, worker, co_researcher
):
    dashboard = reverse("reports:dashboard")
    page = login_as(worker).get(dashboard).content.decode()
    assert 'role="search"' in page and f'action="{PEOPLE}"' in page
    assert 'id="site-search-q"' not in login_as(co_researcher).get(dashboard).content.decode()


def test_a_search_finds_a_name_written_in_bulk():
    Person.objects.bulk_create([Person(reference="IMP-1", name="Renée Dubois")])
    assert list(Person.objects.named("renee").values_list("name", flat=True)) == ["Renée Dubois"]
