"""The sections of a case summary and which one a coded passage feeds (pure rule)."""

from __future__ import annotations

import pytest

from thrive.framework.core.template import default_framework
from thrive.inquiry.core.case_sections import SECTION_KEYS, SECTIONS, section_for
from thrive.inquiry.core.starting_codebook import starting_codebook


def test_the_sections_follow_the_studys_order():
    assert [s.title for s in SECTIONS] == [
        "Life struggles, service use and mental health",
        "Involvement",
        "What worked and what changed",
        "Achievements",
        "Unexpected changes",
        "Future and reflections",
        "Summary",
    ]
    assert len(set(SECTION_KEYS)) == len(SECTIONS)


def test_each_section_prompts_the_writer_in_validating_words():
    for section in SECTIONS:
        assert section.prompt.endswith(".")
        for phrase in ("what's wrong", "non-compliant", "failed to engage", "deficit"):
            assert phrase not in section.prompt.lower()
    assert "without this opportunity" in SECTIONS[5].prompt


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (("Somewhere to dwell (invalidating)", "invalidating", "roots", "dwell"), "life"),
        (("Cut off after six sessions", "invalidating", "trunk", ""), "life"),
        (("Somewhere to dwell", "neutral", "", "dwell"), "life"),
        (("Somewhere to dwell (validating)", "validating", "roots", "dwell"), "what_worked"),
        (("Peer support", "validating", "trunk", ""), "what_worked"),
        (("Valued activity", "validating", "branches", ""), "involvement"),
        (("Health", "validating", "fruits", ""), "achievements"),
        (("Without this opportunity", "validating", "fruits", ""), "future"),
        (("Hopes for the future", "neutral", "", ""), "future"),
        (("An unexpected change", "validating", "fruits", ""), "unexpected"),
        (("Surprised myself", "neutral", "", ""), "unexpected"),
        (("Interviewer's aside", "neutral", "", ""), None),
    ],
)
def test_the_rule_places_a_passage_by_its_code(code, expected):
    assert section_for(*code) == expected


def test_the_section_a_code_chooses_wins_over_the_rule():
    assert section_for("Health", "validating", "fruits", "", chosen="unexpected") == "unexpected"
    assert section_for("Interviewer's aside", chosen="summary") == "summary"
    assert section_for("Health", "validating", "fruits", "", chosen="no-such") == "achievements"


def test_every_codable_code_of_the_starting_codebook_feeds_a_section():
    def codable(specs):
        for spec in specs:
            if spec.codable:
                yield spec
            yield from codable(spec.children)

    placed = {
        spec.name: section_for(spec.name, spec.valence, spec.tree_part, spec.area)
        for spec in codable(starting_codebook(default_framework()))
    }
    assert None not in placed.values()
    assert placed["Without this opportunity"] == "future"
    assert placed["Somewhere to dwell (invalidating)"] == "life"
    assert placed["Valued activity"] == "involvement"
