"""Service-use changes and job starts leave as plain records for the economic model."""

from datetime import date

import pytest

from thrive.journeys.economics_feed import (
    EmploymentStart,
    ServiceUseRecord,
    as_dicts,
    service_use_records,
)

pytestmark = pytest.mark.django_db


def test_it_gives_changes_and_job_starts_inside_the_period_by_date(person):
    journey = person.open_journey
    journey.service_use_changes.create(
        kind="bed_days", units_before=90, units_after=0, period="year", reported_on=date(2025, 6, 1)
    )
    journey.service_use_changes.create(kind="cmht_discharge", reported_on=date(2024, 1, 1))
    journey.outcomes.create(
        kind="employment", achieved_on=date(2025, 5, 1), hours_per_week=16, off_benefits=True
    )
    journey.outcomes.create(kind="training", achieved_on=date(2025, 5, 2))
    records = service_use_records(date(2025, 1, 1), date(2025, 12, 31))
    assert records == [
        EmploymentStart(person.pk, 16.0, True, date(2025, 5, 1)),
        ServiceUseRecord(person.pk, "bed_days", 90.0, 0.0, "year", date(2025, 6, 1)),
    ]
    assert as_dicts(records)[1] == {
        "record": "ServiceUseRecord",
        "person_id": person.pk,
        "kind": "bed_days",
        "before": 90.0,
        "after": 0.0,
        "period": "year",
        "date": date(2025, 6, 1),
    }


def test_it_gives_nothing_for_an_empty_period(person):
    assert service_use_records(date(2000, 1, 1), date(2000, 12, 31)) == []
