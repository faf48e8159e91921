"""Agreement between an inquiry's coders: who coded, the figures, and settling disagreements.

The statistics are in thrive.inquiry.core.agreement (plain data); this module reads the
codings of an inquiry into that plain data and applies what the team decides about a passage
where coders disagreed. Coders are accounts (by the name they chose) or people named by an
imported file, who never become accounts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from thrive.inquiry.core import agreement as core
from thrive.inquiry.models import (
    Coding,
    Decision,
    Inquiry,
    InquiryError,
    Settlement,
    Transcript,
)

SEPARATOR = " > "


@dataclass(frozen=True)
class Coder:
    """Someone whose codings can be compared: an account or a coder named by an imported file."""

    key: str  # "user:<id>" or "file:<name>"
    name: str  # as other coders see it
    username: str = ""

    @property
    def user_id(self) -> int | None:
        return int(self.key[5:]) if self.key.startswith("user:") else None

    @property
    def external(self) -> str:
        return self.key[5:] if self.key.startswith("file:") else ""


def coder_key(coder_id: int | None, external_coder: str) -> str | None:
    """The key of whoever made a coding (None when nobody is known any more)."""
    if coder_id is not None:
        return f"user:{coder_id}"
    return f"file:{external_coder}" if external_coder else None


def coders_of(inquiry: Inquiry) -> list[Coder]:
    """Everyone who has coded in the inquiry, by the name other coders see."""
    pairs = set(
        Coding.objects.filter(transcript__inquiry=inquiry)
        .values_list("coder_id", "external_coder")
        .distinct()
    )
    users = get_user_model().objects.filter(pk__in={pk for pk, _ in pairs if pk is not None})
    coders = [Coder(f"user:{u.pk}", u.name_as_coder, u.username) for u in users]
    coders += [
        Coder(f"file:{name}", f"{name} (from an imported file)")
        for name in sorted({name for pk, name in pairs if pk is None and name})
    ]
    return sorted(coders, key=lambda c: (c.name.casefold(), c.key))


def find_coders(inquiry: Inquiry, names: list[str]) -> list[Coder]:
    """Coders named by username or by the name an imported file gave them."""
    known = coders_of(inquiry)
    found = []
    for name in names:
        name = name.strip()
        match = [c for c in known if name in (c.username, c.external) and name]
        if not match:
            raise InquiryError(f"Nobody called {name!r} has coded in this inquiry.")
        found.append(match[0])
    return found


def code_paths(inquiry: Inquiry) -> dict[int, str]:
    """Each code's full path in the codebook, parents joined with " > "."""
    return {code.pk: SEPARATOR.join(path) for path, code in inquiry.codes.by_path().items()}


def documents(inquiry: Inquiry, coders: list[Coder]) -> list[core.Document]:
    """The inquiry's transcripts that two or more of the coders coded in, as plain data."""
    wanted = {c.key for c in coders}
    paths = code_paths(inquiry)
    spans: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = Coding.objects.filter(transcript__inquiry=inquiry).values_list(
        "transcript_id", "code_id", "start", "end", "coder_id", "external_coder"
    )
    for transcript_id, code_id, start, end, coder_id, external in rows.iterator():
        key = coder_key(coder_id, external)
        if key in wanted:
            spans[transcript_id][key].append((paths[code_id], start, end))
    shared = [pk for pk, by_coder in spans.items() if len(by_coder) >= 2]
    texts = Transcript.objects.filter(pk__in=shared).order_by("title", "pk")
    return [
        core.Document(length, core.passages(text), dict(spans[pk]), key=pk)
        for pk, length, text in texts.values_list("pk", "length", "text")
    ]


def compare(
    inquiry: Inquiry, coders: list[Coder], unit: str, docs: list[core.Document] | None = None
) -> core.Comparison:
    """Agreement per code (every codable code of the codebook, used or not) and overall."""
    codable = sorted(
        SEPARATOR.join(path) for path, code in inquiry.codes.by_path().items() if code.codable
    )
    docs = documents(inquiry, coders) if docs is None else docs
    return core.compare(docs, [c.key for c in coders], unit, codable)


@dataclass(frozen=True)
class Passage:
    """A passage where the coders disagree, ready to show side by side."""

    transcript: Transcript
    start: int
    end: int
    text: str
    codes: list[tuple[Coder, list[tuple[str, bool]]]]  # each coder's (code, disputed) pairs


def disputed_passages(
    inquiry: Inquiry, coders: list[Coder], docs: list[core.Document], limit: int = 50
) -> tuple[list[Passage], int]:
    """The first `limit` passages where the coders disagree, and how many there are."""
    found = core.disagreements(docs, [c.key for c in coders])
    shown = found[:limit]
    transcripts = Transcript.objects.in_bulk({d.key for d in shown})
    by_key = {c.key: c for c in coders}
    passages = []
    for d in shown:
        transcript = transcripts[d.key]
        codes = [
            (by_key[key], [(code, code in d.disputed) for code in names])
            for key, names in d.codes.items()
        ]
        passages.append(
            Passage(transcript, d.start, d.end, transcript.text[d.start : d.end], codes)
        )
    return passages, len(found)


def as_json(comparison: core.Comparison, coders: list[Coder]) -> dict:
    """What `thrive inquiry agreement --json` prints."""
    names = {c.key: c.username or c.external for c in coders}
    overall = comparison.overall.as_dict()
    overall.pop("code")
    return {
        "unit": comparison.unit,
        "coders": [names[key] for key in comparison.coders],
        "transcripts": comparison.transcripts,
        "codes": [figures.as_dict() for figures in comparison.codes],
        "overall": overall,
    }


# Settling a disagreement -------------------------------------------------------------------


def _codes_on(codings: list[Coding], paths: dict[int, str]) -> dict[str, list[str]]:
    by_coder: dict[str, set[str]] = defaultdict(set)
    for coding in codings:
        by_coder[coder_key(coding.coder_id, coding.external_coder)].add(paths[coding.code_id])
    return {key: sorted(codes) for key, codes in by_coder.items()}


@transaction.atomic
def settle(
    transcript: Transcript,
    start: int,
    end: int,
    coders: list[Coder],
    decision: str,
    *,
    keep: Coder | None = None,
    note: str = "",
    user=None,
    opened_at: int | None = None,
) -> Settlement:
    """Apply the team's decision on a passage where the coders disagree, and record it.

    keep: each coder ends with keep's codes among those disputed; both: with every disputed
    code; neither: with none. A coder given a code gets a copy of a coding of it (cut to the
    passage); a coder losing one has their codings of it that overlap the passage removed.
    Codes the coders agreed on are left alone. Refused when the transcript changed since the
    page showed it (opened_at), or when the coders no longer disagree there.
    """
    transcript.hold(opened_at)
    start, end = transcript.check_span(start, end)
    if decision not in Decision.values:
        raise InquiryError("Choose what to keep.")
    if decision == Decision.KEEP and (keep is None or keep not in coders):
        raise InquiryError("Choose whose codes to keep.")
    keys = {c.key for c in coders}
    present = {
        coder_key(pk, name)
        for pk, name in transcript.codings.values_list("coder_id", "external_coder").distinct()
    } & keys
    here = [
        coding
        for coding in transcript.codings.filter(start__lt=end, end__gt=start).order_by("start")
        if coder_key(coding.coder_id, coding.external_coder) in present
    ]
    paths = code_paths(transcript.inquiry)
    by_coder = {key: {c.code_id for c in here if coder_key(c.coder_id, c.external_coder) == key}
                for key in present}  # fmt: skip
    disputed = set().union(*by_coder.values()) - set.intersection(*by_coder.values())
    if len(present) < 2 or not disputed:
        raise InquiryError("These coders no longer disagree on this passage.")
    before = _codes_on(here, paths)
    if decision == Decision.KEEP:
        target = by_coder.get(keep.key, set()) & disputed
    else:
        target = disputed if decision == Decision.BOTH else set()
    source_of = {}
    for coding in here:
        owner = coder_key(coding.coder_id, coding.external_coder)
        if coding.code_id in target and (decision != Decision.KEEP or owner == keep.key):
            source_of.setdefault(coding.code_id, coding)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=[c.user_id for c in coders])}
    for coder in coders:
        if coder.key not in present:
            continue
        for code_id in disputed:
            has = code_id in by_coder[coder.key]
            if code_id in target and not has:
                source = source_of[code_id]
                transcript.add_coding(
                    source.code,
                    max(start, source.start),
                    min(end, source.end),
                    users.get(coder.user_id),
                    external_coder=coder.external,
                )
            elif code_id not in target and has:
                for coding in here:
                    mine = coder_key(coding.coder_id, coding.external_coder) == coder.key
                    if mine and coding.code_id == code_id:
                        coding.remove()
    after = _codes_on(list(transcript.codings.filter(start__lt=end, end__gt=start)), paths)
    after = {key: codes for key, codes in after.items() if key in present}
    return Settlement.objects.create(
        inquiry_id=transcript.inquiry_id,
        transcript=transcript,
        start=start,
        end=end,
        decision=decision,
        kept=keep.name if decision == Decision.KEEP else "",
        note=note.strip(),
        before=before,
        after=after,
        settled_by=user,
    )
