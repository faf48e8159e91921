"""Fixtures for journeys: a person on the worker's caseload, and one on nobody's."""

from __future__ import annotations

from datetime import date

import pytest

from thrive.journeys.models import Person


@pytest.fixture
def person(worker):
    """Ada, referred in spring 2025, supported by the worker persona."""
    ada = Person.refer(
        on=date(2025, 4, 1),
        name="Ada Lovelace",
        phone="07700 900123",
        gender="Woman",
        birth_year=1985,
        journey={"in_their_words": "I'd like to get back to work"},
    )
    ada.supporters.add(worker)
    return ada


@pytest.fixture
def stranger():
    """Someone on nobody's caseload."""
    return Person.refer(on=date(2025, 5, 1), name="Stranger Danger", journey={})
