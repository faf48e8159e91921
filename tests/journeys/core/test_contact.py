"""When someone was last seen, in words that inform and never warn."""

from datetime import date

import pytest

from thrive.journeys.core.contact import last_seen

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (None, "Not met yet"),
        (date(2026, 3, 31), "Last seen today"),
        (date(2026, 3, 30), "Last seen yesterday"),
        (date(2026, 3, 21), "Last seen 10 days ago"),
        (date(2026, 1, 27), "Last seen 9 weeks ago"),
        (date(2025, 9, 30), "Last seen 6 months ago"),
        (date(2025, 10, 1), "Last seen 5 months ago"),
    ],
)
def test_it_says_when_they_were_last_seen(day, words):
    assert last_seen(day, TODAY) == words


def test_it_never_words_a_long_gap_as_a_deadline():
    words = last_seen(date(2024, 1, 1), TODAY).lower()
    assert words == "last seen 26 months ago"
    assert not any(w in words for w in ("overdue", "late", "missed", "!"))
