"""Search by meaning: each passage's vector from the text model, searched in memory.

Passages are the agreement module's units (speaker turns, or paragraphs). A background job
(`refresh_vectors`) works out vectors for passages that are new or whose text changed and
keeps them as PassageVector rows. Searching loads an inquiry's vectors once into a matrix kept
in this process; the largest id of its rows tells when the matrix must be read again, and the
current versions of the shown transcripts decide which rows count, so a withdrawn participant's
passages and passages of an edited text are never returned.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.module_loading import import_string

from thrive.inquiry.core.agreement import passages as passage_spans
from thrive.inquiry.core.text_model import TextModel, bundled_model, unit_rows
from thrive.inquiry.models import PASSAGE_VECTORS_JOB, Inquiry, PassageVector, Transcript
from thrive.jobs.models import Job

BATCH = 16
CACHED_INQUIRIES = 2
MAX_QUERY = 1000
SNIPPET = 300
CHOICE_WORDS = 70


class MeaningError(ValueError):
    """A search by meaning that cannot be answered, in one plain sentence."""


def text_model() -> TextModel:
    """The configured text model (THRIVE_TEXT_MODEL, a factory's dotted path), once a process."""
    return _model(getattr(settings, "THRIVE_TEXT_MODEL", "") or "")


@cache
def _model(path: str) -> TextModel:
    factory = import_string(path) if path else bundled_model
    return factory()


@dataclass(frozen=True)
class PassageRef:
    """Where a passage is: its transcript and code-point offsets [start, end)."""

    transcript_id: int
    start: int
    end: int


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Working the vectors out -----------------------------------------------------------------


@dataclass
class _Plan:
    """One transcript whose vectors are behind its text: its passages and what to compute."""

    transcript_id: int
    version: int
    spans: list[tuple[int, int]]
    hashes: list[str]
    kept: dict[str, bytes]
    todo: dict[str, str]


def _plan(transcript: Transcript, model_name: str) -> _Plan:
    spans = passage_spans(transcript.text)
    texts = [transcript.text[start:end] for start, end in spans]
    hashes = [text_hash(text) for text in texts]
    kept = {
        row_hash: bytes(vector)
        for row_hash, vector in PassageVector.all_including_withdrawn.filter(
            transcript=transcript, model=model_name, text_hash__in=set(hashes)
        ).values_list("text_hash", "vector")
    }
    todo = {h: text for h, text in zip(hashes, texts, strict=True) if h not in kept}
    return _Plan(transcript.pk, transcript.version, spans, hashes, kept, todo)


def _stale_transcripts(inquiry: Inquiry, model_name: str) -> list[int]:
    """Shown transcripts whose current version has no vectors from this model yet."""
    current = Transcript.objects.filter(inquiry=inquiry).values_list("pk", "version")
    ready = set(
        PassageVector.all_including_withdrawn.filter(inquiry=inquiry, model=model_name)
        .values_list("transcript_id", "transcript_version")
        .distinct()
    )
    return [pk for pk, version in current if (pk, version) not in ready]


def refresh_vectors(inquiry: Inquiry, progress: Callable[[int, int], None] | None = None) -> int:
    """Work out vectors for passages that are new or whose text changed; drop stale ones.

    Returns how many passages the model had to read (unchanged passages reuse their vector).
    """
    model = text_model()
    PassageVector.all_including_withdrawn.filter(inquiry=inquiry).exclude(model=model.name).delete()
    plans = [
        _plan(transcript, model.name)
        for transcript in Transcript.objects.filter(
            pk__in=_stale_transcripts(inquiry, model.name)
        ).only("pk", "version", "text")
    ]
    total = sum(len(plan.todo) for plan in plans)
    done = 0
    if progress:
        progress(0, total)
    for plan in plans:
        hashes = list(plan.todo)
        for first in range(0, len(hashes), BATCH):
            batch = hashes[first : first + BATCH]
            vectors = unit_rows(model.passages([plan.todo[h] for h in batch]))
            plan.kept.update(
                (h, vector.tobytes()) for h, vector in zip(batch, vectors, strict=True)
            )
            done += len(batch)
            if progress:
                progress(done, total)
        _save(inquiry, plan, model.name)
    return done


def _save(inquiry: Inquiry, plan: _Plan, model_name: str) -> None:
    """Replace a transcript's vectors with those of its current passages, all at once
    (unless the transcript was erased while the model was reading it)."""
    with transaction.atomic():
        held = Transcript.all_including_withdrawn.select_for_update().filter(pk=plan.transcript_id)
        if not held.exists():
            return
        PassageVector.all_including_withdrawn.filter(transcript_id=plan.transcript_id).delete()
        PassageVector.all_including_withdrawn.bulk_create(
            [
                PassageVector(
                    inquiry=inquiry,
                    transcript_id=plan.transcript_id,
                    transcript_version=plan.version,
                    start=start,
                    end=end,
                    text_hash=h,
                    model=model_name,
                    vector=plan.kept[h],
                )
                for (start, end), h in zip(plan.spans, plan.hashes, strict=True)
            ],
            batch_size=500,
        )


# Searching ------------------------------------------------------------------------------


@dataclass
class _Index:
    """An inquiry's stored vectors as arrays, rows aligned, with the stamp they were read at."""

    stamp: int
    transcript_ids: np.ndarray
    keys: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    matrix: np.ndarray
    versions_held: np.ndarray  # the (transcript, version) keys that have vectors, each once
    _shown: tuple[bytes, np.ndarray] = (b"", np.zeros(0, dtype=bool))

    def rows_of(self, keys: np.ndarray) -> np.ndarray:
        """Which rows belong to these (transcript, version) keys; the last answer is kept."""
        wanted = keys.tobytes()
        if self._shown[0] != wanted or len(self._shown[1]) != len(self.keys):
            mask = np.isin(self.keys, keys)
            mask.flags.writeable = False
            self._shown = (wanted, mask)
        return self._shown[1]


@dataclass(frozen=True)
class _Current:
    """The index with the rows of shown transcripts' current versions picked out."""

    index: _Index
    shown: np.ndarray
    keys: np.ndarray


_indexes: OrderedDict[tuple[int, str], _Index] = OrderedDict()
_lock = threading.Lock()


def _key(transcript_ids: np.ndarray, versions: np.ndarray) -> np.ndarray:
    return transcript_ids.astype(np.int64) * (1 << 32) + versions.astype(np.int64)


def _read_index(inquiry_id: int, model: TextModel, stamp: int) -> _Index:
    rows = (
        PassageVector.all_including_withdrawn.filter(inquiry_id=inquiry_id, model=model.name)
        .order_by("transcript_id", "start")
        .values_list("transcript_id", "transcript_version", "start", "end", "vector")
    )
    ids, versions, starts, ends, blobs = [], [], [], [], []
    for transcript_id, version, start, end, vector in rows.iterator(chunk_size=5000):
        ids.append(transcript_id)
        versions.append(version)
        starts.append(start)
        ends.append(end)
        blobs.append(vector)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), model.dimensions)
    transcript_ids = np.array(ids, dtype=np.int64)
    keys = _key(transcript_ids, np.array(versions, dtype=np.int64))
    return _Index(
        stamp,
        transcript_ids,
        keys,
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        matrix,
        np.unique(keys),
    )


def _index(inquiry: Inquiry, model: TextModel) -> _Index:
    """The inquiry's vectors, read again only when refresh_vectors has written since.

    Row ids are never reused and a refresh replaces a transcript's rows with new ones, so a new
    largest id (one indexed lookup) is how any change shows. Rows deleted with a transcript may
    stay in the matrix; _current leaves them out, as it does withdrawn participants' rows.
    """
    stored = PassageVector.all_including_withdrawn.filter(inquiry=inquiry, model=model.name)
    stamp = stored.aggregate(last=Max("id"))["last"] or 0
    key = (inquiry.pk, model.name)
    with _lock:
        index = _indexes.get(key)
        if index is None or index.stamp != stamp:
            index = _read_index(inquiry.pk, model, stamp)
            _indexes[key] = index
        _indexes.move_to_end(key)
        while len(_indexes) > CACHED_INQUIRIES:
            _indexes.popitem(last=False)
    return index


def forget_indexes() -> None:
    """Drop every matrix kept in this process (tests and benchmarks measure a cold start)."""
    with _lock:
        _indexes.clear()


def _current(inquiry: Inquiry, transcript_ids: Iterable[int] | None = None) -> _Current:
    """Rows of the current text of shown transcripts (a withdrawn participant's never are)."""
    index = _index(inquiry, text_model())
    current = Transcript.objects.filter(inquiry=inquiry)
    if transcript_ids is not None:
        current = current.filter(pk__in=list(transcript_ids))
    pairs = np.array(list(current.values_list("pk", "version")), dtype=np.int64).reshape(-1, 2)
    keys = np.sort(_key(pairs[:, 0], pairs[:, 1]))
    if transcript_ids is None:
        return _Current(index, index.rows_of(keys), keys)
    return _Current(index, np.isin(index.keys, keys), keys)


def inquiry_vectors(
    inquiry: Inquiry, transcript_ids: Iterable[int] | None = None
) -> tuple[list[PassageRef], np.ndarray]:
    """The current passages of shown transcripts with their vectors, rows aligned.

    Passages whose transcript changed since the last refresh_vectors are left out.
    """
    current = _current(inquiry, transcript_ids)
    index = current.index
    rows = np.flatnonzero(current.shown)
    refs = [
        PassageRef(int(t), int(s), int(e))
        for t, s, e in zip(
            index.transcript_ids[rows], index.starts[rows], index.ends[rows], strict=True
        )
    ]
    return refs, index.matrix[rows]


def like(
    inquiry: Inquiry, vector: np.ndarray, limit: int = 20, exclude: PassageRef | None = None
) -> list[tuple[PassageRef, float]]:
    """The passages nearest the vector by cosine similarity, best first."""
    return _nearest(_current(inquiry), vector, limit, exclude)


def _nearest(
    current: _Current, vector: np.ndarray, limit: int, exclude: PassageRef | None = None
) -> list[tuple[PassageRef, float]]:
    index, shown = current.index, current.shown
    if exclude is not None:
        shown = shown & ~(
            (index.transcript_ids == exclude.transcript_id)
            & (index.starts == exclude.start)
            & (index.ends == exclude.end)
        )
    scores = index.matrix @ np.asarray(vector, dtype=np.float32)
    scores[~shown] = -np.inf
    limit = max(0, min(limit, int(np.count_nonzero(shown))))
    if not limit:
        return []
    best = np.argpartition(-scores, limit - 1)[:limit]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [
        (
            PassageRef(int(index.transcript_ids[i]), int(index.starts[i]), int(index.ends[i])),
            float(scores[i]),
        )
        for i in best
    ]


# What the pages show --------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A passage found by meaning, with what a person needs to judge and open it."""

    ref: PassageRef
    score: float
    title: str
    participant_label: str
    text: str
    url: str
    like_url: str

    @property
    def snippet(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"


@dataclass(frozen=True)
class Readiness:
    """How many shown transcripts still wait for vectors, and the job working on them."""

    transcripts: int
    waiting: int
    job: Job | None

    @property
    def ready(self) -> bool:
        return self.waiting == 0

    @property
    def nothing_ready(self) -> bool:
        return self.waiting == self.transcripts


def readiness(inquiry: Inquiry) -> Readiness:
    return _readiness(inquiry, _current(inquiry))


def _readiness(inquiry: Inquiry, current: _Current) -> Readiness:
    held = np.isin(current.keys, current.index.versions_held)
    job = Job.objects.filter(
        kind=PASSAGE_VECTORS_JOB,
        params__inquiry=inquiry.pk,
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
    ).first()
    return Readiness(len(current.keys), int((~held).sum()), job)


def checked_query(query: str) -> str:
    """The words to search for by meaning, or MeaningError saying what to change."""
    query = query.strip()
    if not query:
        raise MeaningError("Type a few words to search for by meaning.")
    if len(query) > MAX_QUERY:
        raise MeaningError(
            f"That search is {len(query):,} characters long; "
            f"please keep it to {MAX_QUERY:,} or fewer."
        )
    return query


def described(inquiry: Inquiry, found: list[tuple[PassageRef, float]]) -> list[Found]:
    """The found passages with their transcript's title, participant, text and links."""
    transcripts = Transcript.objects.select_related("participant").in_bulk(
        {ref.transcript_id for ref, _ in found}
    )
    places = {
        pk: (
            reverse("inquiry:transcript", args=[inquiry.pk, pk]),
            reverse("inquiry:passages_like", args=[inquiry.pk, pk]),
        )
        for pk in transcripts
    }
    shown = []
    for ref, score in found:
        transcript = transcripts.get(ref.transcript_id)
        if transcript is None:
            continue
        label = transcript.participant.label if transcript.participant else ""
        span = f"{ref.start}-{ref.end}"
        opened, alike = places[ref.transcript_id]
        shown.append(
            Found(
                ref,
                round(score, 2),
                transcript.title,
                label,
                transcript.text[ref.start : ref.end],
                f"{opened}?hl={span}#hl",
                f"{alike}?passage={span}",
            )
        )
    return shown


def search_page(
    inquiry: Inquiry, query: str, limit: int = 20
) -> tuple[Readiness, list[Found] | None]:
    """What the search page shows: whether transcripts are ready, and the passages nearest a
    search in plain words (None when nothing was asked). Raises MeaningError for bad input."""
    current = _current(inquiry)
    ready = _readiness(inquiry, current)
    if not query.strip():
        return ready, None
    query = checked_query(query)
    if not len(current.index.keys):
        return ready, []
    vector = text_model().query(query)
    return ready, described(inquiry, _nearest(current, vector, limit))


def search_by_meaning(inquiry: Inquiry, query: str, limit: int = 20) -> list[Found]:
    """Passages whose meaning is nearest a search in plain words, best first."""
    return search_page(inquiry, checked_query(query), limit)[1] or []


def passage_at(transcript: Transcript, raw: str) -> PassageRef:
    """The passage of the transcript named as "start-end", or MeaningError."""
    start, _, end = raw.partition("-")
    spans = passage_spans(transcript.text)
    if start.isdigit() and end.isdigit() and len(raw) < 24 and (int(start), int(end)) in spans:
        return PassageRef(transcript.pk, int(start), int(end))
    raise MeaningError("That is not one of this transcript's passages; choose one from the list.")


def like_page(inquiry: Inquiry, ref: PassageRef, limit: int = 20) -> tuple[Readiness, list[Found]]:
    """Whether transcripts are ready, and the passages nearest in meaning to one passage
    (itself left out). Raises MeaningError when that passage has no vector yet."""
    current = _current(inquiry)
    index = current.index
    rows = np.flatnonzero(
        current.shown
        & (index.transcript_ids == ref.transcript_id)
        & (index.starts == ref.start)
        & (index.ends == ref.end)
    )
    if not len(rows):
        raise MeaningError(
            "This passage is not ready for search by meaning yet; its transcript is waiting "
            "to be read by the text model."
        )
    found = _nearest(current, index.matrix[rows[0]], limit, exclude=ref)
    return _readiness(inquiry, current), described(inquiry, found)


def passages_like(inquiry: Inquiry, ref: PassageRef, limit: int = 20) -> list[Found]:
    """The passages nearest in meaning to one passage, itself left out."""
    return like_page(inquiry, ref, limit)[1]


def passage_choices(transcript: Transcript) -> list[tuple[str, str]]:
    """Each passage of the transcript as ("start-end", "Passage n: its first words")."""
    choices = []
    for number, (start, end) in enumerate(passage_spans(transcript.text), 1):
        words = " ".join(transcript.text[start:end].split())
        if len(words) > CHOICE_WORDS:
            words = words[: CHOICE_WORDS - 1].rstrip() + "…"
        choices.append((f"{start}-{end}", f"Passage {number}: {words}"))
    return choices
