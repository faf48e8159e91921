"""Passages, the framework matrix, frequencies, co-occurrence and search."""

import pytest

from thrive.inquiry.models import Code, Inquiry, Participant
from thrive.inquiry.retrieval import (
    PassageFilter,
    co_occurrence_table,
    code_frequencies,
    code_tree,
    framework_matrix,
    passages,
)
from thrive.inquiry.search import query_words, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(coordinator, worker):
    """Two participants; P1 coded by two coders, P2 by one; one untitled transcript unlinked."""
    inquiry = Inquiry.objects.create_inquiry("Synthesis")
    p1 = Participant.objects.create(inquiry=inquiry, label="P1", attributes={"gender": "woman"})
    p2 = Participant.objects.create(
        inquiry=inquiry, label="P2", attributes={"gender": "man", "age": 30}
    )
    t1 = inquiry.add_transcript(
        "Interview 1", "P1: My home is warm now. Work gives me a reason to get up.\n", p1
    )
    t2 = inquiry.add_transcript(
        "Interview 2", "P2: A warm welcome, no forms. My sister visits.\n", p2
    )
    inquiry.add_transcript("Group notes", "Note taker: warm room, warm tea.\n")
    codes = {c.name: c for c in Code.objects.filter(inquiry=inquiry)}
    home = codes["Somewhere to dwell (validating)"]
    love = codes["Someone to love"]
    work = codes["Something to do"]
    t1.add_coding(home, 4, 24, coordinator)
    t1.add_coding(work, 25, 58, coordinator)
    t1.add_coding(home, 4, 24, worker)
    t1.add_coding(love, 10, 30, worker, "warmth and people together")
    t2.add_coding(love, 30, 46, coordinator)
    return inquiry, codes, (p1, p2), (t1, t2)


def test_it_retrieves_passages_of_a_code_and_its_children(study):
    inquiry, codes, _, _ = study
    found = passages(inquiry, codes["Somewhere to dwell"])
    assert [(p.quote, p.coder) for p in found] == [
        ("My home is warm now.", "coord"),
        ("My home is warm now.", "worker"),
    ]
    assert (
        passages(inquiry, codes["Somewhere to dwell"], PassageFilter(include_children=False)) == []
    )


def test_it_filters_passages_by_attribute_participant_and_coder(study, worker):
    inquiry, codes, (p1, _p2), _ = study
    love = codes["Someone to love"]
    assert [p.participant_label for p in passages(inquiry, love)] == ["P1", "P2"]
    by_gender = passages(inquiry, love, PassageFilter(attributes=(("gender", "MAN"),)))
    assert [p.quote for p in by_gender] == ["My sister visits"]
    assert [p.participant_label for p in passages(inquiry, love, PassageFilter((p1.pk,)))] == ["P1"]
    assert [p.memo for p in passages(inquiry, love, PassageFilter(coder_ids=(worker.pk,)))] == [
        "warmth and people together"
    ]
    numeric = passages(inquiry, love, PassageFilter(attributes=(("age", "30"),)))
    assert [p.participant_label for p in numeric] == ["P2"]


def test_it_counts_codings_in_the_tree(study):
    inquiry, _, _, _ = study
    areas = next(node for node in code_tree(inquiry) if node.code.name == "Areas of living")
    assert (areas.direct, areas.total) == (0, 5)


def test_it_builds_the_framework_matrix_with_rolled_up_counts_and_quotes(study):
    inquiry, _codes, _, (t1, _) = study
    matrix = framework_matrix(inquiry)
    assert [p.label for p in matrix.participants] == ["P1", "P2"]
    rows = {row.code.name: row for row in matrix.rows}
    assert [c.count for c in rows["Areas of living"].cells] == [4, 1]
    assert [c.count for c in rows["Somewhere to dwell (validating)"].cells] == [2, 0]
    quote = rows["Something to do"].cells[0].quotes[0]
    assert (quote.text, quote.transcript_id) == ("Work gives me a reason to get up.", t1.pk)
    assert rows["Someone to love"].participants == 2
    assert "Model of change" not in rows


def test_it_counts_each_code_on_its_own_for_frequencies(study):
    inquiry, _, _, _ = study
    rows = {row.code.name: row for row in code_frequencies(inquiry).rows}
    assert "Areas of living" not in rows
    assert rows["Somewhere to dwell (validating)"].total == 2
    assert all(not cell.quotes for row in rows.values() for cell in row.cells)


def test_it_counts_overlapping_codes(study):
    inquiry, codes, _, _ = study
    table = co_occurrence_table(inquiry)
    home, love, work = (
        codes["Somewhere to dwell (validating)"],
        codes["Someone to love"],
        codes["Something to do"],
    )
    assert table.count(home, love) == 2
    assert table.count(love, work) == 1
    assert table.count(home, home) == 1
    assert table.count(home, work) == 0


def test_it_finds_transcripts_holding_every_word_with_their_places(study):
    inquiry, _, _, (_t1, t2) = study
    results = search(inquiry, "WARM")
    assert [r.title for r in results] == ["Group notes", "Interview 1", "Interview 2"]
    assert results[0].total == 2
    assert [r.title for r in search(inquiry, "warm sister")] == ["Interview 2"]
    hit = search(inquiry, "sister")[0].hits[0]
    assert t2.text[hit.start : hit.end] == "sister"


def test_it_matches_whole_words_only_and_survives_hostile_queries(study):
    inquiry, _, _, _ = study
    assert search(inquiry, "war") == []
    assert search(inquiry, '"* OR NEAR( -- ; DROP') == []
    assert search(inquiry, "") == [] and search(inquiry, "!!!") == []
    assert search(inquiry, "x" * 5000) == []
    assert query_words("Warm, WARM & tea!") == ["warm", "tea"]


def test_it_keeps_the_search_index_in_step_with_edits_and_deletions(study):
    inquiry, _, _, (t1, _) = study
    t1.edit_text("P1: Completely different words.\n")
    assert [r.title for r in search(inquiry, "home")] == []
    assert [r.title for r in search(inquiry, "different")] == ["Interview 1"]
    t1.delete()
    assert search(inquiry, "different") == []


def test_it_searches_only_the_inquiry_asked_about(study):
    inquiry, _, _, _ = study
    other = Inquiry.objects.create_inquiry("Elsewhere", from_template=False)
    other.add_transcript("Other", "Z: sister sister\n")
    assert [r.title for r in search(inquiry, "sister")] == ["Interview 2"]
