"""Search ignores accents and how they were typed, on SQLite and on PostgreSQL alike."""

import unicodedata

import pytest

from thrive.inquiry.models import Inquiry
from thrive.inquiry.search import find_hits, query_words, search

pytestmark = pytest.mark.django_db

SPOKEN = "P2: We met Zoë at the café on Tuesday. Mr Nguyễn ran the group.\n"


@pytest.fixture
def inquiry():
    inquiry = Inquiry.objects.create(title="Accents")
    for form in ("NFC", "NFD"):
        text = unicodedata.normalize(form, SPOKEN)
        inquiry.add_transcripts([(form, text, None)])
    inquiry.add_transcripts([("Plain", "P3: The cafeteria was shut.\n", None)])
    return inquiry


@pytest.mark.parametrize("query", ["cafe", "café", unicodedata.normalize("NFD", "café"), "CAFE"])
def test_it_finds_cafe_however_it_was_typed_in_text_and_query(inquiry, query):
    results = search(inquiry, query)
    assert sorted(r.title for r in results) == ["NFC", "NFD"]


@pytest.mark.parametrize("query", ["zoe", "Zoë", "nguyen", "Nguyễn", "zoe nguyen"])
def test_it_finds_names_with_combining_marks(inquiry, query):
    assert sorted(r.title for r in search(inquiry, query)) == ["NFC", "NFD"]


def test_it_shows_the_passage_as_written_with_its_accents(inquiry):
    for result in search(inquiry, "nguyen cafe"):
        text = unicodedata.normalize(result.title, SPOKEN)
        assert [hit.match for hit in result.hits] == [
            unicodedata.normalize(result.title, "café"),
            unicodedata.normalize(result.title, "Nguyễn"),
        ]
        for hit in result.hits:
            assert text[hit.start : hit.end] == hit.match


def test_it_still_matches_whole_words_only(inquiry):
    assert [r.title for r in search(inquiry, "cafeteria")] == ["Plain"]
    assert find_hits("cafés", query_words("cafe")) is None
