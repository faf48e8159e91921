"""Names folded for search: case, accents and spacing set aside, as people type names."""

import pytest

from thrive.journeys.core.names import fold


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("zoe", "Zoë"),
        ("ZOE", "zoë"),
        ("sinead o'connor", "Sinéad O’Connor"),
        ("lukasz", "Łukasz"),
        ("soren", "Søren"),
        ("strasse", "Straße"),
        ("aegir", "Ægir"),
        ("nguyen van an", "Nguyễn  Văn An"),
        ("francois", "François"),
    ],
)
def test_it_folds_what_people_type_and_what_is_stored_alike(typed, stored):
    assert fold(typed) == fold(stored)


def test_it_keeps_letters_that_are_not_latin():
    assert fold("Мария") == "мария"
    assert fold("明美") == "明美"


def test_it_keeps_different_names_apart():
    assert fold("Ana") != fold("Anna")
    assert fold("Zoë") not in fold("Chloe Adams")
