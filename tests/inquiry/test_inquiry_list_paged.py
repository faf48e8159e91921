"""Inquiries comes in pages, newest first, with counts that cost the same at any size."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thrive.inquiry.models import Inquiry, Participant, Transcript

pytestmark = pytest.mark.django_db


def make_inquiries(count: int, *, team=None, start: int = 0) -> list[Inquiry]:
    """`count` inquiries titled "Inquiry 000"…, each with two participants and three transcripts."""
    inquiries = Inquiry.objects.bulk_create(
        Inquiry(title=f"Inquiry {n:03d}") for n in range(start, start + count)
    )
    for inquiry in inquiries:
        if team is not None:
            inquiry.team.add(team)
        one, two = Participant.objects.bulk_create(
            Participant(inquiry=inquiry, label=label) for label in ("P1", "P2")
        )
        Transcript.objects.bulk_create(
            Transcript(inquiry=inquiry, participant=who, title=f"T{n}", text="P1: hello\n")
            for n, who in enumerate((one, two, two))
        )
    return inquiries


def titles_on(page: str) -> list[str]:
    return re.findall(r">(Inquiry \d{3})</a>", page)


def test_it_shows_fifty_inquiries_newest_first_then_the_rest_on_page_two(login_as, coordinator):
    make_inquiries(60)
    client = login_as(coordinator)
    first = client.get(reverse("inquiry:list")).content.decode()
    second = client.get(reverse("inquiry:list"), {"page": 2}).content.decode()
    assert titles_on(first) == [f"Inquiry {n:03d}" for n in range(59, 9, -1)]
    assert titles_on(second) == [f"Inquiry {n:03d}" for n in range(9, -1, -1)]
    assert "Page 1 of 2" in first and "Page 2 of 2" in second


def test_it_counts_participants_and_transcripts_without_multiplying_them(login_as, coordinator):
    make_inquiries(1)
    page = login_as(coordinator).get(reverse("inquiry:list")).content.decode()
    assert re.search(r'<td class="num">2</td><td class="num">3</td>', page)


@pytest.mark.parametrize("page", ["many", "1000"])
def test_it_answers_any_page_without_an_error(login_as, coordinator, page):
    make_inquiries(60)
    response = login_as(coordinator).get(reverse("inquiry:list"), {"page": page})
    assert response.status_code == 200
    assert len(titles_on(response.content.decode())) in (50, 10)


def test_it_pages_only_the_inquiries_a_team_member_works_on(login_as, coordinator, co_researcher):
    make_inquiries(3, team=co_researcher)
    make_inquiries(2, start=100)
    page = login_as(co_researcher).get(reverse("inquiry:list")).content.decode()
    assert titles_on(page) == ["Inquiry 002", "Inquiry 001", "Inquiry 000"]


def test_it_reads_the_same_number_of_queries_for_ten_inquiries_as_for_sixty(login_as, coordinator):
    make_inquiries(10)
    client = login_as(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("inquiry:list")).status_code == 200
        return len(captured.captured_queries)

    few = count()
    make_inquiries(50, start=100)
    assert count() == few
