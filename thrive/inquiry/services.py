"""What an inquiry group does, as functions the views, the command line and importers share.

Every function checks its own rules and raises InquiryError with one plain sentence, so a
view, a command or a REFI-QDA importer can show the message as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Substr
from django.utils import timezone

from thrive.core.text import without_controls
from thrive.files.store import forget, keep
from thrive.inquiry.core.carry import carried_codings
from thrive.inquiry.core.formats import canonical_text, transcripts_from_files
from thrive.inquiry.core.guide import DEFAULT_GUIDE
from thrive.inquiry.core.segments import descendants, would_cycle
from thrive.inquiry.core.starting_codebook import CodeSpec, starting_codebook
from thrive.inquiry.models import (
    Code,
    Coding,
    GuideAnswer,
    GuideQuestion,
    Inquiry,
    Participant,
    Transcript,
    TranscriptVersion,
    UncarriedCoding,
    Valence,
)
from thrive.inquiry.retrieval import framework_matrix, passages  # noqa: F401 - part of the API
from thrive.inquiry.search import search  # noqa: F401 - part of the API

PATH_SEPARATOR = " / "


class InquiryError(ValueError):
    """A request the inquiry cannot carry out; the message is one plain sentence."""


# Inquiries ---------------------------------------------------------------------------------


@transaction.atomic
def create_inquiry(title: str, *, user=None, aims: str = "", from_template: bool = True) -> Inquiry:
    """A new inquiry; from the template it gets the default guide and the framework codebook."""
    from thrive.framework.models import ServiceFramework

    title = title.strip()
    if not title:
        raise InquiryError("Give the inquiry a title.")
    if len(title) > 200:
        raise InquiryError("The title is longer than 200 characters.")
    inquiry = Inquiry.objects.create(title=title, aims=aims)
    if user is not None:
        inquiry.team.add(user)
    if from_template:
        GuideQuestion.objects.bulk_create(
            GuideQuestion(inquiry=inquiry, position=i, text=text)
            for i, text in enumerate(DEFAULT_GUIDE, 1)
        )
        apply_codebook(inquiry, starting_codebook(ServiceFramework.current()))
    return inquiry


def move_question(question: GuideQuestion, step: int) -> None:
    """Move a guide question up (step -1) or down (+1), renumbering the guide 1, 2, 3…"""
    questions = list(GuideQuestion.objects.filter(inquiry_id=question.inquiry_id))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for position, item in enumerate(questions, 1):
        item.position = position
    GuideQuestion.objects.bulk_update(questions, ["position"])


def renumber_guide(inquiry: Inquiry) -> None:
    """Number the guide's questions 1, 2, 3… in their current order."""
    questions = list(GuideQuestion.objects.filter(inquiry=inquiry))
    for position, question in enumerate(questions, 1):
        question.position = position
    GuideQuestion.objects.bulk_update(questions, ["position"])


def add_question(inquiry: Inquiry, text: str) -> GuideQuestion:
    """A new question at the end of the guide."""
    last = inquiry.guide.aggregate(last=Max("position"))["last"] or 0
    return GuideQuestion.objects.create(inquiry=inquiry, position=last + 1, text=text)


# Codebook ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRow:
    """One code of a flat codebook (CSV, spreadsheet): its path of names from the top."""

    path: tuple[str, ...]
    description: str = ""
    colour: str = "#7a9e7e"
    memo: str | None = None
    valence: str = Valence.NEUTRAL
    tree_part: str = ""
    area: str = ""
    codable: bool = True


def code_paths(inquiry: Inquiry) -> dict[tuple[str, ...], Code]:
    """Every code of the inquiry by its path of names from the top of the tree."""
    codes = {code.pk: code for code in Code.objects.filter(inquiry=inquiry)}
    paths: dict[int, tuple[str, ...]] = {}

    def path_of(code: Code, seen: frozenset = frozenset()) -> tuple[str, ...]:
        if code.pk not in paths:
            parent = codes.get(code.parent_id)
            above = path_of(parent, seen | {code.pk}) if parent and parent.pk not in seen else ()
            paths[code.pk] = (*above, code.name)
        return paths[code.pk]

    return {path_of(code): code for code in codes.values()}


def rows_from_specs(specs: Iterable[CodeSpec], above: tuple[str, ...] = ()) -> list[CodeRow]:
    """A nested codebook as flat rows, parents before children."""
    rows: list[CodeRow] = []
    for spec in specs:
        path = (*above, spec.name)
        rows.append(
            CodeRow(
                path,
                spec.description,
                spec.colour,
                None,
                spec.valence,
                spec.tree_part,
                spec.area,
                spec.codable,
            )
        )
        rows.extend(rows_from_specs(spec.children, path))
    return rows


def codebook_specs(inquiry: Inquiry) -> list[CodeSpec]:
    """The inquiry's codebook as nested CodeSpecs (the shape starting_codebook returns)."""
    codes = list(Code.objects.filter(inquiry=inquiry))
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)

    def specs(parent_id: int | None) -> tuple[CodeSpec, ...]:
        return tuple(
            CodeSpec(
                code.name,
                code.description,
                code.valence,
                code.tree_part,
                code.area,
                code.colour,
                code.codable,
                specs(code.pk),
            )
            for code in children.get(parent_id, [])
        )

    return list(specs(None))


def apply_codebook(inquiry: Inquiry, specs: Sequence[CodeSpec]) -> tuple[int, int]:
    """Add a nested codebook to the inquiry, updating codes whose path exists; (added, updated)."""
    return apply_code_rows(inquiry, rows_from_specs(specs))


@transaction.atomic
def apply_code_rows(inquiry: Inquiry, rows: Iterable[CodeRow]) -> tuple[int, int]:
    """Merge flat rows into the codebook by path; never deletes a code. Returns (added, updated)."""
    existing = code_paths(inquiry)
    added = updated = 0
    for row in sorted(rows, key=lambda r: len(r.path)):
        values = {
            "description": row.description,
            "colour": row.colour,
            "valence": row.valence,
            "tree_part": row.tree_part,
            "area": row.area,
            "codable": row.codable,
        }
        if row.memo is not None:
            values["memo"] = row.memo
        code = existing.get(row.path)
        if code is not None:
            changed = [name for name, value in values.items() if getattr(code, name) != value]
            if changed:
                for name in changed:
                    setattr(code, name, values[name])
                code.save(update_fields=changed)
                updated += 1
            continue
        parent = None
        for depth in range(1, len(row.path)):
            above = row.path[:depth]
            if above not in existing:
                existing[above] = Code.objects.create(
                    inquiry=inquiry, parent=parent, name=above[-1]
                )
                added += 1
            parent = existing[above]
        existing[row.path] = Code.objects.create(
            inquiry=inquiry, parent=parent, name=row.path[-1], **values
        )
        added += 1
    return added, updated


def find_code(inquiry: Inquiry, name: str) -> Code:
    """The code with this name, or this path of names joined by ' / '."""
    matches = list(Code.objects.filter(inquiry=inquiry, name=name.strip()))
    if len(matches) == 1:
        return matches[0]
    by_path = code_paths(inquiry).get(tuple(part.strip() for part in name.split("/")))
    if by_path is not None:
        return by_path
    if matches:
        raise InquiryError(f"More than one code is called {name!r}; give its path, e.g. A / B.")
    raise InquiryError(f"There is no code called {name!r} in this inquiry.")


def check_sibling_name(inquiry: Inquiry, parent: Code | None, name: str, code=None) -> None:
    """Refuse a name another code under the same parent already has."""
    siblings = Code.objects.filter(inquiry=inquiry, parent=parent, name=name)
    if code is not None:
        siblings = siblings.exclude(pk=code.pk)
    if siblings.exists():
        where = f"under {parent.name}" if parent else "at the top of the codebook"
        raise InquiryError(f"There is already a code called {name!r} {where}.")


def code_parents(inquiry_id: int) -> dict[int, int | None]:
    return dict(Code.objects.filter(inquiry_id=inquiry_id).values_list("id", "parent_id"))


def move_code(code: Code, new_parent: Code | None) -> None:
    """Put a code under another (or at the top); refuses to put a code inside itself."""
    if new_parent is not None:
        if new_parent.inquiry_id != code.inquiry_id:
            raise InquiryError("A code can only move within its own inquiry.")
        if would_cycle(code_parents(code.inquiry_id), code.pk, new_parent.pk):
            raise InquiryError(f"{code.name} cannot go inside itself or one of its own codes.")
    check_sibling_name(code.inquiry, new_parent, code.name, code)
    code.parent = new_parent
    code.save(update_fields=["parent"])


@transaction.atomic
def merge_codes(source: Code, target: Code) -> int:
    """Move every coding and child code of source into target, then remove source."""
    if source.pk == target.pk:
        raise InquiryError("Choose a different code to merge into.")
    if source.inquiry_id != target.inquiry_id:
        raise InquiryError("Codes can only be merged within one inquiry.")
    if target.pk in descendants(code_parents(source.inquiry_id), source.pk):
        raise InquiryError(f"{source.name} cannot merge into one of its own codes.")
    moved = Coding.objects.filter(code=source).update(code=target)
    UncarriedCoding.objects.filter(code=source).update(code=target)
    Code.objects.filter(parent=source).update(parent=target)
    if source.memo:
        target.memo = f"{target.memo}\n\nFrom {source.name}: {source.memo}".strip()
        target.save(update_fields=["memo"])
    source.delete()
    return moved


@transaction.atomic
def split_code(code: Code, coding_ids: Iterable[int], name: str) -> Code:
    """Move the chosen codings of a code to a new code beside it (same parent and kind)."""
    name = name.strip()
    if not name:
        raise InquiryError("Give the new code a name.")
    chosen = Coding.objects.filter(code=code, pk__in=list(coding_ids))
    if not chosen.exists():
        raise InquiryError("Choose at least one coded passage to move to the new code.")
    check_sibling_name(code.inquiry, code.parent, name)
    new = Code.objects.create(
        inquiry_id=code.inquiry_id,
        parent_id=code.parent_id,
        name=name,
        colour=code.colour,
        valence=code.valence,
        tree_part=code.tree_part,
        area=code.area,
    )
    chosen.update(code=new)
    return new


def delete_code(code: Code) -> None:
    """Remove a code that holds no codings and no child codes."""
    if code.children.exists() or code.codings.exists():
        raise InquiryError(
            f"{code.name} still holds codings or codes; merge it into another code instead."
        )
    code.delete()


# Transcripts ---------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Canonical transcript text with control characters removed; refuses blank text."""
    text = canonical_text(without_controls(text))
    if not text.strip():
        raise InquiryError("The transcript has no text.")
    return text


def _new_transcript(inquiry, title, text, participant, user) -> Transcript:
    if participant is not None and participant.inquiry_id != inquiry.pk:
        raise InquiryError("That participant belongs to another inquiry.")
    text = clean_text(text)
    title = (title.strip() or "Untitled transcript")[:200]
    return Transcript(
        inquiry=inquiry,
        participant=participant,
        title=title,
        text=text,
        length=len(text),
        added_by=user,
    )


def add_transcript(
    inquiry: Inquiry, title: str, text: str, participant: Participant | None = None, user=None
) -> Transcript:
    """Store one interview as canonical text; the search index follows by itself."""
    transcript = _new_transcript(inquiry, title, text, participant, user)
    transcript.save()
    return transcript


@transaction.atomic
def add_transcripts(
    inquiry: Inquiry,
    items: Iterable[tuple[str, str, Participant | None]],
    user=None,
    batch_size: int = 200,
) -> list[Transcript]:
    """Store many interviews at once, all or nothing: (title, text, participant) each."""
    transcripts = [_new_transcript(inquiry, *item, user) for item in items]
    return Transcript.objects.bulk_create(transcripts, batch_size=batch_size)


def add_transcript_files(
    inquiry: Inquiry,
    files: list[tuple[str, bytes]],
    participant: Participant | None = None,
    user=None,
) -> list[Transcript]:
    """Read uploaded files and store them all, or none (TranscriptError names the bad ones).

    Without a chosen participant, a file named after a participant's label (P3.docx) is theirs.
    """
    texts = transcripts_from_files(files)
    labels = {p.label.casefold(): p for p in Participant.objects.filter(inquiry=inquiry)}
    items = []
    for filename, text in texts:
        stem = PurePosixPath(filename.replace("\\", "/")).stem
        owner = participant or labels.get(stem.casefold())
        items.append((stem, text, owner))
    added = add_transcripts(inquiry, items, user)
    for transcript, (name, data) in zip(added, files, strict=True):
        keep(
            data,
            name,
            kind="upload",
            subject_type="transcript",
            subject_id=transcript.pk,
            user=user,
        )
    return added


@dataclass
class Revision:
    """What an edit did to a transcript's codings."""

    version: int
    carried: int = 0
    lost: list[UncarriedCoding] = field(default_factory=list)
    answers_lost: int = 0


@transaction.atomic
def revise_transcript(transcript: Transcript, new_text: str, user=None) -> Revision:
    """Save an edited text as a new version, carrying each coding whose text is unchanged."""
    new_text = clean_text(new_text)
    old_text = transcript.text
    if new_text == old_text:
        return Revision(transcript.version)
    TranscriptVersion.objects.create(
        transcript=transcript, version=transcript.version, text=old_text, replaced_by=user
    )
    codings = list(transcript.codings.all())
    places = carried_codings(old_text, new_text, [(c.start, c.end) for c in codings])
    kept, lost = [], []
    for coding, place in zip(codings, places, strict=True):
        if place is None or place[0] >= place[1]:
            lost.append(coding)
        else:
            coding.start, coding.end = place
            kept.append(coding)
    Coding.objects.bulk_update(kept, ["start", "end"], batch_size=500)
    uncarried = UncarriedCoding.objects.bulk_create(
        UncarriedCoding(
            transcript=transcript,
            lost_in_version=transcript.version + 1,
            code_id=c.code_id,
            start=c.start,
            end=c.end,
            quote=c.quote or old_text[c.start : c.end],
            coder_id=c.coder_id,
            memo=c.memo,
        )
        for c in lost
    )
    Coding.objects.filter(pk__in=[c.pk for c in lost]).delete()
    answers = list(transcript.answers.all())
    answer_places = carried_codings(old_text, new_text, [(a.start, a.end) for a in answers])
    moved_answers = []
    gone_answers = []
    for answer, place in zip(answers, answer_places, strict=True):
        if place is None or place[0] >= place[1]:
            gone_answers.append(answer.pk)
        else:
            answer.start, answer.end = place
            moved_answers.append(answer)
    GuideAnswer.objects.bulk_update(moved_answers, ["start", "end"])
    GuideAnswer.objects.filter(pk__in=gone_answers).delete()
    transcript.text = new_text
    transcript.version += 1
    transcript.save(update_fields=["text", "version"])
    return Revision(transcript.version, len(kept), uncarried, len(gone_answers))


@transaction.atomic
def erase_participant(participant: Participant) -> None:
    """Withdrawal: remove a participant with their transcripts, versions, codings and answers."""
    transcripts = Transcript.objects.filter(participant=participant)
    forget("transcript", list(transcripts.values_list("pk", flat=True)))
    transcripts.delete()
    participant.delete()


# Coding --------------------------------------------------------------------------------------


def check_span(transcript: Transcript, start: object, end: object) -> tuple[int, int]:
    """Whole-number code-point offsets inside the transcript with end after start."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise InquiryError("The start and end of a passage must be whole numbers.") from None
    if start < 0 or end < 0:
        raise InquiryError("The start and end of a passage cannot be negative.")
    if end <= start:
        raise InquiryError("A passage must end after it starts; select some text first.")
    if end > transcript.length:
        raise InquiryError(
            f"The passage ends at {end}, beyond the transcript's {transcript.length} characters."
        )
    return start, end


def span_text(transcript: Transcript, start: int, end: int) -> str:
    """The text of a span, read by the database when the transcript's text is not loaded."""
    if "text" not in transcript.get_deferred_fields() and "text" in transcript.__dict__:
        return transcript.text[start:end]
    return (
        Transcript.objects.filter(pk=transcript.pk)
        .annotate(part=Substr("text", start + 1, end - start))
        .values_list("part", flat=True)
        .get()
    )


def add_coding(
    transcript: Transcript, code: Code, start: int, end: int, coder, memo: str = ""
) -> Coding:
    """Apply a code to a span; the same coder coding the same span twice keeps one coding."""
    start, end = check_span(transcript, start, end)
    if code.inquiry_id != transcript.inquiry_id:
        raise InquiryError(f"{code.name} belongs to another inquiry's codebook.")
    same = Coding.objects.filter(
        transcript=transcript, code=code, start=start, end=end, coder=coder
    ).first()
    if same is not None:
        return same
    now = timezone.now() if memo else None
    return Coding.objects.create(
        transcript=transcript,
        code=code,
        start=start,
        end=end,
        coder=coder,
        memo=memo,
        memo_by=coder if memo else None,
        memo_at=now,
        quote=span_text(transcript, start, end),
    )


@transaction.atomic
def add_codings(
    transcript: Transcript, codes: Iterable[Code], start: int, end: int, coder, memo: str = ""
) -> list[Coding]:
    """Apply several codes to one span at once."""
    codes = list(codes)
    if not codes:
        raise InquiryError("Choose at least one code to apply.")
    return [add_coding(transcript, code, start, end, coder, memo) for code in codes]


def set_memo(coding: Coding, memo: str, user) -> None:
    """Write (or clear) the memo on a coding, remembering who wrote it and when."""
    coding.memo = memo.strip()
    coding.memo_by = user if coding.memo else None
    coding.memo_at = timezone.now() if coding.memo else None
    coding.save(update_fields=["memo", "memo_by", "memo_at"])


def coding_snapshot(coding: Coding) -> dict:
    """What restore_coding needs to put a deleted coding back exactly."""
    return {
        "transcript": coding.transcript_id,
        "version": coding.transcript.version,
        "code": coding.code_id,
        "start": coding.start,
        "end": coding.end,
        "coder": coding.coder_id,
        "memo": coding.memo,
        "quote": coding.quote,
        "memo_by": coding.memo_by_id,
        "memo_at": coding.memo_at.isoformat() if coding.memo_at else None,
        "created_at": coding.created_at.isoformat(),
    }


def delete_coding(coding: Coding) -> dict:
    """Remove a coding; returns a snapshot from which it can be restored."""
    snapshot = coding_snapshot(coding)
    coding.delete()
    return snapshot


def restore_coding(transcript: Transcript, snapshot: dict) -> Coding:
    """Put a deleted coding back, unless the transcript has changed since."""
    from django.utils.dateparse import parse_datetime

    if snapshot.get("transcript") != transcript.pk or snapshot.get("version") != transcript.version:
        raise InquiryError("That coding cannot be restored: the transcript has changed since.")
    if not Code.objects.filter(pk=snapshot["code"], inquiry_id=transcript.inquiry_id).exists():
        raise InquiryError("That coding cannot be restored: its code has been removed.")
    coding = Coding.objects.create(
        transcript=transcript,
        code_id=snapshot["code"],
        start=snapshot["start"],
        end=snapshot["end"],
        coder_id=snapshot["coder"],
        memo=snapshot["memo"],
        quote=snapshot["quote"],
        memo_by_id=snapshot["memo_by"],
        memo_at=parse_datetime(snapshot["memo_at"]) if snapshot["memo_at"] else None,
    )
    Coding.objects.filter(pk=coding.pk).update(created_at=parse_datetime(snapshot["created_at"]))
    return coding


def mark_answer(
    transcript: Transcript, question: GuideQuestion, start: int, end: int, user
) -> GuideAnswer:
    """Record that a span of the transcript answers one question of the guide."""
    start, end = check_span(transcript, start, end)
    if question.inquiry_id != transcript.inquiry_id:
        raise InquiryError("That question belongs to another inquiry's guide.")
    return GuideAnswer.objects.create(
        transcript=transcript, question=question, start=start, end=end, marked_by=user
    )
