"""A table's quotes are chosen the same way every time: short whole sentences, many voices."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from thrive.reports.core.quote_choice import choose_quotes, is_whole_sentence


@dataclass(frozen=True)
class Said:
    participant: str
    text: str
    transcript_id: int = 1
    start: int = 0


def test_a_whole_sentence_starts_with_a_capital_and_ends_with_a_stop():
    assert is_whole_sentence("They trusted me with the keys.")
    assert is_whole_sentence("“Why not?”")
    assert not is_whole_sentence("trusted me with the keys.")
    assert not is_whole_sentence("They trusted me with the keys")


def test_it_prefers_a_whole_sentence_to_a_shorter_fragment():
    fragment, sentence = Said("P1", "the keys"), Said("P2", "They gave me the keys.")
    assert choose_quotes([fragment, sentence], 1) == [sentence]


def test_it_takes_the_shortest_sentences_from_different_participants_first():
    quotes = [
        Said("P1", "I came back."),
        Said("P1", "I was home."),
        Said("P2", "They listened to me properly."),
    ]
    assert choose_quotes(quotes, 2) == [quotes[1], quotes[2]]


def test_it_takes_a_second_quote_from_the_same_participant_when_nobody_else_spoke():
    quotes = [Said("P1", "I came back."), Said("P1", "I was home.")]
    assert choose_quotes(quotes, 2) == [quotes[1], quotes[0]]
    assert choose_quotes([], 2) == []


quotes = st.lists(
    st.builds(
        Said,
        participant=st.sampled_from(["P1", "P2", "P3"]),
        text=st.sampled_from(["Yes.", "It helped.", "the van", "I had the keys.", "No"]),
        transcript_id=st.integers(1, 3),
        start=st.integers(0, 50),
    ),
    max_size=8,
    unique=True,
)


@given(quotes, st.integers(0, 3), st.randoms())
def test_the_choice_does_not_depend_on_the_order_found(found, how_many, random):
    shuffled = list(found)
    random.shuffle(shuffled)
    chosen = choose_quotes(found, how_many)
    assert choose_quotes(shuffled, how_many) == chosen
    assert len(chosen) == min(how_many, len(found))
    voices = {q.participant for q in found}
    assert len({q.participant for q in chosen}) == min(len(chosen), len(voices))
