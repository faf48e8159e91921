"""Small-number suppression: primary (1 to 4) and secondary (nothing hidden can be worked out)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.core.small_numbers import (
    ALL,
    FEWER,
    NOT_SHOWN,
    Sum,
    breakdown,
    hidden_counts,
    suppressed,
    table,
)

KINDS_FROM_THE_ISSUE = [
    ("employment", 12),
    ("education", 27),
    ("training", 24),
    ("volunteering", 22),
    ("peer support", 25),
    ("self-employment", 4),
]


def test_it_keeps_the_single_figure_rule():
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_it_hides_the_next_smallest_count_so_the_issues_subtraction_no_longer_works():
    hidden = breakdown(KINDS_FROM_THE_ISSUE, total=114)
    assert hidden.small == {"self-employment"}
    assert hidden.protect == {"employment"}  # 12, the next smallest
    assert ALL not in hidden  # the total stays
    shown = {label: hidden.shown(label, n) for label, n in KINDS_FROM_THE_ISSUE}
    assert shown["self-employment"] == FEWER
    assert shown["employment"] == NOT_SHOWN
    assert shown["education"] == "27"
    # 114 − (27 + 24 + 22 + 25) = 16 = employment + self-employment, either of which could be 1–15
    visible = sum(n for label, n in KINDS_FROM_THE_ISSUE if label not in hidden)
    assert 114 - visible == 16


def test_it_hides_what_the_worked_example_in_docs_outcomes_says():
    kinds = [("Employment", 4), ("Education", 12), ("Training", 27), ("Volunteering", 20)]
    hidden = breakdown(kinds)
    assert [hidden.shown(label, n) for label, n in kinds] == [FEWER, NOT_SHOWN, "27", "20"]
    assert hidden.shown(ALL, 59) == "59"


def test_it_shows_everything_when_nothing_is_small():
    hidden = breakdown([("Woman", 30), ("Man", 25), ("Not recorded", 0)])
    assert (hidden.small, hidden.protect) == (set(), set())


def test_it_shows_a_zero_and_never_hides_one_to_protect_another():
    hidden = breakdown([("a", 3), ("b", 0), ("c", 9), ("d", 0)])
    assert hidden.small == {"a"}
    assert hidden.protect == {"c"}
    assert "b" not in hidden and "d" not in hidden


def test_it_hides_a_count_that_would_reveal_people_in_no_row():
    hidden = breakdown([("a", 7), ("b", 0)], total=9)  # 2 people are in no row
    assert hidden.small == set()
    assert hidden.protect == {"a"}  # 9 − 7 would say 2


def test_it_hides_a_total_when_no_other_count_in_its_sum_is_left_to_hide():
    rows = {"r1": {"x": 3, "y": 0}, "r2": {"x": 10, "y": 0}}
    hidden = table(rows)
    assert hidden.small == {("r1", "x"), ("r1", ALL)}
    assert ("r2", "x") in hidden.protect  # protects r1's 3 in column x
    assert ("r2", ALL) in hidden.protect  # its row has no other count, so its total goes
    assert (ALL, "x") not in hidden
    counts, sums, _ = _as_equations(rows, hidden)
    assert_nothing_hidden_can_be_worked_out(counts, sums, hidden)


def test_it_hides_one_more_when_two_hidden_counts_could_only_be_one_each():
    hidden = breakdown([("a", 1), ("b", 1), ("c", 20), ("d", 30)])
    assert hidden.small == {"a", "b"}
    assert hidden.protect == {"c"}  # 1 + 1 beside a total of 52 − 50 = 2 would pin both


def test_it_hides_one_more_when_a_small_and_a_protecting_count_could_only_be_1_and_5():
    hidden = breakdown([("a", 1), ("b", 5), ("c", 30)])
    assert hidden.small == {"a"}
    assert hidden.protect == {"b", "c"}


def test_it_protects_a_two_way_table_along_rows_and_columns():
    rows = {
        "Woman": {"with an outcome": 12, "without": 30},
        "Man": {"with an outcome": 3, "without": 28},
        "Non-binary": {"with an outcome": 6, "without": 7},
    }
    hidden = table(rows)
    assert hidden.small == {("Man", "with an outcome")}
    # its row and its column each need a second hidden count
    assert ("Man", "without") in hidden.protect
    assert hidden.protect & {("Woman", "with an outcome"), ("Non-binary", "with an outcome")}
    assert_nothing_hidden_can_be_worked_out(*_as_equations(rows, hidden))


def test_it_protects_an_unpublished_small_count_that_a_shown_total_would_reveal():
    counts = {"people": 9, "with": 7, "without": 2}
    hidden = hidden_counts(counts, [Sum("people", ("with", "without"))], unpublished=["without"])
    assert "without" not in hidden.small  # never shown, so never labelled
    assert hidden.protect == {"with"}


def test_it_ignores_an_unpublished_count_that_is_not_small():
    counts = {"people": 19, "with": 7, "without": 12}
    hidden = hidden_counts(counts, [Sum("people", ("with", "without"))], unpublished=["without"])
    assert (hidden.small, hidden.protect) == (set(), set())


def test_it_combines_sums_that_share_a_total():
    """Two breakdowns of the same people: the total is common, so each is protected alone."""
    counts = {"all": 40, "g:a": 2, "g:b": 38, "e:x": 20, "e:y": 20}
    sums = [Sum("all", ("g:a", "g:b")), Sum("all", ("e:x", "e:y"))]
    hidden = hidden_counts(counts, sums)
    assert "g:a" in hidden.small
    assert "all" in hidden.protect or "g:b" in hidden.protect
    assert_nothing_hidden_can_be_worked_out(counts, sums, hidden)


def _as_equations(rows, hidden):
    t = table(rows)
    columns = list(dict.fromkeys(c for row in rows.values() for c in row))
    counts = {}
    for name, row in rows.items():
        for c in columns:
            counts[(name, c)] = row.get(c, 0)
        counts[(name, ALL)] = sum(row.values())
    for c in columns:
        counts[(ALL, c)] = sum(row.get(c, 0) for row in rows.values())
    counts[(ALL, ALL)] = sum(counts[(ALL, c)] for c in columns)
    sums = [Sum((name, ALL), tuple((name, c) for c in columns)) for name in rows]
    sums += [Sum((ALL, c), tuple((name, c) for name in rows)) for c in columns]
    sums.append(Sum((ALL, ALL), tuple((ALL, c) for c in columns)))
    return counts, sums, t


def assert_nothing_hidden_can_be_worked_out(counts, sums, hidden, unpublished=()):
    """Every 1–4 hidden; no sum has exactly one hidden count; none is fixed by the sums."""
    unpublished = set(unpublished)
    for key, value in counts.items():
        if 0 < value < 5 and key not in unpublished:
            assert key in hidden.small, key
    hidden_keys = [k for k in counts if k in hidden or k in unpublished]
    guarded = [k for k in hidden_keys if k not in unpublished or 0 < counts[k] < 5]
    for s in sums:
        in_sum = [k for k in (s.total, *s.parts) if k in hidden_keys]
        assert not (len(in_sum) == 1 and in_sum[0] in guarded), (s, in_sum)
    if not hidden_keys:
        return
    column = {k: n for n, k in enumerate(hidden_keys)}
    matrix = np.zeros((len(sums), len(hidden_keys)))
    for r, s in enumerate(sums):
        for part in s.parts:
            if part in column:
                matrix[r, column[part]] += 1
        if s.total in column:
            matrix[r, column[s.total]] -= 1
    rank = np.linalg.matrix_rank(matrix)
    for key in guarded:
        unit = np.zeros((1, len(hidden_keys)))
        unit[0, column[key]] = 1
        assert np.linalg.matrix_rank(np.vstack([matrix, unit])) > rank, f"{key} is derivable"


small_or_not = st.one_of(st.integers(0, 6), st.integers(0, 60))


@settings(max_examples=300, deadline=None)
@given(st.lists(small_or_not, min_size=1, max_size=8))
def test_no_hidden_count_of_a_breakdown_can_be_worked_out_from_its_total(values):
    cells = [(f"group {n}", v) for n, v in enumerate(values)]
    hidden = breakdown(cells)
    counts = {**dict(cells), ALL: sum(values)}
    assert_nothing_hidden_can_be_worked_out(counts, [Sum(ALL, tuple(dict(cells)))], hidden)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(small_or_not, min_size=width, max_size=width), min_size=1, max_size=6
        )
    )
)
def test_no_hidden_count_of_a_two_way_table_can_be_worked_out_from_rows_or_columns(grid):
    rows = {f"row {r}": {f"col {c}": v for c, v in enumerate(line)} for r, line in enumerate(grid)}
    counts, sums, hidden = _as_equations(rows, None)
    assert_nothing_hidden_can_be_worked_out(counts, sums, hidden)
