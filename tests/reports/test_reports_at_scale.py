"""The dashboard and the outcome report cost what the service's size asks, not its square."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thrive.inquiry.models import Inquiry, MemberCheck, Participant, Transcript
from thrive.reports.core.figures import JobRow, JourneyDetail, _days_to_first_job


def test_it_finds_days_to_first_job_from_the_last_first_meeting_before_it():
    journeys = [
        JourneyDetail(1, date(2024, 1, 1), date(2024, 1, 5), date(2024, 3, 1)),
        JourneyDetail(1, date(2024, 6, 1), date(2024, 6, 10), None),
        JourneyDetail(2, date(2024, 1, 1), date(2024, 9, 1), None),
        JourneyDetail(3, date(2024, 1, 1), None, None),
    ]
    jobs = [
        JobRow(1, date(2024, 7, 10), 16),
        JobRow(1, date(2024, 8, 1), 16),
        JobRow(2, date(2024, 8, 1), 16),  # before they first met: no wait to count
        JobRow(3, date(2024, 8, 1), 16),  # never met
    ]
    assert _days_to_first_job(journeys, jobs) == [30]


def test_it_finds_days_to_first_job_for_10000_people_in_well_under_a_second():
    start = date(2020, 1, 1)
    journeys = [
        JourneyDetail(n, start, start + timedelta(days=n % 30), None) for n in range(10_000)
    ]
    jobs = [JobRow(n, start + timedelta(days=100), 16) for n in range(10_000)]
    began = time.perf_counter()
    days = _days_to_first_job(journeys, jobs)
    assert time.perf_counter() - began < 1.0
    assert len(days) == 10_000 and days[1] == 99


@pytest.mark.django_db
def test_it_counts_an_inquiry_s_rows_on_the_dashboard_without_multiplying_them(
    login_as, coordinator
):
    inquiry = Inquiry.objects.create_inquiry("Belonging")
    participants = Participant.objects.bulk_create(
        Participant(inquiry=inquiry, label=f"P{n}", member_check=check)
        for n, check in enumerate([MemberCheck.APPROVED, MemberCheck.SENT, MemberCheck.APPROVED])
    )
    Transcript.objects.bulk_create(
        Transcript(inquiry=inquiry, participant=participants[n % 3], title=f"T{n}", text="P1: hi\n")
        for n in range(4)
    )
    with CaptureQueriesContext(connection) as captured:
        page = login_as(coordinator).get(reverse("reports:dashboard")).content.decode()
    for query in captured.captured_queries:  # joining siblings multiplies rows, then DISTINCT
        assert "COUNT(DISTINCT" not in query["sql"], query["sql"]
    row = re.search(r"Belonging</a></th>(.*?)</tr>", page, re.DOTALL).group(1)
    assert re.findall(r">(\d+)<", row)[:2] == ["3", "4"]
