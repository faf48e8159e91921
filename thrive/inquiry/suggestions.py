"""Code suggestions for an inquiry's uncoded passages, learnt from its own coding.

The arithmetic is in thrive.inquiry.core.suggesting (plain data); this module reads passages'
vectors (thrive.inquiry.meaning) and people's codings into it, remembers what people decided
about each suggestion, and keeps the leave-one-participant-out measurement until the coding
or the passages change. A coder working blind learns only from their own codings and sees
only their own decisions; everyone else learns from the whole team's coding. Nothing here
codes a passage unless a person accepts the suggestion.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from thrive.inquiry.agreement import SEPARATOR, code_paths
from thrive.inquiry.core import suggesting as core
from thrive.inquiry.core.agreement import passages
from thrive.inquiry.meaning import PassageRef, inquiry_vectors, refresh_vectors, text_model
from thrive.inquiry.models import (
    PASSAGE_VECTORS_JOB,
    Code,
    CoderPreference,
    Coding,
    Inquiry,
    InquiryError,
    PassageVector,
    SuggestionDecision,
    SuggestionEvaluation,
    Transcript,
)
from thrive.jobs.models import Job

KIND = "suggestions"


def minimum_examples() -> int:
    """Coded passages a code needs before it is suggested (THRIVE_SUGGESTION_MIN_EXAMPLES)."""
    return int(getattr(settings, "THRIVE_SUGGESTION_MIN_EXAMPLES", core.MIN_EXAMPLES))


def learner(inquiry: Inquiry, user) -> int | None:
    """Whose coding suggestions learn from for this person: their own id when they code
    blind, None (the whole team) otherwise."""
    if user is not None and CoderPreference.is_blind(inquiry, user):
        return user.pk
    return None


# Reading the inquiry --------------------------------------------------------------------------

_DESCRIBED: dict[tuple[str, str], np.ndarray] = {}


def descriptions(inquiry: Inquiry) -> dict[str, np.ndarray]:
    """The vectors of the codable codes' descriptions, by path (once per process and text)."""
    model = text_model()
    found = {}
    for parts, code in inquiry.codes.by_path().items():
        text = code.description.strip()
        if code.codable and text:
            key = (model.name, text)
            if key not in _DESCRIBED:
                _DESCRIBED[key] = model.query(text)
            found[SEPARATOR.join(parts)] = _DESCRIBED[key]
    return found


@dataclass
class Learning:
    """The inquiry's passages with their vectors and, where people worked, their codes."""

    inquiry: Inquiry
    refs: list[PassageRef]
    vectors: np.ndarray
    units: list[core.Unit | None]  # None: a transcript nobody (or not this coder) coded in

    @property
    def worked(self) -> list[int]:
        """Rows of passages in transcripts people coded in: the examples."""
        return [i for i, unit in enumerate(self.units) if unit is not None]

    def suggester(self) -> core.Suggester:
        rows = self.worked
        examples = [
            core.Example(self.refs[i], self.units[i].group, self.units[i].codes) for i in rows
        ]
        return core.Suggester(
            self.vectors[rows], examples, descriptions(self.inquiry), minimum=minimum_examples()
        )

    def uncoded(self, transcript_ids: set[int] | None = None) -> list[int]:
        """Rows of passages nobody (or not this coder) has coded, in the chosen transcripts."""
        return [
            i
            for i, ref in enumerate(self.refs)
            if (transcript_ids is None or ref.transcript_id in transcript_ids)
            and (self.units[i] is None or not self.units[i].codes)
        ]


def learning(inquiry: Inquiry, coder_id: int | None) -> Learning:
    """Every current passage with its vector and the codes people gave it (call
    refresh_vectors first)."""
    refs, vectors = inquiry_vectors(inquiry)
    paths = code_paths(inquiry)
    codings = Coding.objects.filter(transcript__inquiry=inquiry, code__codable=True)
    if coder_id is not None:
        codings = codings.filter(coder_id=coder_id)
    by_transcript: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for row in codings.values_list("transcript_id", "code_id", "start", "end").iterator():
        by_transcript[row[0]].append((paths[row[1]], row[2], row[3]))
    participants = dict(
        Transcript.objects.filter(inquiry=inquiry).values_list("pk", "participant_id")
    )
    units: list[core.Unit | None] = []
    for ref in refs:
        spans = by_transcript.get(ref.transcript_id)
        if spans is None:
            units.append(None)
            continue
        codes = frozenset(c for c, s, e in spans if s < ref.end and e > ref.start)
        participant = participants.get(ref.transcript_id)
        group = f"participant {participant}" if participant else f"transcript {ref.transcript_id}"
        units.append(core.Unit(ref.transcript_id, group, ref.start, ref.end, codes))
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(refs), -1)
    return Learning(inquiry, refs, vectors, units)


def unread_transcripts(inquiry: Inquiry) -> set[int]:
    """The shown transcripts whose current text the text model has not read yet."""
    current = Transcript.objects.filter(inquiry=inquiry).values_list("pk", "version")
    ready = set(
        PassageVector.objects.filter(inquiry=inquiry, model=text_model().name)
        .values_list("transcript_id", "transcript_version")
        .distinct()
    )
    return {pk for pk, version in current if (pk, version) not in ready}


# Suggestions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """An uncoded passage with the codes suggested for it (possibly none)."""

    ref: PassageRef
    suggestions: list[core.Suggestion]


def rejected(inquiry: Inquiry, coder_id: int | None) -> set[tuple[int, str, str]]:
    """(transcript, code path, passage text) of every rejected suggestion this learner sees."""
    decisions = SuggestionDecision.objects.filter(transcript__inquiry=inquiry, accepted=False)
    if coder_id is not None:
        decisions = decisions.filter(decided_by_id=coder_id)
    paths = code_paths(inquiry)
    return {
        (t, paths[c], text)
        for t, c, text in decisions.values_list("transcript_id", "code_id", "passage")
        if c in paths
    }


def offers(
    inquiry: Inquiry, coder_id: int | None, transcript_ids: set[int] | None = None
) -> tuple[list[Offer], core.Suggester, Learning]:
    """Suggestions for every uncoded passage of the chosen transcripts (every one when None),
    leaving out those a person has rejected for that passage."""
    learnt = learning(inquiry, coder_id)
    suggester = learnt.suggester()
    rows = learnt.uncoded(transcript_ids)
    found = suggester.suggest(learnt.vectors[rows]) if rows else []
    refused = rejected(inquiry, coder_id)
    texts = dict(
        Transcript.objects.filter(pk__in={learnt.refs[i].transcript_id for i in rows}).values_list(
            "pk", "text"
        )
    )
    result = []
    for row, suggestions in zip(rows, found, strict=True):
        ref = learnt.refs[row]
        text = texts[ref.transcript_id][ref.start : ref.end]
        kept = [s for s in suggestions if (ref.transcript_id, s.code, text) not in refused]
        result.append(Offer(ref, kept))
    return result, suggester, learnt


def as_json(inquiry: Inquiry, transcript: Transcript | None = None) -> list[dict]:
    """What `thrive inquiry suggest --json` prints: every uncoded passage with its suggestions."""
    found, _, _ = offers(inquiry, None, {transcript.pk} if transcript else None)
    facts = {
        pk: (title, label)
        for pk, title, label in Transcript.objects.filter(inquiry=inquiry).values_list(
            "pk", "title", "participant__label"
        )
    }
    return [
        {
            "transcript": facts[offer.ref.transcript_id][0],
            "participant": facts[offer.ref.transcript_id][1],
            "start": offer.ref.start,
            "end": offer.ref.end,
            "suggestions": [{"code": s.code, "score": s.score} for s in offer.suggestions],
        }
        for offer in found
    ]


# Deciding -------------------------------------------------------------------------------------


def passage_text(transcript: Transcript, start: int, end: int) -> str:
    """The text of one of the transcript's passages; refused when (start, end) is not one."""
    if (start, end) not in passages(transcript.text):
        raise InquiryError("That passage is no longer in the transcript; reload the page.")
    return transcript.text[start:end]


def decided(
    transcript: Transcript,
    code: Code,
    start: int,
    end: int,
    user,
    text: str,
    *,
    score: float,
    coding: Coding | None = None,
) -> SuggestionDecision:
    """The record of a suggestion accepted (with the coding it became) or turned down."""
    return SuggestionDecision.objects.create(
        transcript=transcript,
        code=code,
        start=start,
        end=end,
        passage=text,
        accepted=coding is not None,
        score=min(max(score, 0.0), 1.0),
        coding=coding,
        decided_by=user,
    )


@transaction.atomic
def accept(
    transcript: Transcript,
    code: Code,
    start: int,
    end: int,
    user,
    *,
    score: float = 0.0,
    opened_at: int | None = None,
) -> Coding:
    """The person codes the passage as suggested: it becomes their coding, marked as
    suggested by Thrive."""
    if not code.codable or code.inquiry_id != transcript.inquiry_id:
        raise InquiryError("That code cannot be applied in this inquiry.")
    transcript.hold(opened_at)
    text = passage_text(transcript, start, end)
    coding = transcript.add_coding(code, start, end, user, opened_at=opened_at)
    if not coding.suggested:
        coding.suggested = True
        coding.save(update_fields=["suggested"])
    decided(transcript, code, start, end, user, text, score=score, coding=coding)
    return coding


@transaction.atomic
def reject(
    transcript: Transcript,
    code: Code,
    start: int,
    end: int,
    user,
    *,
    score: float = 0.0,
    opened_at: int | None = None,
) -> SuggestionDecision:
    """Remember that the person turned the suggestion down, so it is not offered again."""
    transcript.hold(opened_at)
    if code.inquiry_id != transcript.inquiry_id:
        raise InquiryError("That code cannot be applied in this inquiry.")
    text = passage_text(transcript, start, end)
    return decided(transcript, code, start, end, user, text, score=score)


# Measuring ------------------------------------------------------------------------------------


def fingerprint(learnt: Learning) -> str:
    """Names the state measured: passages, the codes people gave them and the settings."""
    state = {
        "model": text_model().name,
        "minimum": minimum_examples(),
        "units": [
            [u.document, str(u.group), u.start, u.end, sorted(u.codes)]
            for u in learnt.units
            if u is not None
        ],
        "descriptions": sorted(descriptions(learnt.inquiry)),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def measure(learnt: Learning) -> dict:
    """Leave-one-participant-out agreement at passage level, as plain JSON-ready data."""
    rows = learnt.worked
    codable = sorted(
        SEPARATOR.join(parts)
        for parts, code in learnt.inquiry.codes.by_path().items()
        if code.codable
    )
    result = core.leave_one_participant_out(
        learnt.vectors[rows],
        [learnt.units[i] for i in rows],
        descriptions(learnt.inquiry),
        codable,
        minimum=minimum_examples(),
    )
    overall = result.comparison.overall.as_dict()
    overall.pop("code")
    return {
        "unit": "passage",
        "method": "leave one participant out",
        "minimum_examples": minimum_examples(),
        "transcripts": result.comparison.transcripts,
        "passages": result.passages,
        "codes": [figures.as_dict() for figures in result.comparison.codes],
        "overall": overall,
    }


def stored_evaluation(learnt: Learning, coder_id: int | None) -> dict | None:
    """The kept measurement, if it measured the inquiry as it is now."""
    kept = SuggestionEvaluation.objects.filter(inquiry=learnt.inquiry, coder_id=coder_id).first()
    if kept is None or kept.fingerprint != fingerprint(learnt):
        return None
    return kept.figures


def evaluate(
    inquiry: Inquiry,
    coder_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Compute any missing vectors, measure the suggestions and keep the figures."""
    refresh_vectors(inquiry, progress)
    learnt = learning(inquiry, coder_id)
    figures = measure(learnt)
    SuggestionEvaluation.objects.update_or_create(
        inquiry=inquiry,
        coder_id=coder_id,
        defaults={"fingerprint": fingerprint(learnt), "figures": figures},
    )
    return figures


# The background job ---------------------------------------------------------------------------


def running_job(inquiry: Inquiry) -> Job | None:
    """The job reading this inquiry's passages (for search or for suggestions), if one is
    under way."""
    waiting = Q(status=Job.Status.QUEUED) | Q(status=Job.Status.RUNNING)
    kinds = [KIND, PASSAGE_VECTORS_JOB]
    return Job.objects.filter(waiting, kind__in=kinds, params__inquiry=inquiry.pk).first()


def start_job(inquiry: Inquiry, user, coder_id: int | None, back: str) -> Job:
    """Queue the job (it runs once the surrounding transaction commits)."""
    return Job.start(
        KIND,
        f"Suggestions for “{inquiry.title}”: reading passages and measuring agreement",
        user=user,
        params={"inquiry": inquiry.pk, "coder": coder_id, "back": back},
    )


def evaluation_line(figures: dict | None, blind: bool) -> str:
    """The measurement in one sentence for the page ("" when not measured)."""
    if figures is None:
        return ""
    whose = "your coding" if blind else "your team's coding"
    kappa, alpha = figures["overall"]["kappa"], figures["overall"]["alpha"]
    if kappa is None:
        why = figures["overall"]["notes"].get("kappa", "").removeprefix("not defined: ")
        return (
            f"Suggestions could not be measured against {whose} yet: {why or 'too little coding'}."
        )
    count = figures["passages"]
    alpha_text = f", alpha {alpha:.2f}" if alpha is not None else ""
    return (
        f"On this inquiry, suggestions agreed with {whose}: kappa {kappa:.2f}{alpha_text} over "
        f"{count} passage{'s' if count != 1 else ''}, each participant's passages suggested "
        "from the other participants' coding only."
    )
