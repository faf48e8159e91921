"""safe_cell: what a spreadsheet would run becomes plain text; numbers stay numbers."""

import pytest

from thrive.core.cells import safe_cell


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1+1", "\n=1+1"],
)
def test_it_makes_formulas_plain_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(("value", "cell"), [(12, 12), (-3.5, -3.5), (None, ""), (True, "yes")])
def test_it_keeps_numbers_and_plain_values(value, cell):
    assert safe_cell(value) == cell


def test_it_leaves_ordinary_text_alone():
    assert safe_cell("Woman = 3 people") == "Woman = 3 people"
