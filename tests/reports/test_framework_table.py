"""The framework table: six areas, validating beside invalidating, themes and approved quotes."""

from __future__ import annotations

import pytest

from tests.reports.tables_study import make_tables_study
from thrive.inquiry.models import Inquiry, MemberCheck, Participant
from thrive.reports.framework_table import framework_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(coordinator):
    table = framework_table(make_tables_study(coordinator).inquiry)
    return {row.key: row for row in table.rows}


def test_it_has_the_six_areas_of_the_framework_in_order(coordinator):
    table = framework_table(make_tables_study(coordinator).inquiry)
    assert [row.area for row in table.rows] == [
        "Somewhere to dwell",
        "Something to do",
        "Someone to love",
        "Economic inclusion",
        "Acceptance",
        "Communication",
    ]
    assert not table.is_empty


def test_each_theme_sits_on_its_own_side_and_both_on_both(rows):
    assert rows["dwell"].validating.themes == ["A home of one's own"]
    assert rows["dwell"].invalidating.themes == ["Noise and fear"]
    assert rows["communication"].validating.themes == ["Being listened to"]
    assert rows["communication"].invalidating.themes == ["Being listened to"]


def test_a_theme_with_no_valence_yet_is_left_out(rows):
    assert rows["acceptance"].validating.themes == []
    assert rows["acceptance"].invalidating.themes == []


def test_quotes_come_only_from_approved_participants_who_are_taking_part(rows):
    quotes = rows["dwell"].validating.quotes
    assert [(q.participant, q.text) for q in quotes] == [("P1", "My flat is quiet and it is mine.")]
    assert quotes[0].url.endswith(f"?hl={quotes[0].start}-{quotes[0].end}#hl")
    assert [q.text for q in rows["dwell"].invalidating.quotes] == ["The hostel was loud all night."]


def test_a_both_theme_quotes_each_code_on_the_side_it_leans(rows):
    assert [q.text for q in rows["communication"].validating.quotes] == [
        "Someone asked me what happened."
    ]
    assert [q.text for q in rows["communication"].invalidating.quotes] == ["They talked over me."]


def test_an_area_with_no_themes_has_empty_cells(rows):
    assert rows["love"].validating.themes == [] and rows["love"].validating.quotes == []


def test_an_inquiry_without_themes_has_an_empty_table(coordinator):
    table = framework_table(Inquiry.objects.create_inquiry("Empty", user=coordinator))
    assert len(table.rows) == 6 and table.is_empty


def test_once_another_participant_approves_a_cell_quotes_two_voices_shortest_first(coordinator):
    study = make_tables_study(coordinator)
    Participant.objects.filter(pk=study.participants["P3"].pk).update(
        member_check=MemberCheck.APPROVED
    )
    dwell = framework_table(study.inquiry).rows[0]
    assert [(q.participant, q.text) for q in dwell.validating.quotes] == [
        ("P3", "Home at last."),
        ("P1", "My flat is quiet and it is mine."),
    ]
