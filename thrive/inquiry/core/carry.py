"""Carry coded spans from one version of a transcript to an edited version.

A span is carried only when its exact text survives the edit in one piece: it must fall
inside a run of characters that the diff keeps unchanged and contiguous. The diff runs on
lines first, then on characters inside changed blocks; a large changed block (a re-wrapped
transcript, say) is compared word by word with a patience diff anchored on words that occur
once. A span whose text was moved rather than edited is still carried when that text occurs
exactly once in the new version. Measured: 100,000 words with local edits take ~0.1 s; the
same text fully re-wrapped takes ~2 s.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher

Span = tuple[int, int]
CHARACTER_DIFF_LIMIT = 20_000
TOKEN_GAP_LIMIT = 300
UNIQUE_MATCH_MIN_LENGTH = 12
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def carried_codings(old_text: str, new_text: str, spans: list[Span]) -> list[Span | None]:
    """Return each span's place in new_text, or None where its text did not survive intact."""
    if old_text == new_text:
        return [(start, end) for start, end in spans]
    runs = unchanged_runs(old_text, new_text)
    starts = [old_start for old_start, _, _ in runs]
    return [_carried(span, runs, starts, old_text, new_text) for span in spans]


def unchanged_runs(old_text: str, new_text: str) -> list[tuple[int, int, int]]:
    """Return (old_start, new_start, length) runs of text kept unchanged, merged and sorted."""
    old_lines = old_text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    old_at = _line_offsets(old_lines)
    new_at = _line_offsets(new_lines)
    runs: list[tuple[int, int, int]] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_start, new_start = old_at[i1], new_at[j1]
        if tag == "equal":
            runs.append((old_start, new_start, old_at[i2] - old_start))
        elif tag == "replace":
            old_block = old_text[old_start : old_at[i2]]
            new_block = new_text[new_start : new_at[j2]]
            runs.extend(
                (old_start + a, new_start + b, size)
                for a, b, size in _block_runs(old_block, new_block)
            )
    return _merged(runs)


def _block_runs(old_block: str, new_block: str) -> list[tuple[int, int, int]]:
    if max(len(old_block), len(new_block)) <= CHARACTER_DIFF_LIMIT:
        matcher = SequenceMatcher(None, old_block, new_block, autojunk=False)
        return [tuple(block) for block in matcher.get_matching_blocks() if block.size]
    old_tokens = _TOKEN.findall(old_block)
    new_tokens = _TOKEN.findall(new_block)
    old_at = _line_offsets(old_tokens)
    new_at = _line_offsets(new_tokens)
    return [
        (old_at[a], new_at[b], old_at[a + size] - old_at[a])
        for a, b, size in _token_runs(
            old_tokens, new_tokens, 0, len(old_tokens), 0, len(new_tokens)
        )
    ]


def _token_runs(
    old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int, int, int]]:
    """Patience diff: anchor on tokens unique to both sides, then diff the small gaps."""
    if i1 >= i2 or j1 >= j2:
        return []
    if (i2 - i1) * (j2 - j1) <= TOKEN_GAP_LIMIT**2:
        matcher = SequenceMatcher(None, old[i1:i2], new[j1:j2], autojunk=False)
        return [(i1 + a, j1 + b, n) for a, b, n in matcher.get_matching_blocks() if n]
    anchors = _unique_anchors(old, new, i1, i2, j1, j2)
    if not anchors:
        return []
    runs: list[tuple[int, int, int]] = []
    last_i, last_j = i1, j1
    for i, j in anchors:
        runs.extend(_token_runs(old, new, last_i, i, last_j, j))
        runs.append((i, j, 1))
        last_i, last_j = i + 1, j + 1
    runs.extend(_token_runs(old, new, last_i, i2, last_j, j2))
    return runs


def _unique_anchors(
    old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int, int]]:
    """Return the longest increasing chain of (i, j) pairs of tokens unique on both sides."""
    old_places: dict[str, int | None] = {}
    for i in range(i1, i2):
        old_places[old[i]] = None if old[i] in old_places else i
    new_places: dict[str, int | None] = {}
    for j in range(j1, j2):
        new_places[new[j]] = None if new[j] in new_places else j
    pairs = [
        (i, new_places[token])
        for token, i in old_places.items()
        if i is not None and new_places.get(token) is not None
    ]
    pairs.sort()
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[position] = j
            tail_index[position] = index
        previous.append(tail_index[position - 1] if position else -1)
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _line_offsets(pieces: list[str]) -> list[int]:
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    return offsets


def _merged(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for old_start, new_start, length in sorted(runs):
        if merged:
            last_old, last_new, last_length = merged[-1]
            if last_old + last_length == old_start and last_new + last_length == new_start:
                merged[-1] = (last_old, last_new, last_length + length)
                continue
        merged.append((old_start, new_start, length))
    return merged


def _carried(
    span: Span, runs: list[tuple[int, int, int]], starts: list[int], old: str, new: str
) -> Span | None:
    start, end = span
    if not 0 <= start <= end <= len(old):
        return None
    index = bisect_right(starts, start) - 1
    if index >= 0:
        old_start, new_start, length = runs[index]
        if end <= old_start + length and (start < old_start + length or start == end):
            shift = new_start - old_start
            return start + shift, end + shift
    passage = old[start:end]
    if len(passage) >= UNIQUE_MATCH_MIN_LENGTH:
        found = new.find(passage)
        if found >= 0 and new.find(passage, found + 1) < 0:
            return found, found + len(passage)
    return None


def carried_segments(old_text: str, new_text: str, spans: list[Span]) -> list[Span | None]:
    """Return where each timed segment's words are in new_text, or None where they vanished.

    Unlike a coding, a segment follows corrections of its own words: a boundary inside
    changed text moves outwards to the edge of the change (a start to its beginning, an end
    to its end), so corrected and added words stay in their segment. Segments come back in
    order, never overlapping, without blanks at either end; one left with no words is None.
    """
    runs = unchanged_runs(old_text, new_text)
    old_starts = [old for old, _, _ in runs]
    old_ends = [old + length for old, _, length in runs]
    carried: list[Span | None] = []
    floor = 0
    for start, end in spans:
        if not 0 <= start <= end <= len(old_text):
            carried.append(None)
            continue
        new_start = max(_start_boundary(runs, old_ends, start), floor)
        new_end = _end_boundary(runs, old_starts, end)
        while new_start < new_end and new_text[new_start].isspace():
            new_start += 1
        while new_end > new_start and new_text[new_end - 1].isspace():
            new_end -= 1
        if new_end <= new_start:
            carried.append(None)
            continue
        carried.append((new_start, new_end))
        floor = new_end
    return carried


def _start_boundary(runs: list[tuple[int, int, int]], old_ends: list[int], position: int) -> int:
    """A segment's start in the new text: text added or changed just before it joins it."""
    index = bisect_left(old_ends, position)
    if index < len(runs) and runs[index][0] < position:
        old_start, new_start, _ = runs[index]
        return new_start + position - old_start
    if index == 0:
        return 0
    _, new_start, length = runs[index - 1]
    return new_start + length


def _end_boundary(runs: list[tuple[int, int, int]], old_starts: list[int], position: int) -> int:
    """A segment's end in the new text: text added or changed just after it joins it."""
    index = bisect_right(old_starts, position) - 1
    if index >= 0:
        old_start, new_start, length = runs[index]
        if position < old_start + length:
            return new_start + position - old_start
    if index + 1 < len(runs):
        return runs[index + 1][1]
    if index < 0:
        return 0
    _, new_start, length = runs[index]
    return new_start + length
