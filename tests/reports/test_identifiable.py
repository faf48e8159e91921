"""A demographics table warns, in plain sentences, when it could identify someone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thrive.reports.core.identifiable import (
    Demographics,
    age_band,
    alike,
    identifiability_warnings,
)

SAME = [Demographics(f"P{n}", "40", "woman", "White British") for n in range(1, 6)]


def test_it_is_silent_when_every_combination_is_shared_by_three_or_more_in_a_study_of_five():
    assert identifiability_warnings(SAME) == []


def test_an_empty_table_has_nothing_to_warn_about():
    assert identifiability_warnings([]) == []


def test_it_warns_about_a_small_study_and_says_what_to_do():
    (warning,) = identifiability_warnings(SAME[:4])
    assert warning.startswith("With only 4 participants,")
    assert "describing age, gender and ethnicity for the group as a whole" in warning


def test_it_suggests_bands_when_exact_ages_single_someone_out_and_bands_would_not():
    people = [*SAME[:4], Demographics("P5", "43", "woman", "White British")]
    assert identifiability_warnings(people) == [
        "Exact age, gender and ethnicity together are unique to P5: show ages in bands "
        "(such as 35–44) instead of exact years."
    ]


def test_it_suggests_leaving_a_column_out_when_even_banded_ages_single_someone_out():
    people = [*SAME, Demographics("P6", "41", "man", "Black African")]
    warnings = identifiability_warnings(people)
    assert warnings == [
        "Even with ages in bands, age, gender and ethnicity together are unique to P6: leave "
        "out the ethnicity or the gender column, or describe them for the group as a whole."
    ]


def test_it_names_pairs_as_shared_by_fewer_than_three():
    people = [*SAME, *(Demographics(f"P{n}", "30", "man", "Black British") for n in (6, 7))]
    (warning,) = identifiability_warnings(people)
    assert "shared by only two participants for P6 and P7" in warning


def test_a_value_not_given_hides_rather_than_singles_out():
    people = [*SAME, Demographics("P6", "", "", "")]
    assert identifiability_warnings(people) == []
    assert alike(Demographics("P6"), people, age_band) == 6


def test_it_compares_words_without_minding_case_or_spaces():
    people = [*SAME[:4], Demographics("P5", "40", " Woman", "white british ")]
    assert identifiability_warnings(people) == []


def test_ages_fall_into_the_bands_the_advice_names():
    assert [age_band(a) for a in ("17", "18", "24", "35", "44", "64", "65", "90")] == [
        "under 18",
        "18–24",
        "18–24",
        "35–44",
        "35–44",
        "55–64",
        "65 and over",
        "65 and over",
    ]
    assert age_band("40s") == "40s"


people_strategy = st.lists(
    st.builds(
        Demographics,
        label=st.just(""),
        age=st.sampled_from(["", "19", "23", "31", "33", "47", "70", "40s"]),
        gender=st.sampled_from(["", "man", "woman", "non-binary"]),
        ethnicity=st.sampled_from(["", "White British", "Black British", "Asian"]),
    ),
    max_size=12,
).map(
    lambda rows: [
        Demographics(f"P{n}", r.age, r.gender, r.ethnicity) for n, r in enumerate(rows, 1)
    ]
)


@given(people_strategy)
def test_every_participant_shared_by_fewer_than_three_is_named_and_nobody_else(people):
    warnings = identifiability_warnings(people)
    text = " ".join(warnings)
    for person in people:
        exact = alike(person, people, str.strip)
        named = (
            f"{person.label}," in text or f"{person.label}:" in text or f"{person.label} " in text
        )
        assert named == (exact < 3), (person, warnings)


@given(people_strategy)
def test_a_small_study_always_gets_its_warning_first(people):
    warnings = identifiability_warnings(people)
    assert (0 < len(people) < 5) == bool(warnings and warnings[0].startswith("With only"))


@given(people_strategy, st.randoms())
def test_the_order_of_the_rows_changes_nothing(people, random):
    shuffled = list(people)
    random.shuffle(shuffled)
    assert identifiability_warnings(shuffled) == identifiability_warnings(people)


@given(people_strategy)
def test_each_warning_is_one_sentence_that_says_what_to_do(people):
    for warning in identifiability_warnings(people):
        assert warning.count(": ") == 1 and warning.endswith(".")
        assert any(word in warning for word in ("bands", "leave out", "describ"))
