"""Full-text search across an inquiry's transcripts, the same on SQLite and PostgreSQL.

Words are runs of letters and digits, matched whole, ignoring case and accents: text and
query are compared in Unicode's compatibility decomposition (NFKD) without combining accents,
so "cafe" finds "café" whether it was typed as one character or as e + accent, and "nguyen"
finds "Nguyễn". A transcript matches when it holds every word. The database only narrows the
candidates (SQLite FTS5 kept by triggers and removing diacritics, or a PostgreSQL GIN index
over the same folded words); the final decision and the passages shown are worked out here in
Python, so both databases give identical results.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection, connections

from thrive.inquiry.models import Inquiry, Transcript

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 12
CONTEXT = 80
HITS_PER_TRANSCRIPT = 25
POSTGRES_INDEXED_LENGTH = 200_000
# Combining accents dropped when comparing; the PostgreSQL index drops the same ranges.
ACCENTS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ACCENT = re.compile(f"[{ACCENTS}]")
# The same words as the index of migration 0013 (the expression must match it exactly).
_POSTGRES_CANDIDATES = (
    "SELECT id FROM inquiry_transcript WHERE inquiry_id = %s AND length <= %s "
    "AND to_tsvector('simple'::regconfig, regexp_replace(regexp_replace(normalize(text, NFKD), "
    "'[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]', '', 'g'), "
    "'[^[:alnum:]]+', ' ', 'g')) @@ plainto_tsquery('simple'::regconfig, %s) "
    "UNION SELECT id FROM inquiry_transcript WHERE inquiry_id = %s AND length > %s"
)


def folded(text: str) -> str:
    """Text as search compares it: NFKD, combining accents removed, case folded."""
    return _ACCENT.sub("", unicodedata.normalize("NFKD", text)).casefold()


class FoldedText:
    """A transcript's folded text, with the way back from folded positions to its own."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._origin: list[int] | None = None
        if text.isascii():
            self.folded = text.lower()
            return
        pieces, origin = [], []
        for index, character in enumerate(text):
            piece = character.lower() if character < "\x80" else folded(character)
            pieces.append(piece)
            origin.extend([index] * len(piece))
        self.folded = "".join(pieces)
        self._origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a folded match, taking in accents written after its end."""
        if self._origin is None:
            return start, end
        first = self._origin[start]
        last = self._origin[end - 1] + 1
        while last < len(self.text) and _ACCENT.match(self.text[last]):
            last += 1
        return first, last


@dataclass(frozen=True)
class Hit:
    """One place a searched word occurs, with the text around it."""

    start: int
    end: int
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class SearchResult:
    transcript_id: int
    title: str
    participant_label: str
    total: int
    hits: list[Hit]


def query_words(query: str) -> list[str]:
    """The distinct words of a query, folded as search compares them, at most MAX_WORDS."""
    words = dict.fromkeys(WORD.findall(folded(query[:1000])))
    return list(words)[:MAX_WORDS]


def word_pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def candidate_ids(inquiry: Inquiry, words: list[str]) -> list[int]:
    """Transcripts the database's index says may hold every word (a superset of matches)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " ".join(f'"{word}"' for word in words)
            cursor.execute(
                "SELECT t.id FROM inquiry_transcript_fts f "
                "JOIN inquiry_transcript t ON t.id = f.rowid "
                "WHERE inquiry_transcript_fts MATCH %s AND t.inquiry_id = %s",
                [match, inquiry.pk],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                _POSTGRES_CANDIDATES,
                [
                    inquiry.pk,
                    POSTGRES_INDEXED_LENGTH,
                    " ".join(words),
                    inquiry.pk,
                    POSTGRES_INDEXED_LENGTH,
                ],
            )
        else:
            return list(Transcript.objects.filter(inquiry=inquiry).values_list("id", flat=True))
        return [row[0] for row in cursor.fetchall()]


def find_hits(text: str, words: list[str], limit: int = HITS_PER_TRANSCRIPT) -> list[Hit] | None:
    """Every place any word occurs, or None when some word is missing from the text."""
    found: set[str] = set()
    hits: list[Hit] = []
    folded_text = FoldedText(text)
    for match in word_pattern(words).finditer(folded_text.folded):
        found.add(match.group(0))
        if len(hits) < limit:
            start, end = folded_text.span(*match.span())
            hits.append(
                Hit(
                    start,
                    end,
                    text[max(0, start - CONTEXT) : start],
                    text[start:end],
                    text[end : end + CONTEXT],
                )
            )
    if not all(word in found for word in words):
        return None
    return hits


def count_hits(text: str, words: list[str]) -> int:
    return sum(1 for _ in word_pattern(words).finditer(folded(text)))


def search(inquiry: Inquiry, query: str, limit: int = 200) -> list[SearchResult]:
    """Transcripts holding every word of the query, with the passages where they occur."""
    words = query_words(query)
    if not words:
        return []
    ids = candidate_ids(inquiry, words)
    results: list[SearchResult] = []
    for transcript in (
        Transcript.objects.filter(pk__in=ids)
        .select_related("participant")
        .only("id", "title", "text", "participant__label")
        .order_by("title", "id")
        .iterator(chunk_size=50)
    ):
        hits = find_hits(transcript.text, words)
        if hits is None:
            continue
        label = transcript.participant.label if transcript.participant else ""
        results.append(
            SearchResult(
                transcript.pk, transcript.title, label, count_hits(transcript.text, words), hits
            )
        )
        if len(results) >= limit:
            break
    return results


SQLITE_INDEX = {
    "inquiry_transcript_fts": "CREATE VIRTUAL TABLE inquiry_transcript_fts USING fts5(text, "
    "content='inquiry_transcript', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "inquiry_transcript_fts_insert": "CREATE TRIGGER inquiry_transcript_fts_insert AFTER INSERT "
    "ON inquiry_transcript BEGIN INSERT INTO inquiry_transcript_fts(rowid, text) "
    "VALUES (new.id, new.text); END",
    "inquiry_transcript_fts_delete": "CREATE TRIGGER inquiry_transcript_fts_delete AFTER DELETE "
    "ON inquiry_transcript BEGIN INSERT INTO inquiry_transcript_fts(inquiry_transcript_fts, "
    "rowid, text) VALUES ('delete', old.id, old.text); END",
    "inquiry_transcript_fts_update": "CREATE TRIGGER inquiry_transcript_fts_update AFTER UPDATE "
    "OF text ON inquiry_transcript BEGIN INSERT INTO inquiry_transcript_fts("
    "inquiry_transcript_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO inquiry_transcript_fts(rowid, text) VALUES (new.id, new.text); END",
}


def ensure_index(using: str = "default", **kwargs) -> bool:
    """Recreate SQLite's search table and triggers if a table rebuild dropped them.

    Django rebuilds a SQLite table to alter it, which silently drops its triggers; this runs
    after every migrate. Returns whether anything had to be repaired.
    """
    conn = connections[using]
    if conn.vendor != "sqlite":
        return False
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = 'inquiry_transcript' "
            "OR name LIKE 'inquiry_transcript_fts%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in SQLITE_INDEX if name not in present]
        if "inquiry_transcript" not in present or not missing:
            return False
        for name in missing:
            cursor.execute(SQLITE_INDEX[name])
        cursor.execute(
            "INSERT INTO inquiry_transcript_fts(inquiry_transcript_fts) VALUES ('rebuild')"
        )
    return True
