"""Which impact column a code's passages go in: what changed, by the words of its path."""

from __future__ import annotations

import pytest

from thrive.framework.core.template import default_framework
from thrive.inquiry.core.starting_codebook import starting_codebook
from thrive.reports.core.impact_columns import COLUMNS, impact_column


def test_the_starting_codebooks_what_changed_codes_fill_the_four_columns_in_order():
    (changes,) = [
        spec for spec in starting_codebook(default_framework()) if spec.name == "What changed"
    ]
    found = [
        impact_column([changes.name, c.name], [changes.tree_part, c.tree_part])
        for c in changes.children
    ]
    assert found == list(COLUMNS)


@pytest.mark.parametrize(
    ("path", "column"),
    [
        (["Back on the ward less often"], "health"),
        (["Came off medication"], "health"),
        (["Feeling confident again"], "personal"),
        (["Hope for the future"], "personal"),
        (["Paid work"], "inclusion"),
        (["Made friends at the Hub"], "inclusion"),
        (["Without the Hub I'd be back on the ward"], "without"),
        (["Health", "Sleeping through"], "health"),
    ],
)
def test_a_fruits_code_goes_to_the_column_its_name_or_a_parents_name_says(path, column):
    assert impact_column(path, ["fruits"] * len(path)) == column


def test_a_code_in_fruits_only_through_a_parent_still_counts():
    assert impact_column(["What grew", "Confidence"], ["fruits", ""]) == "personal"


def test_codes_outside_the_fruits_are_not_about_what_changed():
    assert impact_column(["Economic inclusion"], ["roots"], "economic") is None
    assert impact_column(["Valued activity", "Paid work"], ["branches", "branches"]) is None


def test_an_unnamed_fruit_of_an_everyday_area_counts_as_inclusion_and_others_stay_out():
    assert impact_column(["A new start"], ["fruits"], "do") == "inclusion"
    assert impact_column(["A new start"], ["fruits"], "dwell") is None
    assert impact_column(["A new start"], ["fruits"]) is None


def test_words_match_at_the_start_of_a_word_only():
    assert impact_column(["Network of peers"], ["fruits"]) is None
