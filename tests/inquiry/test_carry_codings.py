"""Coded spans follow their text into an edited version, or are dropped when it changed."""

import random
import re
import time

from thrive.inquiry.core.carry import carried_codings

OLD = (
    "Interviewer: How did the placement go?\n"
    "P7: It was hard at first. The bus was late every day.\n"
    "Interviewer: And later?\n"
    "P7: Later I felt useful again.\n"
)


def spans_of(text: str, *passages: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in passages]


def carried_texts(old: str, new: str, *passages: str) -> list[str | None]:
    result = carried_codings(old, new, spans_of(old, *passages))
    return [new[span[0] : span[1]] if span else None for span in result]


def test_it_moves_spans_past_an_insertion_before_them():
    new = "[Transcript checked by P7]\n" + OLD
    assert carried_texts(OLD, new, "The bus was late", "I felt useful again") == [
        "The bus was late",
        "I felt useful again",
    ]


def test_it_carries_spans_on_a_line_edited_elsewhere():
    new = OLD.replace("It was hard at first.", "It was really hard at first.")
    assert carried_texts(OLD, new, "The bus was late every day") == ["The bus was late every day"]


def test_it_drops_a_span_whose_own_text_changed():
    new = OLD.replace("The bus was late", "The train was late")
    assert carried_texts(OLD, new, "The bus was late", "felt useful") == [None, "felt useful"]


def test_it_carries_a_span_across_lines_kept_together():
    passage = "late every day.\nInterviewer: And later?"
    new = "Intro line\n" + OLD
    assert carried_texts(OLD, new, passage) == [passage]


def test_it_carries_a_moved_passage_that_occurs_once():
    lines = OLD.splitlines(keepends=True)
    new = "".join([lines[3], lines[0], lines[1], lines[2]])
    assert carried_texts(OLD, new, "Later I felt useful again") == ["Later I felt useful again"]


def test_it_returns_none_for_spans_outside_the_old_text():
    assert carried_codings(OLD, OLD + "x", [(5, 9999), (-1, 3)]) == [None, None]


def test_it_keeps_every_span_when_nothing_changed():
    spans = spans_of(OLD, "bus", "useful")
    assert carried_codings(OLD, OLD, spans) == spans


def test_it_carries_codings_in_a_100k_word_transcript_quickly():
    chance = random.Random(3)
    vocabulary = [f"word{n}" for n in range(6000)]
    weights = [1 / (n + 1) for n in range(6000)]
    words = chance.choices(vocabulary, weights, k=100_000)
    old = " ".join(w + chance.choice(["", "", ".", "\n"]) for w in words)
    new = old[:5000] + " an inserted aside " + old[5000:400_000] + old[400_200:]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", old)][::97]
    started = time.perf_counter()
    result = carried_codings(old, new, spans)
    assert time.perf_counter() - started < 5
    for (start, end), span in zip(spans, result, strict=True):
        if span is not None:
            assert new[span[0] : span[1]] == old[start:end]
    assert sum(span is None for span in result) < len(spans) // 50
