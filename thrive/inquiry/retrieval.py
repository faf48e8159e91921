"""Reading coded passages back: by code, by participant, side by side and overlapping.

Quotes come from Coding.quote (copied when a passage is coded), so no query here reads
whole transcripts; the tree arithmetic is done in Python on the small codebook.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, TextField, Value
from django.db.models.functions import Coalesce, NullIf, Substr

from thrive.inquiry.core.segments import co_occurrence, descendants
from thrive.inquiry.models import (
    Code,
    CodeGroup,
    Coding,
    DocumentGroup,
    Inquiry,
    Participant,
    Transcript,
)

QUOTE_PREVIEW = 300


def quote_expression(limit: int | None = None):
    """The stored quote, or the span read from the transcript when none was stored."""
    stored = NullIf("quote", Value(""), output_field=TextField())
    fallback = Substr(
        "transcript__text", F("start") + 1, F("end") - F("start"), output_field=TextField()
    )
    expression = Coalesce(stored, fallback, output_field=TextField())
    return Substr(expression, 1, limit, output_field=TextField()) if limit else expression


# The codebook as a tree ----------------------------------------------------------------------


@dataclass
class CodeNode:
    """A code with its place in the tree and how often it (and its subtree) was applied."""

    code: Code
    depth: int
    direct: int = 0
    total: int = 0
    children: list[CodeNode] = field(default_factory=list)

    def as_dict(self) -> dict:
        code = self.code
        return {
            "id": code.pk,
            "name": code.name,
            "description": code.description,
            "colour": code.colour,
            "valence": code.valence,
            "tree_part": code.tree_part,
            "area": code.area,
            "codable": code.codable,
            "memo": code.memo,
            "codings": self.direct,
            "codings_with_children": self.total,
            "children": [child.as_dict() for child in self.children],
        }


def code_tree(inquiry: Inquiry, *, with_counts: bool = True) -> list[CodeNode]:
    """The codebook as nested nodes with coding counts, siblings ordered by name."""
    counts = (
        dict(
            Coding.objects.filter(code__inquiry=inquiry)
            .values_list("code")
            .annotate(n=Count("id"))
            .values_list("code", "n")
        )
        if with_counts
        else {}
    )
    nodes = {code.pk: CodeNode(code, 0, counts.get(code.pk, 0)) for code in inquiry.codes.all()}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.code.parent_id)
        (parent.children if parent else roots).append(node)

    def settle(node: CodeNode, depth: int) -> int:
        node.depth = depth
        node.total = node.direct + sum(settle(child, depth + 1) for child in node.children)
        return node.total

    for root in roots:
        settle(root, 0)
    return roots


def flatten(nodes: list[CodeNode]) -> list[CodeNode]:
    """Depth-first order, as the codebook is read top to bottom."""
    flat: list[CodeNode] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.children))
    return flat


# Passages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageFilter:
    """Which passages to show: by participants, their attributes, who coded them, and groups
    of transcripts or codes (a passage in any chosen group)."""

    participant_ids: tuple[int, ...] = ()
    coder_ids: tuple[int, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    include_children: bool = True
    document_group_ids: tuple[int, ...] = ()
    code_group_ids: tuple[int, ...] = ()

    def participants(self, inquiry: Inquiry) -> list[int] | None:
        """Participant ids the filter allows, or None when it allows everyone."""
        if not self.participant_ids and not self.attributes:
            return None
        chosen = Participant.objects.active().filter(inquiry=inquiry)
        if self.participant_ids:
            chosen = chosen.filter(pk__in=self.participant_ids)
        return [
            participant.pk
            for participant in chosen.only("id", "attributes")
            if all(
                str(participant.attributes.get(key, "")).casefold() == value.casefold()
                for key, value in self.attributes
            )
        ]


@dataclass(frozen=True)
class Passage:
    """One coded passage and where it sits."""

    coding_id: int
    code_id: int
    code_name: str
    transcript_id: int
    transcript_title: str
    participant_label: str
    start: int
    end: int
    quote: str
    coder: str
    memo: str
    created_at: datetime


def transcript_places(inquiry: Inquiry, with_participant: bool = False) -> dict[int, tuple]:
    """(title, participant id, participant label) of each transcript, by id.

    Read once per call so coding queries need not join the transcript row: on SQLite the
    columns after a long text sit behind its overflow pages, so a join per coding is slow.
    """
    rows = Transcript.objects.filter(inquiry=inquiry)
    if with_participant:
        rows = rows.filter(participant__isnull=False)
    return {
        pk: (title, participant_id, label or "")
        for pk, title, participant_id, label in rows.order_by().values_list(
            "id", "title", "participant_id", "participant__label"
        )
    }


def inquiry_codings(inquiry: Inquiry, with_participant: bool = False):
    """Codings of the inquiry's transcripts, selected without joining the transcript rows."""
    transcripts = Transcript.objects.filter(inquiry=inquiry)
    if with_participant:
        transcripts = transcripts.filter(participant__isnull=False)
    return Coding.objects.filter(transcript_id__in=transcripts.values("id"))


def passages(inquiry: Inquiry, code: Code, filters: PassageFilter | None = None) -> list[Passage]:
    """Every passage coded with the code (and its children), in transcript order."""
    filters = filters or PassageFilter()
    ids = (
        descendants(dict(inquiry.codes.values_list("id", "parent_id")), code.pk)
        if filters.include_children
        else [code.pk]
    )
    if filters.code_group_ids:
        grouped = CodeGroup.codes.through.objects.filter(
            codegroup__inquiry=inquiry, codegroup_id__in=filters.code_group_ids
        )
        ids = list(grouped.filter(code_id__in=ids).values_list("code_id", flat=True))
    places = transcript_places(inquiry)
    rows = inquiry_codings(inquiry).filter(code_id__in=ids)
    if filters.document_group_ids:
        grouped = DocumentGroup.transcripts.through.objects.filter(
            documentgroup__inquiry=inquiry, documentgroup_id__in=filters.document_group_ids
        )
        rows = rows.filter(transcript_id__in=grouped.values("transcript_id"))
    allowed = filters.participants(inquiry)
    if allowed is not None:
        allowed_set = set(allowed)
        chosen = [pk for pk, place in places.items() if place[1] in allowed_set]
        rows = rows.filter(transcript_id__in=chosen)
    if filters.coder_ids:
        rows = rows.filter(coder_id__in=filters.coder_ids)
    names = dict(inquiry.codes.filter(pk__in=ids).values_list("id", "name"))
    coders = dict(
        get_user_model()
        .objects.filter(pk__in=rows.order_by().values("coder_id"))
        .values_list("id", "username")
    )
    found = [
        Passage(
            pk,
            code_id,
            names.get(code_id, ""),
            tid,
            places[tid][0],
            places[tid][2],
            start,
            end,
            text,
            coders.get(coder_id, "")
            or (f"{external} (from the imported file)" if external else ""),
            memo,
            created,
        )
        for (
            pk,
            code_id,
            tid,
            start,
            end,
            coder_id,
            external,
            memo,
            created,
            text,
        ) in rows.order_by()
        .values_list(
            "id",
            "code_id",
            "transcript_id",
            "start",
            "end",
            "coder_id",
            "external_coder",
            "memo",
            "created_at",
        )
        .annotate(text=quote_expression())
    ]
    found.sort(key=lambda p: (p.transcript_title, p.transcript_id, p.start, p.coding_id))
    return found


# Framework matrix and frequencies ------------------------------------------------------------


@dataclass(frozen=True)
class QuoteRef:
    coding_id: int
    transcript_id: int
    start: int
    end: int
    text: str


@dataclass
class Cell:
    count: int = 0
    quotes: list[QuoteRef] = field(default_factory=list)
    participant_id: int | None = None


@dataclass
class MatrixRow:
    code: Code
    depth: int
    cells: list[Cell]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def participants(self) -> int:
        return sum(1 for cell in self.cells if cell.count)


@dataclass
class Matrix:
    """Codes down, participants across; each cell counts codings and keeps a few quotes.

    quotes_on_demand is set when the matrix is too large to read with quotes in every cell:
    cells then hold counts, and each links to its passages.
    """

    participants: list[Participant]
    rows: list[MatrixRow]
    quotes_on_demand: bool = False


def quote_previews(ids: list[int]) -> dict[int, str]:
    """The first QUOTE_PREVIEW characters of each coding's quote, by id, in few queries."""
    size = max(100, (connection.features.max_query_params or 10_000) - 10)
    texts: dict[int, str] = {}
    table = connection.ops.quote_name(Coding._meta.db_table)
    with connection.cursor() as cursor:
        # Plain SQL: building tens of thousands of ORM parameters costs more than the query.
        for offset in range(0, len(ids), size):
            chunk = ids[offset : offset + size]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT id, substr(quote, 1, %s) FROM {table} WHERE id IN ({marks})",  # noqa: S608
                [QUOTE_PREVIEW, *chunk],
            )
            texts.update(cursor.fetchall())
    missing = [pk for pk, text in texts.items() if not text]
    for offset in range(0, len(missing), size):
        texts.update(
            Coding.objects.filter(pk__in=missing[offset : offset + size])
            .order_by()
            .values_list("id", quote_expression(QUOTE_PREVIEW))
        )
    return texts


QUOTE_CELL_LIMIT = 5_000


def framework_matrix(
    inquiry: Inquiry,
    *,
    quotes_per_cell: int = 2,
    roll_up: bool = True,
    include_empty: bool = False,
) -> Matrix:
    """Codes × participants: with roll_up a code's cell also counts its children's codings.

    Beyond QUOTE_CELL_LIMIT cells the quotes are left out (quotes_on_demand): a page with
    tens of thousands of quotes cannot be read, and each cell links to its passages instead.
    """
    participants = list(Participant.objects.active().filter(inquiry=inquiry).only("id", "label"))
    flat = flatten(code_tree(inquiry, with_counts=False))
    on_demand = bool(quotes_per_cell) and len(participants) * len(flat) > QUOTE_CELL_LIMIT
    if on_demand:
        quotes_per_cell = 0
    places = transcript_places(inquiry, with_participant=True)
    coded = inquiry_codings(inquiry, with_participant=True).order_by()
    if quotes_per_cell:
        direct = _cells_with_quotes(coded, places, quotes_per_cell)
    else:
        direct = _cells_counted(coded, places)
    parents = {node.code.pk: node.code.parent_id for node in flat} if roll_up else {}
    cells = _rolled_up(direct, parents, quotes_per_cell)
    rows = _matrix_rows(flat, participants, cells, include_empty)
    return Matrix(participants, rows, quotes_on_demand=on_demand)


def _cells_counted(coded, places: dict[int, tuple]) -> dict[tuple[int, int], Cell]:
    """Each (code, participant) cell's count of direct codings, without quotes."""
    direct: dict[tuple[int, int], Cell] = defaultdict(Cell)
    for code_id, tid, count in (
        coded.values_list("code_id", "transcript_id")
        .annotate(n=Count("id"))
        .values_list("code_id", "transcript_id", "n")
    ):
        direct[code_id, places[tid][1]].count += count
    return direct


def _light_codings(coded) -> dict[int, list[tuple[int, int, int, int]]]:
    """(id, code, start, end) of every coding by transcript, in order, read without the ORM."""
    by_transcript: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    light = coded.order_by("transcript_id", "start", "id").values_list(
        "id", "code_id", "transcript_id", "start", "end"
    )
    sql, params = light.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # the ORM's own SQL, without its per-row work
        for pk, code_id, tid, start, end in cursor.fetchall():
            by_transcript[tid].append((pk, code_id, start, end))
    return by_transcript


def _cells_with_quotes(
    coded, places: dict[int, tuple], quotes_per_cell: int
) -> dict[tuple[int, int], Cell]:
    """Each (code, participant) cell's count of direct codings and its first few quotes."""
    # Light rows only, in transcript order; the few quotes shown are read afterwards by id.
    by_transcript = _light_codings(coded)
    firsts: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for tid in sorted(by_transcript, key=lambda t: (places[t][0], t)):
        participant_id = places[tid][1]
        for pk, code_id, start, end in by_transcript[tid]:
            key = (code_id, participant_id)
            counts[key] += 1
            chosen = firsts[key]
            if len(chosen) < quotes_per_cell:
                chosen.append((pk, tid, start, end))
    texts = quote_previews([q[0] for chosen in firsts.values() for q in chosen])
    direct: dict[tuple[int, int], Cell] = defaultdict(Cell)
    for key, count in counts.items():
        cell = direct[key]
        cell.count = count
        cell.quotes = [
            QuoteRef(pk, tid, start, end, texts.get(pk, "")) for pk, tid, start, end in firsts[key]
        ]
    return direct


def _rolled_up(
    direct: dict[tuple[int, int], Cell], parents: dict[int, int | None], quotes_per_cell: int
) -> dict[tuple[int, int], Cell]:
    """Each direct cell added to its own code and to every code above it named in parents."""
    cells: dict[tuple[int, int], Cell] = defaultdict(Cell)
    for (code_id, participant_id), cell in direct.items():
        owner: int | None = code_id
        while owner is not None:
            target = cells[owner, participant_id]
            target.count += cell.count
            room = quotes_per_cell - len(target.quotes)
            if room > 0:
                target.quotes.extend(cell.quotes[:room])
            owner = parents.get(owner)
    return cells


def _matrix_rows(
    flat: list[CodeNode],
    participants: list[Participant],
    cells: dict[tuple[int, int], Cell],
    include_empty: bool,
) -> list[MatrixRow]:
    """One row per code in tree order, one cell per participant; empty rows only if asked."""
    rows = []
    for node in flat:
        row_cells = [
            cells.get((node.code.pk, p.pk)) or Cell(participant_id=p.pk) for p in participants
        ]
        for cell, participant in zip(row_cells, participants, strict=True):
            cell.participant_id = participant.pk
        row = MatrixRow(node.code, node.depth, row_cells)
        if include_empty or row.total:
            rows.append(row)
    return rows


def code_frequencies(inquiry: Inquiry, *, roll_up: bool = False) -> Matrix:
    """How often each code was applied for each participant (counts only)."""
    return framework_matrix(inquiry, quotes_per_cell=0, roll_up=roll_up)


# Co-occurrence -------------------------------------------------------------------------------


@dataclass
class CoOccurrence:
    """Codes that overlap in the same passages: counts of overlapping coding pairs."""

    codes: list[Code]
    counts: dict[tuple[int, int], int]

    def count(self, first: Code, second: Code) -> int:
        key = tuple(sorted((first.pk, second.pk), key=str))
        return self.counts.get(key, 0)


def co_occurrence_table(inquiry: Inquiry) -> CoOccurrence:
    """For every pair of codes, how many of their codings overlap."""
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for transcript_id, code_id, start, end in (
        Coding.objects.filter(transcript__inquiry=inquiry)
        .order_by()
        .values_list("transcript_id", "code_id", "start", "end")
    ):
        spans[transcript_id].append((code_id, start, end))
    counts = co_occurrence(spans.values())
    used = {code_id for pair in counts for code_id in pair}
    codes = [node.code for node in flatten(code_tree(inquiry)) if node.code.pk in used]
    return CoOccurrence(codes, counts)


def coders(inquiry: Inquiry):
    """The people who have coded in this inquiry, for the passage filter."""
    from django.contrib.auth import get_user_model

    coded = Coding.objects.filter(transcript__inquiry=inquiry).values("coder_id")
    return get_user_model().objects.filter(pk__in=coded).order_by("username")
