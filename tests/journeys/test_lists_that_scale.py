"""The people and referral lists come in pages, and their cost does not grow with the service."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from thrive.journeys.models import Journey, Meeting, Person, forget_caseload_sizes

pytestmark = pytest.mark.django_db

PER_PAGE = 50


def make_people(count: int, *, supporter=None, waiting: bool = False, start: int = 0) -> list:
    """`count` people named "Person 0000"…, each with a journey and, unless waiting, a meeting."""
    people = Person.objects.bulk_create(
        Person(reference=f"TEST-{n:05d}", name=f"Person {n:04d}")
        for n in range(start, start + count)
    )
    journeys = Journey.objects.bulk_create(
        Journey(
            person=person,
            referred_on=date(2025, 1, 1) + timedelta(days=n),
            first_met_on=None if waiting else date(2025, 6, 1),
        )
        for n, person in enumerate(people)
    )
    if not waiting:
        Meeting.objects.bulk_create(
            Meeting(journey=j, met_on=date(2025, 6, 1), in_their_words="Tea") for j in journeys
        )
    if supporter is not None:
        Person.supporters.through.objects.bulk_create(
            Person.supporters.through(person_id=p.pk, user_id=supporter.pk) for p in people
        )
    return people


def names_on(page: str) -> list[str]:
    return re.findall(r">(Person \d{4})</a>", page)


def queries_for(client, address: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


# The people list ----------------------------------------------------------------------------


def test_it_shows_the_first_fifty_people_by_name_with_a_way_to_the_next_page(login_as, coordinator):
    make_people(120)
    response = login_as(coordinator).get(reverse("journeys:people"))
    page = response.content.decode()
    assert names_on(page) == [f"Person {n:04d}" for n in range(PER_PAGE)]
    assert "120 in all" in page
    assert "Page 1 of 3" in page
    assert 'href="?page=2"' in page
    assert 'rel="prev"' not in page
    assert response.context["page_obj"].number == 1


def test_it_shows_the_next_people_on_page_two(login_as, coordinator):
    make_people(120)
    page = login_as(coordinator).get(reverse("journeys:people"), {"page": 2}).content.decode()
    assert names_on(page) == [f"Person {n:04d}" for n in range(50, 100)]
    assert "Page 2 of 3" in page
    assert 'href="?page=1"' in page and 'href="?page=3"' in page


def test_it_shows_the_last_page_for_a_page_past_the_end(login_as, coordinator):
    make_people(120)
    response = login_as(coordinator).get(reverse("journeys:people"), {"page": 99})
    assert response.status_code == 200
    assert names_on(response.content.decode()) == [f"Person {n:04d}" for n in range(100, 120)]
    assert "Page 3 of 3" in response.content.decode()


@pytest.mark.parametrize("page", ["two", "", "-1", "0", "1.5", "9" * 40])
def test_it_shows_a_page_it_can_for_a_page_that_is_not_a_page_number(login_as, coordinator, page):
    make_people(60)
    response = login_as(coordinator).get(reverse("journeys:people"), {"page": page})
    assert response.status_code == 200
    assert len(names_on(response.content.decode())) in (50, 10)


def test_it_shows_no_pages_when_everyone_fits_on_one(login_as, coordinator):
    make_people(3)
    page = login_as(coordinator).get(reverse("journeys:people")).content.decode()
    assert len(names_on(page)) == 3
    assert "Page 1 of" not in page


def test_it_pages_a_workers_caseload_and_leaves_out_everyone_else(login_as, worker, outsider):
    make_people(55, supporter=worker)
    make_people(30, supporter=outsider, start=500)
    client = login_as(worker)
    first = client.get(reverse("journeys:people")).content.decode()
    second = client.get(reverse("journeys:people"), {"page": 2}).content.decode()
    assert "55 in all" in first and "The people you support." in first
    assert names_on(first) + names_on(second) == [f"Person {n:04d}" for n in range(55)]


def test_it_tells_a_coordinator_the_list_is_everyone(login_as, coordinator):
    make_people(2)
    page = login_as(coordinator).get(reverse("journeys:people")).content.decode()
    assert "Everyone using the service." in page


def test_it_reads_the_same_number_of_queries_for_ten_people_as_for_sixty(
    login_as, coordinator, worker
):
    make_people(10, supporter=worker)
    client = login_as(coordinator)
    few = queries_for(client, reverse("journeys:people"))
    make_people(50, supporter=worker, start=100)
    many = queries_for(client, reverse("journeys:people"))
    assert len(few) == len(many)
    worker_few = len(queries_for(login_as(worker), reverse("journeys:people")))
    make_people(50, supporter=worker, start=200)
    assert len(queries_for(login_as(worker), reverse("journeys:people"))) == worker_few


def test_it_never_reads_every_person_row(login_as, coordinator, worker):
    make_people(60, supporter=worker)
    for user in (coordinator, worker):
        for sql in queries_for(login_as(user), reverse("journeys:people")):
            if re.search(r'FROM "journeys_person"', sql) and "COUNT(" not in sql:
                assert "LIMIT" in sql or " IN (" in sql, sql


# The referral list --------------------------------------------------------------------------


def test_it_pages_referrals_waiting_to_be_matched_longest_waiting_first(login_as, coordinator):
    make_people(70, waiting=True)
    client = login_as(coordinator)
    first = client.get(reverse("journeys:referrals")).content.decode()
    second = client.get(reverse("journeys:referrals"), {"page": 2}).content.decode()
    assert "Waiting to be matched (70)" in strip_tags(first)
    assert names_on(first) == [f"Person {n:04d}" for n in range(50)]
    assert names_on(second) == [f"Person {n:04d}" for n in range(50, 70)]
    assert "Page 2 of 2" in second


def test_it_pages_matched_referrals_apart_from_those_waiting_to_be_matched(
    login_as, coordinator, worker
):
    make_people(3, waiting=True)
    make_people(60, waiting=True, supporter=worker, start=100)
    client = login_as(coordinator)
    first = client.get(reverse("journeys:referrals")).content.decode()
    assert "Waiting to be matched (3)" in strip_tags(first)
    assert "Matched, waiting for a first meeting (60)" in strip_tags(first)
    assert names_on(first) == [f"Person {n:04d}" for n in [0, 1, 2, *range(100, 150)]]
    assert 'href="?matched=2"' in first
    later = client.get(reverse("journeys:referrals"), {"matched": "2"}).content.decode()
    assert names_on(later) == [f"Person {n:04d}" for n in [0, 1, 2, *range(150, 160)]]


def test_it_keeps_the_other_lists_page_in_its_links(login_as, coordinator, worker):
    make_people(60, waiting=True)
    make_people(60, waiting=True, supporter=worker, start=100)
    page = (
        login_as(coordinator)
        .get(reverse("journeys:referrals"), {"page": "2", "matched": "2"})
        .content.decode()
    )
    assert 'href="?page=1&amp;matched=2"' in page
    assert 'href="?page=2&amp;matched=1"' in page


@pytest.mark.parametrize("page", ["nine", "999"])
def test_it_answers_any_referral_page_without_an_error(login_as, coordinator, page):
    make_people(60, waiting=True)
    response = login_as(coordinator).get(reverse("journeys:referrals"), {"page": page})
    assert response.status_code == 200


def test_it_leaves_people_already_met_off_the_referral_list(login_as, coordinator):
    make_people(5)
    page = login_as(coordinator).get(reverse("journeys:referrals")).content.decode()
    assert names_on(page) == []


def test_it_reads_the_same_number_of_queries_for_ten_referrals_as_for_sixty(
    login_as, coordinator, worker
):
    make_people(5, waiting=True)
    make_people(5, waiting=True, supporter=worker, start=100)
    client = login_as(coordinator)
    forget_caseload_sizes()  # each request counts the caseloads afresh, as after a match
    few = queries_for(client, reverse("journeys:referrals"))
    make_people(25, waiting=True, start=200)
    make_people(25, waiting=True, supporter=worker, start=300)
    forget_caseload_sizes()
    many = queries_for(client, reverse("journeys:referrals"))
    assert len(few) == len(many)
