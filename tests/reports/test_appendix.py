"""The appendix tables: demographics, vocational outcomes, impact and outcomes per participant."""

from __future__ import annotations

import pytest

from tests.reports.tables_study import make_tables_study
from thrive.demo.inquiry import DEMO_INQUIRY, load_inquiry
from thrive.inquiry.models import Inquiry, MemberCheck, Participant
from thrive.reports.appendix import appendix_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables(coordinator):
    return appendix_tables(make_tables_study(coordinator).inquiry)


def test_there_are_three_tables_in_the_reports_order(tables):
    assert [t.title for t in tables] == [
        "Demographics",
        "Vocational outcomes",
        "Impact and outcomes",
    ]


def test_demographics_show_what_each_shared_and_not_given_for_the_rest(tables):
    demographics = tables[0]
    assert demographics.columns == [
        "Participant",
        "Age",
        "Ethnicity",
        "Gender",
        "Years in secondary services",
        "Years with the service",
    ]
    assert demographics.rows == [
        ["P1", "57", "White British", "man", "25", "7"],
        ["P2", "27", "not given", "woman", "not given", "not given"],
        ["P3", *["not given"] * 5],
    ]


def test_a_withdrawn_participant_appears_in_no_table(tables):
    for table in tables:
        assert [row[0] for row in table.rows] == ["P1", "P2", "P3"]
        assert not any("withdrawn" in cell for row in table.rows for cell in row)


def test_a_participant_whose_member_check_says_withdrawn_appears_in_no_table(coordinator):
    study = make_tables_study(coordinator)
    Participant.objects.filter(pk=study.participants["P3"].pk).update(
        member_check=MemberCheck.WITHDRAWN
    )
    for table in appendix_tables(study.inquiry):
        assert [row[0] for row in table.rows] == ["P1", "P2"]


def test_demographics_warn_that_three_people_could_be_recognised(tables):
    warnings = tables[0].warnings
    assert warnings[0].startswith("With only 3 participants,")
    assert "unique to P1 and P2" in warnings[-1]
    assert tables[1].warnings == [] and tables[2].warnings == []


def test_vocational_outcomes_come_from_the_journey_when_linked_else_the_attribute(tables):
    vocational = tables[1]
    assert vocational.columns == [
        "Participant",
        "Employment",
        "Education",
        "Training",
        "Volunteering",
    ]
    assert vocational.rows == [
        ["P1", "—", "Yes", "—", "Yes"],
        ["P2", "Yes", "—", "—", "—"],
        ["P3", "—", "—", "—", "—"],
    ]


def test_impact_quotes_only_approved_words_one_short_sentence_a_cell(tables):
    impact = tables[2]
    assert impact.columns == [
        "Participant",
        "Health",
        "Personal",
        "Vocational and social inclusion",
        "Without this opportunity",
    ]
    waiting = "waiting for their approval"
    assert impact.rows == [
        ["P1", "“I sleep.”", "—", "—", "“I'd be back on the ward, no question.”"],
        ["P2", "—", "“I believe in myself.”", "—", "—"],
        ["P3", waiting, waiting, waiting, waiting],
    ]


def test_an_outcomes_attribute_written_as_words_is_read_too(coordinator):
    study = make_tables_study(coordinator)
    p3 = study.participants["P3"]
    p3.attributes = {"outcomes": "Employment, volunteering, something else"}
    p3.save()
    vocational = appendix_tables(study.inquiry)[1]
    assert vocational.rows[2] == ["P3", "Yes", "—", "—", "Yes"]


def test_the_demo_keeps_each_participants_outcomes_for_the_vocational_table(coordinator):
    load_inquiry([coordinator])
    vocational = appendix_tables(Inquiry.objects.get(title=DEMO_INQUIRY))[1]
    assert vocational.rows[0] == ["P1", "—", "Yes", "—", "Yes"]
    assert len(vocational.rows) == 7 and all("Yes" in row for row in vocational.rows)
