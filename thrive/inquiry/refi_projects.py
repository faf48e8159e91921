"""REFI-QDA exchange for whole inquiries (.qdpx) and codebooks (.qdc), the Django side.

``refi/`` reads and writes plain data; this module maps that data to and from an inquiry.
What REFI-QDA has no element for travels as Thrive-specific parts any tool keeps:

- a code's valence, part of the tree and area become sets named ``Thrive: valence:
  validating``, ``Thrive: tree part: roots``, ``Thrive: area: dwell`` holding the codes;
- a participant's member-check status becomes the case variable ``Thrive: member check``;
- each theme becomes a set of its codes named ``Thrive: theme: Key theme > Theme``, its
  valence and part of the tree on a line of the set's description (theme_exchange.py).

Every other set is a group: its sources become a document group and its codes a code group
of the same name, and both are written back as one set.

A transcript with a recording travels as an audio source holding its text, its timed
segments as sync points and (unless the team leaves audio out) the audio file; importing
restores the segments and keeps the audio through the storage API like any original.

Guide questions and answers, consent records, earlier transcript versions and links to
journeys are never exported; ``export_warnings`` says so. Importing is one transaction:
a file Thrive refuses changes nothing, and every refusal is a RefiError with one sentence.
"""

from __future__ import annotations

import hashlib
import uuid
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.core.text import control_positions, without_controls
from thrive.files.models import StoredFile
from thrive.files.store import keep
from thrive.inquiry.core import refi
from thrive.inquiry.core.audio import AUDIO_SUFFIXES, AudioError, duration_ms, media_type
from thrive.inquiry.core.offsets import described
from thrive.inquiry.core.starting_codebook import CodeSpec
from thrive.inquiry.core.theme_sets import read_set
from thrive.inquiry.core.timing import Placed
from thrive.inquiry.models import (
    Code,
    CodeGroup,
    Coding,
    DocumentGroup,
    Inquiry,
    InquiryError,
    MemberCheck,
    Participant,
    Recording,
    TimedSegment,
    Transcript,
    TreePart,
    Valence,
)
from thrive.inquiry.theme_exchange import import_theme_sets, theme_sets
from thrive.inquiry.transcript_import import free_title

THRIVE_NAMESPACE = uuid.UUID("6f1c2a8e-1d5b-4c1e-9a57-2f3e4d5c6b7a")
SET_PREFIX = "Thrive: "
MEMBER_CHECK_VARIABLE = "Thrive: member check"
TEAM_NAME = "Inquiry team"
MAX_IMPORT_BYTES = 100 * 1024 * 1024
MAX_CODEBOOK_BYTES = 5 * 1024 * 1024
_SET_KINDS = {"valence": Valence, "tree part": TreePart}
_FIELD_OF_KIND = {"valence": "valence", "tree part": "tree_part", "area": "area"}


def guid(kind: str, pk: object) -> str:
    """A stable GUID for one Thrive object, so exporting twice gives the same identifiers."""
    return str(uuid.uuid5(THRIVE_NAMESPACE, f"{kind}:{pk}")).upper()


# Export --------------------------------------------------------------------------------------


def export_warnings(inquiry: Inquiry) -> list[str]:
    """What an export of this inquiry leaves behind, in plain sentences."""
    warnings = []
    if inquiry.guide.exists():
        warnings.append(
            "The interview guide and the passages marked as answers to it have no place "
            "in REFI-QDA and are not exported."
        )
    warnings.append(
        "Consent records, the information sheet, earlier versions of transcripts and links "
        "to journeys are never exported."
    )
    subtitled = TimedSegment.objects.filter(
        transcript__inquiry=inquiry, transcript__recording__isnull=True
    )
    if subtitled.exists():
        warnings.append(
            "Transcripts made from subtitles (WebVTT or SubRip) without a recording go in as "
            "text without their times: REFI-QDA keeps times only beside audio or video. "
            "Download their subtitles to keep the times."
        )
    warnings.append(
        "Member-check status travels as the case variable “Thrive: member check”; each "
        "code's valence, part of the tree and area, and each theme with its codes, travel "
        "as sets whose names start “Thrive:”. Other tools keep them but do not act on them."
    )
    return warnings


def has_recordings(inquiry: Inquiry) -> bool:
    """Whether an export could carry audio (so the team may choose to leave it out)."""
    return Recording.objects.filter(transcript__inquiry=inquiry).exists()


def _user(user) -> refi.User:
    return refi.User(guid("user", user.pk), user.name_as_coder, user.username)


def _variable_type(values: list[object]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "Boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    return "Text"


def _exported_value(value: object, kind: str) -> object:
    return value if kind in ("Boolean", "Integer") else str(value)


def project_for(inquiry: Inquiry, *, with_audio: bool = True) -> refi.Project:
    """The whole inquiry as a REFI-QDA project: team, codebook, cases, transcripts, memos;
    recorded interviews as audio sources, their audio files left out when with_audio is False."""
    return _Exporter(inquiry, with_audio).project()


class _Exporter:
    """Builds one inquiry's REFI-QDA project, one part of the project per method."""

    def __init__(self, inquiry: Inquiry, with_audio: bool = True) -> None:
        self.inquiry = inquiry
        self.with_audio = with_audio
        self.codes = list(Code.objects.filter(inquiry=inquiry).order_by("position", "name", "id"))
        self.participants = list(Participant.objects.active().filter(inquiry=inquiry))
        self.transcripts = list(Transcript.objects.filter(inquiry=inquiry).order_by("title", "id"))
        self.codings = list(
            Coding.objects.filter(transcript__inquiry=inquiry).order_by(
                "transcript", "start", "end", "id"
            )
        )
        self.users = self._users()
        self.known_users = {user.pk for user in self.users}
        self.external_coders = sorted(
            {c.external_coder for c in self.codings if c.coder_id is None and c.external_coder}
            | {t.imported_author for t in self.transcripts if t.imported_author}
            | {c.memo_author for c in self.codes if c.memo_author}
            | {c.memo_author for c in self.codings if c.memo_author}
        )
        self.notes: list[refi.Note] = []
        self.team_guid = guid("inquiry-team", inquiry.pk)

    def project(self) -> refi.Project:
        """The project, with code memos before coding memos among its notes."""
        codes = self._codebook()
        keys, kinds, variables = self._variables()
        selections = self._selections()
        return refi.Project(
            name=self.inquiry.title,
            description=self.inquiry.aims,
            user_guid=self.team_guid,
            created=self.inquiry.created_at,
            users=(
                refi.User(self.team_guid, TEAM_NAME),
                *(_user(user) for user in self.users),
                *(refi.User(guid("external-coder", n), n) for n in self.external_coders),
            ),
            codes=codes,
            variables=variables,
            cases=self._cases(keys, kinds),
            sources=self._sources(selections),
            notes=tuple(self.notes),
            sets=(
                *thrive_sets(self.codes),
                *theme_sets(self.inquiry, guid),
                *group_sets(self.inquiry),
            ),
        )

    def _users(self) -> list:
        """The team, and everyone who coded, wrote a memo or added a transcript."""
        user_ids = set(self.inquiry.team.values_list("pk", flat=True))
        user_ids |= {c.coder_id for c in self.codings} | {c.memo_by_id for c in self.codings}
        user_ids |= {t.added_by_id for t in self.transcripts}
        return list(get_user_model().objects.filter(pk__in=user_ids - {None}).order_by("username"))

    def _user_guid(self, pk: int | None) -> str | None:
        """The GUID of an exported user, or None for a user not in the project."""
        return guid("user", pk) if pk in self.known_users else None

    def _coder_guid(self, coding: Coding) -> str | None:
        """The GUID of whoever coded it: an account, or a coder named by an imported file."""
        if coding.coder_id is None and coding.external_coder:
            return guid("external-coder", coding.external_coder)
        return self._user_guid(coding.coder_id)

    def _codebook(self) -> tuple[refi.Code, ...]:
        """The code tree, each code's memo becoming a note."""
        code_notes: dict[int, tuple[str, ...]] = {}
        for code in self.codes:
            if code.memo:
                note = refi.Note(
                    guid("code-memo", code.pk),
                    f"Memo on {code.name}"[:200],
                    code.memo,
                    user_guid=(
                        guid("external-coder", code.memo_author)
                        if code.memo_author
                        else self.team_guid
                    ),
                    created=code.memo_at or self.inquiry.created_at,
                )
                self.notes.append(note)
                code_notes[code.pk] = (note.guid,)
        children: dict[int | None, list[Code]] = defaultdict(list)
        for code in self.codes:
            children[code.parent_id].append(code)

        def refi_codes(parent_id: int | None, seen: frozenset = frozenset()):
            return tuple(
                refi.Code(
                    guid("code", code.pk),
                    code.name,
                    is_codable=code.codable,
                    color=code.colour,
                    description=code.description,
                    children=refi_codes(code.pk, seen | {code.pk}),
                    note_guids=code_notes.get(code.pk, ()),
                )
                for code in children.get(parent_id, [])
                if code.pk not in seen
            )

        return refi_codes(None)

    def _variable_guid(self, key: str) -> str:
        """The GUID of one participant attribute (or the member check) in this inquiry."""
        return guid("variable", f"{self.inquiry.pk}:{key}")

    def _variables(self) -> tuple[list[str], dict[str, str], tuple[refi.Variable, ...]]:
        """Participant attributes as typed variables, plus the member check when there are cases."""
        keys = sorted({key for p in self.participants for key in p.attributes})
        variables = []
        kinds = {}
        for key in keys:
            kinds[key] = _variable_type(
                [
                    p.attributes[key]
                    for p in self.participants
                    if p.attributes.get(key) not in (None, "")
                ]
            )
            variables.append(refi.Variable(self._variable_guid(key), key, kinds[key]))
        if self.participants:
            variables.append(
                refi.Variable(
                    self._variable_guid("member-check"),
                    MEMBER_CHECK_VARIABLE,
                    "Text",
                    "Thrive's member-check status: "
                    + ", ".join(v for v, _ in MemberCheck.choices)
                    + ".",
                )
            )
        return keys, kinds, tuple(variables)

    def _cases(self, keys: list[str], kinds: dict[str, str]) -> tuple[refi.Case, ...]:
        """Each participant as a case with their attribute values and their transcripts."""
        sources_of: dict[int, list[str]] = defaultdict(list)
        for transcript in self.transcripts:
            if transcript.participant_id:
                sources_of[transcript.participant_id].append(guid("transcript", transcript.pk))
        cases = []
        for participant in self.participants:
            values = [
                refi.VariableValue(
                    self._variable_guid(key),
                    _exported_value(participant.attributes[key], kinds[key]),
                )
                for key in keys
                if participant.attributes.get(key) not in (None, "")
            ]
            values.append(
                refi.VariableValue(self._variable_guid("member-check"), participant.member_check)
            )
            cases.append(
                refi.Case(
                    guid("participant", participant.pk),
                    participant.label,
                    values=tuple(values),
                    source_guids=tuple(sources_of[participant.pk]),
                )
            )
        return tuple(cases)

    def _selections(self) -> dict[int, list[refi.Selection]]:
        """Codings grouped into one selection per span, by transcript; memos become notes."""
        by_span: dict[tuple[int, int, int], list[Coding]] = defaultdict(list)
        for coding in self.codings:
            by_span[coding.transcript_id, coding.start, coding.end].append(coding)
        selections: dict[int, list[refi.Selection]] = defaultdict(list)
        for (transcript_id, start, end), group in by_span.items():
            first = group[0]
            selections[transcript_id].append(
                refi.Selection(
                    guid("selection", first.pk),
                    start,
                    end,
                    description="\n\n".join(c.memo for c in group if c.memo),
                    user_guid=self._coder_guid(first),
                    created=first.created_at,
                    codings=tuple(self._coding(coding) for coding in group),
                )
            )
        return selections

    def _coding(self, coding: Coding) -> refi.Coding:
        """One coding, its memo (if any) added to the notes."""
        note_guids: tuple[str, ...] = ()
        if coding.memo:
            note = refi.Note(
                guid("coding-memo", coding.pk),
                f"Memo on {coding.quote[:60]}",
                coding.memo,
                user_guid=self._user_guid(coding.memo_by_id)
                or (guid("external-coder", coding.memo_author) if coding.memo_author else None)
                or self._coder_guid(coding),
                created=coding.memo_at or coding.created_at,
            )
            self.notes.append(note)
            note_guids = (note.guid,)
        return refi.Coding(
            guid("coding", coding.pk),
            guid("code", coding.code_id),
            self._coder_guid(coding),
            coding.created_at,
            note_guids,
        )

    def _audio(self) -> dict[int, refi.Audio]:
        """Each recorded transcript's audio (None when left out or deleted) and its segments."""
        segments: dict[int, list[refi.Timed]] = defaultdict(list)
        for s in TimedSegment.objects.filter(transcript__inquiry=self.inquiry).order_by(
            "transcript", "position"
        ):
            segments[s.transcript_id].append(
                refi.Timed(s.start_ms, s.end_ms, s.text_start, s.text_end, s.speaker)
            )
        found = {}
        recordings = Recording.objects.filter(transcript__inquiry=self.inquiry)
        for recording in recordings.select_related("original"):
            stored = recording.original
            suffix = PurePosixPath((stored.name if stored else "").lower()).suffix
            found[recording.transcript_id] = refi.Audio(
                guid("transcript-text", recording.transcript_id),
                suffix if suffix in AUDIO_SUFFIXES else _suffix_of(recording.media_type),
                _stored_bytes(stored) if self.with_audio else None,
                tuple(segments[recording.transcript_id]),
            )
        return found

    def _sources(self, selections: dict[int, list[refi.Selection]]) -> tuple:
        """Each transcript as a text source with its selections, carrying its recording."""
        audio = self._audio()
        return tuple(
            refi.TextSource(
                guid("transcript", t.pk),
                t.title,
                t.text,
                user_guid=(
                    guid("external-coder", t.imported_author)
                    if t.imported_author
                    else self._user_guid(t.added_by_id)
                ),
                created=t.created_at,
                selections=tuple(selections[t.pk]),
                audio=audio.get(t.pk),
            )
            for t in self.transcripts
        )


def _suffix_of(kind: str) -> str:
    """The file suffix for a recording's media type (the audio module's table, read back)."""
    return next((s for s, k in AUDIO_SUFFIXES.items() if k == kind), ".bin")


def _stored_bytes(stored: StoredFile | None) -> bytes | None:
    """A stored original's bytes, or None when it is gone from storage."""
    if stored is None:
        return None
    try:
        with stored.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def thrive_sets(codes: list[Code]) -> tuple[refi.Set, ...]:
    """Sets that carry each code's valence, part of the tree and area across."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code in codes:
        for kind, field_name in _FIELD_OF_KIND.items():
            value = getattr(code, field_name)
            if value:
                groups[kind, value].append(guid("code", code.pk))
    return tuple(
        refi.Set(
            guid("set", f"{codes[0].inquiry_id}:{kind}:{value}"),
            f"{SET_PREFIX}{kind}: {value}",
            f"Thrive keeps each code's {kind}; these codes have {kind} {value}.",
            code_guids=tuple(members),
        )
        for (kind, value), members in sorted(groups.items())
    )


def group_sets(inquiry: Inquiry) -> tuple[refi.Set, ...]:
    """Document and code groups as sets; a document group and a code group of one name are one
    set, as they came."""
    members: dict[str, dict] = defaultdict(lambda: {"codes": [], "sources": [], "about": ""})
    for group in CodeGroup.objects.filter(inquiry=inquiry).prefetch_related("codes"):
        members[group.name]["codes"] = [guid("code", c.pk) for c in group.codes.order_by("id")]
        members[group.name]["about"] = group.description
    for group in DocumentGroup.objects.filter(inquiry=inquiry).prefetch_related("transcripts"):
        members[group.name]["sources"] = [
            guid("transcript", t.pk) for t in group.transcripts.order_by("id")
        ]
        members[group.name]["about"] = members[group.name]["about"] or group.description
    return tuple(
        refi.Set(
            guid("group", f"{inquiry.pk}:{name}"),
            name,
            found["about"],
            code_guids=tuple(found["codes"]),
            source_guids=tuple(found["sources"]),
        )
        for name, found in sorted(members.items())
    )


def keep_groups(
    inquiry: Inquiry,
    sets: list[refi.Set],
    codes: dict[str, Code],
    transcripts: dict[str, Transcript] | None = None,
) -> list[str]:
    """Make each set a document group and a code group (joining groups of the same name
    already here); warnings for what a group cannot hold."""
    transcripts = transcripts or {}
    notes_only = 0
    for item in sets:
        name = (item.name.strip() or "Unnamed set")[:200]
        in_codes = [codes[g] for g in item.code_guids if g in codes]
        in_sources = [transcripts[g] for g in item.source_guids if g in transcripts]
        if in_codes or not item.source_guids:  # an empty set is kept as an empty code group
            group, _ = CodeGroup.objects.get_or_create(
                inquiry=inquiry, name=name, defaults={"description": item.description}
            )
            group.codes.add(*in_codes)
        if in_sources:
            group, _ = DocumentGroup.objects.get_or_create(
                inquiry=inquiry, name=name, defaults={"description": item.description}
            )
            group.transcripts.add(*in_sources)
        if item.note_guids:
            notes_only += 1
    if not notes_only:
        return []
    return [
        f"{notes_only} set{'s' if notes_only != 1 else ''} also listed notes; groups hold "
        "transcripts and codes only, so the notes were left out of them."
    ]


def project_qdpx(inquiry: Inquiry, *, with_audio: bool = True) -> bytes:
    """The inquiry as .qdpx bytes (recordings' audio files left out when with_audio is False)."""
    return refi.qdpx_bytes(project_for(inquiry, with_audio=with_audio))


def codebook_qdc(inquiry: Inquiry) -> bytes:
    """The codebook as .qdc bytes (valence, tree part and area as Thrive sets)."""
    project = project_for_codebook(inquiry)
    return refi.qdc_bytes(project)


def project_for_codebook(inquiry: Inquiry) -> refi.Codebook:
    codes = list(Code.objects.filter(inquiry=inquiry).order_by("position", "name", "id"))
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)

    def refi_codes(parent_id: int | None) -> tuple[refi.Code, ...]:
        return tuple(
            refi.Code(
                guid("code", code.pk),
                code.name,
                code.codable,
                code.colour,
                code.description,
                refi_codes(code.pk),
            )
            for code in children.get(parent_id, [])
        )

    code_groups = tuple(s for s in group_sets(inquiry) if s.code_guids)
    return refi.Codebook(refi_codes(None), (*(thrive_sets(codes) if codes else ()), *code_groups))


# Import --------------------------------------------------------------------------------------


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) == 4:
        return "#" + "".join(ch * 2 for ch in value[1:]).lower()
    return value.lower()


def _code_fields(
    sets: tuple[refi.Set, ...], themes_read: bool = False
) -> tuple[dict[str, dict[str, str]], list[refi.Set]]:
    """Valence, tree part and area by code GUID from Thrive's sets; and the other sets, which
    become groups (not counting Thrive's theme sets when the caller reads them)."""
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    others: list[refi.Set] = []
    for item in sets:
        if themes_read and read_set(item.name, item.description) is not None:
            continue
        kind, _, value = item.name.removeprefix(SET_PREFIX).partition(": ")
        choices = _SET_KINDS.get(kind)
        known = item.name.startswith(SET_PREFIX) and kind in _FIELD_OF_KIND
        if not known or (choices is not None and value not in choices.values):
            others.append(item)
            continue
        for code_guid in item.code_guids:
            fields[code_guid][_FIELD_OF_KIND[kind]] = value[:20]
    return fields, others


def _aware(moment: datetime) -> datetime:
    """A file's date and time, in the service's time zone when the file gave none."""
    if timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, timezone.get_default_timezone())


def _text_key(text: str) -> str:
    """A transcript's identity by content, whatever its title."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class _Cleaned:
    """Transcript text without control characters, with positions moved to match."""

    def __init__(self, text: str) -> None:
        self.removed = control_positions(text)
        self.text = without_controls(text) if self.removed else text

    def position(self, old: int) -> int:
        return old - bisect_right(self.removed, old - 1) if self.removed else old


def import_project(
    data: bytes,
    *,
    user,
    title: str | None = None,
    into: Inquiry | None = None,
    misplaced_ok: bool = False,
) -> tuple[Inquiry, list[str], dict[str, str]]:
    """Import a .qdpx as a new inquiry (or into an existing one), all or nothing.

    Returns the inquiry, warnings about what could not be carried, and the offset convention
    detected for each source (by source GUID). Raises RefiError for any file it refuses.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise refi.RefiError("The file is larger than 100 MB; nothing was imported.")
    imported = refi.read_qdpx(data, misplaced_ok=misplaced_ok)
    importer = _Importer(imported.project, user, into)
    try:
        with transaction.atomic():
            inquiry, warnings = importer.run(title)
            inquiry.queue_passage_vectors(user)
    except InquiryError as problem:
        importer.discard_audio()
        raise refi.RefiError(f"{problem} Nothing was imported.") from None
    except BaseException:
        importer.discard_audio()
        raise
    return inquiry, list(imported.warnings) + warnings, dict(imported.conventions)


def position_messages(inquiry: Inquiry) -> list[str]:
    """How each imported transcript's file counted positions, in plain words."""
    return [
        f"In “{title}”, {described(convention)}."
        for title, convention in inquiry.transcripts.exclude(imported_offsets="").values_list(
            "title", "imported_offsets"
        )
    ]


_SPAN_FIELDS = ("transcript_id", "code_id", "start", "end", "external_coder", "coder")


class _Importer:
    def __init__(self, project: refi.Project, user, into: Inquiry | None) -> None:
        self.project = project
        self.user = user
        self.into = into
        self.warnings: list[str] = []
        self.notes = {note.guid: note for note in project.notes}
        self.used_notes: set[str] = set()
        self.kept_audio: list[StoredFile] = []

    def discard_audio(self) -> None:
        """Delete the audio files kept so far: the database rolled back, storage does not."""
        for stored in self.kept_audio:
            stored.file.storage.delete(stored.file.name)

    def run(self, title: str | None) -> tuple[Inquiry, list[str]]:
        inquiry = self.into or self._new_inquiry(title)
        self.inquiry = inquiry
        self.users = self._users()
        self.codes = self._codes()
        self.participants, self.owner = self._participants()
        self._transcripts_and_codings()
        self.warnings += import_theme_sets(self.inquiry, self.project.sets, self.codes, self.user)
        self.warnings += keep_groups(self.inquiry, self.groups, self.codes, self.by_source)
        unused = [g for g in self.notes if g not in self.used_notes]
        if unused:
            self.warnings.append(
                f"{len(unused)} note{'s' if len(unused) != 1 else ''} not attached to a code "
                "or a coded passage could not be carried across and were left out."
            )
        return inquiry, self.warnings

    def _new_inquiry(self, title: str | None) -> Inquiry:
        name = (title or self.project.name or "Imported project").strip()[:200]
        inquiry = Inquiry.objects.create(
            title=name or "Imported project", aims=self.project.description
        )
        if self.user is not None:
            inquiry.team.add(self.user)
        record(None, Action.CREATE, "inquiry", inquiry.pk, "REFI-QDA import", user=self.user)
        return inquiry

    def _users(self) -> dict[str, str]:
        """The file's people by GUID, by name only: a file can name anyone, so its people are
        never matched to Thrive accounts (a username in the file proves nothing)."""
        named = {u.guid: (u.name or u.identifier).strip()[:150] for u in self.project.users}
        if named:
            names = sorted({name for name in named.values() if name})
            shown = ", ".join(names[:5]) + (" and others" if len(names) > 5 else "")
            self.warnings.append(
                f"Coding by people in the file ({shown or 'unnamed'}) is shown under their "
                "names, marked “from the imported file”; no Thrive account is credited with it."
            )
        return named

    def _author(self, user_guid: str | None) -> tuple[object, str]:
        """(coder, external name) for work the file credits to user_guid; the importer when
        the file names nobody."""
        if not user_guid:
            return self.user, ""
        return None, self.users.get(user_guid) or "Someone unnamed"

    def _codes(self) -> dict[str, Code]:
        fields, self.groups = _code_fields(self.project.sets, themes_read=True)
        existing = self.inquiry.codes.by_path() if self.into else {}
        mapped: dict[str, Code] = {}

        def add(code: refi.Code, parent: Code | None, path: tuple[str, ...], position: int) -> None:
            name = (code.name.strip() or "Unnamed code")[:200]
            here = (*path, name)
            found = existing.get(here)
            if found is None:
                memo, author = self._memo(list(code.note_guids))
                found = Code.objects.create(
                    inquiry=self.inquiry,
                    parent=parent,
                    name=name,
                    description=code.description,
                    colour=_colour(code.color) or "",
                    codable=code.is_codable,
                    memo=memo,
                    memo_author=self._author(author.user_guid)[1] if author and memo else "",
                    memo_at=_aware(author.created) if author and author.created and memo else None,
                    position=position,
                    **{"valence": "", **fields.get(code.guid, {})},
                )
                existing[here] = found
            mapped[code.guid] = found
            for number, child in enumerate(code.children):
                add(child, found, here, number)

        for number, code in enumerate(self.project.codes):
            add(code, None, (), number)
        return mapped

    def _participants(self) -> tuple[dict[str, Participant], dict[str, Participant]]:
        variables = {v.guid: v.name for v in self.project.variables}
        existing = {p.label: p for p in Participant.objects.filter(inquiry=self.inquiry)}
        participants: dict[str, Participant] = {}
        owner: dict[str, Participant] = {}
        shared = 0
        for number, case in enumerate(self.project.cases, 1):
            label = (case.name.strip() or f"Case {number}")[:40]
            attributes = {}
            status = ""
            for value in case.values:
                name = variables[value.variable_guid]
                if name == MEMBER_CHECK_VARIABLE:
                    status = str(value.value) if value.value in MemberCheck.values else ""
                else:
                    attributes[name[:100]] = _json_value(value.value)
            participant = existing.get(label) if self.into else None
            if participant is None:
                if label in existing:
                    label = self._free_label(label, existing)
                participant = Participant.objects.create(
                    inquiry=self.inquiry,
                    label=label,
                    attributes=attributes,
                    member_check=status or MemberCheck.NOT_STARTED,
                )
                existing[label] = participant
                record(
                    None,
                    Action.CREATE,
                    "participant",
                    participant.pk,
                    "REFI-QDA import",
                    user=self.user,
                )
            participants[case.guid] = participant
            for source_guid in case.source_guids:
                if source_guid in owner and owner[source_guid] != participant:
                    shared += 1
                    continue
                owner[source_guid] = participant
            if case.code_guids or case.selection_guids:
                self.warnings.append(
                    f"Codes and passages attached to the case {label} itself were left out."
                )
        if shared:
            self.warnings.append(
                f"{shared} source{'s' if shared != 1 else ''} belonged to more than one case; "
                "each was given to the first case only."
            )
        return participants, owner

    @staticmethod
    def _free_label(label: str, taken: dict) -> str:
        number = 2
        while f"{label[:34]} ({number})" in taken:
            number += 1
        return f"{label[:34]} ({number})"

    def _transcripts_and_codings(self) -> None:
        """Every source as a transcript (or the same one already here) with its codings."""
        existing = self._existing_transcripts()
        self.by_source: dict[str, Transcript] = {}
        known_spans = self._known_spans()
        skipped_empty = zero_length = valued = 0
        new_codings: list[tuple[Coding, datetime | None]] = []
        for source in self.project.sources:
            cleaned = _Cleaned(source.text)
            if source.values:
                valued += 1
            if not cleaned.text.strip():
                skipped_empty += 1
                continue
            transcript = self._transcript_for(source, cleaned, existing)
            self.by_source[source.guid] = transcript
            made, empty = self._new_codings(source, cleaned, transcript, known_spans)
            new_codings += made
            zero_length += empty
        self._save_codings(new_codings)
        self._warn_left_out(skipped_empty, zero_length, valued)

    def _existing_transcripts(self) -> dict[str, Transcript]:
        """When importing into an inquiry, its transcripts by a hash of their text and by the
        GUID a file gave them (or Thrive's own export gives them), never by title."""
        existing: dict[str, Transcript] = {}
        self.titles = set(self.inquiry.transcripts.values_list("title", flat=True))
        if self.into:
            for transcript in Transcript.objects.filter(inquiry=self.inquiry).order_by("id"):
                existing.setdefault(_text_key(transcript.text), transcript)
                existing.setdefault(guid("transcript", transcript.pk), transcript)
                if transcript.refi_guid:
                    existing.setdefault(transcript.refi_guid, transcript)
        return existing

    def _known_spans(self) -> set[tuple[int, int, int, int, str]]:
        """When importing into an inquiry, (transcript, code, start, end, coder's name) of its
        codings: the same passage coded by another coder is another coding, kept."""
        if not self.into:
            return set()
        codings = Coding.objects.filter(transcript__inquiry=self.inquiry).select_related("coder")
        return {
            (c.transcript_id, c.code_id, c.start, c.end, self._name(c.coder, c.external_coder))
            for c in codings.only(*_SPAN_FIELDS)
        }

    @staticmethod
    def _name(coder, external_coder: str) -> str:
        """Who made a coding, by the name a file would carry for them."""
        return coder.name_as_coder if coder is not None else external_coder

    def _transcript_for(
        self, source: refi.TextSource, cleaned: _Cleaned, existing: dict[str, Transcript]
    ) -> Transcript:
        """The transcript already here with the same text, or a new one with a title of its
        own (and a warning when the file's GUID names a transcript here whose text differs)."""
        title = (source.name.strip() or "Untitled transcript")[:200]
        key = _text_key(cleaned.text)
        transcript = existing.get(key)
        if transcript is None:
            same_guid = existing.get(source.guid)
            title = free_title(title, self.titles)
            self.titles.add(title)
            if same_guid is not None:
                self.warnings.append(
                    f"The transcript “{same_guid.title}” here has the identity of “{source.name}” "
                    f"in the file but a different text, so the file's version was added as "
                    f"“{title}”."
                )
            transcript = Transcript.objects.create(
                inquiry=self.inquiry,
                participant=self.owner.get(source.guid),
                title=title,
                text=cleaned.text,
                added_by=self.user,
                imported_offsets=source.offset_convention,
                refi_guid=source.guid,
                imported_author=self.users.get(source.user_guid or "", ""),
            )
            if source.created is not None:
                transcript.created_at = _aware(source.created)
                transcript.save(update_fields=["created_at"])
            record(
                None,
                Action.CREATE,
                "transcript",
                transcript.pk,
                "REFI-QDA import",
                user=self.user,
            )
            if source.audio is not None:
                self._recording(transcript, source, cleaned)
        return transcript

    def _recording(
        self, transcript: Transcript, source: refi.TextSource, cleaned: _Cleaned
    ) -> None:
        """Give a transcript from an audio source its timed segments and its recording, keeping
        the audio file through the storage API (none when absent or not playable)."""
        audio = source.audio
        assert audio is not None
        transcript.set_segments(
            [
                Placed(
                    s.start_ms,
                    s.end_ms,
                    cleaned.position(s.text_start),
                    cleaned.position(s.text_end),
                    s.speaker,
                )
                for s in audio.segments
            ]
        )
        name = f"{transcript.title}{audio.suffix}"
        stored, length = None, max((s.end_ms for s in audio.segments), default=0)
        if audio.data is not None:
            try:
                length = duration_ms(audio.data, name) or length
            except AudioError as problem:
                self.warnings.append(
                    f"{problem} The transcript “{transcript.title}” was imported with its times "
                    "but without its audio."
                )
            else:
                stored = keep(
                    audio.data,
                    name,
                    kind="audio",
                    subject_type="transcript",
                    subject_id=transcript.pk,
                    user=self.user,
                )
                self.kept_audio.append(stored)
        recording = Recording.objects.create(
            transcript=transcript,
            original=stored,
            media_type=media_type(name),
            duration_ms=length,
        )
        record(None, Action.CREATE, "recording", recording.pk, "REFI-QDA import", user=self.user)

    def _new_codings(
        self,
        source: refi.TextSource,
        cleaned: _Cleaned,
        transcript: Transcript,
        known_spans: set[tuple[int, int, int, int, str]],
    ) -> tuple[list[tuple[Coding, datetime | None]], int]:
        """Unsaved codings of one source not already here, and how many spanned no text."""
        spans = [
            (s.start, s.end, s.user_guid, s.created, s.codings, s.note_guids, s.description)
            for s in source.selections
        ]
        spans += [
            (0, len(source.text), c.user_guid, c.created, (c,), (), "") for c in source.codings
        ]
        new_codings = []
        zero_length = 0
        for start, end, user_guid, created, codings, note_guids, description in spans:
            start, end = cleaned.position(start), cleaned.position(end)
            if end <= start:
                zero_length += len(codings)
                continue
            # Tools that read Notes get the memo from them; the Description repeats it.
            noted = bool(note_guids) or any(c.note_guids for c in codings)
            for coding in codings:
                code = self.codes[coding.code_guid]
                coder, external_coder = self._author(coding.user_guid or user_guid)
                key = (transcript.pk, code.pk, start, end, self._name(coder, external_coder))
                if key in known_spans:
                    continue
                known_spans.add(key)
                memo, author = self._memo([*coding.note_guids, *note_guids])
                if description.strip() and not noted:
                    memo = description.strip()
                    author = refi.Note("", user_guid=coding.user_guid or user_guid, created=created)
                new = Coding(
                    transcript=transcript,
                    code=code,
                    start=start,
                    end=end,
                    coder=coder,
                    external_coder=external_coder,
                    quote=cleaned.text[start:end],
                    memo=memo,
                    memo_by=self._author(author.user_guid)[0] if memo else None,
                    memo_author=self._author(author.user_guid)[1] if memo else "",
                    memo_at=(author.created or timezone.now()) if memo else None,
                    transcript_version=transcript.version,
                )
                new_codings.append((new, coding.created or created))
        return new_codings, zero_length

    def _memo(self, note_guids: list[str]) -> tuple[str, refi.Note | None]:
        """The notes on a coding joined as one memo, and the note whose author it keeps."""
        memo_notes = [self.notes[g] for g in note_guids]
        self.used_notes.update(note_guids)
        memo = "\n\n".join(n.text.strip() for n in memo_notes if n.text.strip())
        return memo, memo_notes[0] if memo_notes else None

    @staticmethod
    def _save_codings(new_codings: list[tuple[Coding, datetime | None]]) -> None:
        """Store the codings at once, then give each the date the file recorded."""
        made = Coding.objects.bulk_create([c for c, _ in new_codings], batch_size=500)
        dated = []
        for coding, (_, created) in zip(made, new_codings, strict=True):
            if created is not None and coding.pk is not None:
                coding.created_at = _aware(created)
                dated.append(coding)
        if dated:
            Coding.objects.bulk_update(dated, ["created_at"], batch_size=500)

    def _warn_left_out(self, skipped_empty: int, zero_length: int, valued: int) -> None:
        """Say what the import left out: empty sources, empty passages, source variables."""
        if skipped_empty:
            self.warnings.append(
                f"{skipped_empty} source{'s' if skipped_empty != 1 else ''} with no text "
                "were left out."
            )
        if zero_length:
            self.warnings.append(
                f"{zero_length} coding{'s' if zero_length != 1 else ''} of empty passages "
                "were left out."
            )
        if valued:
            self.warnings.append(
                "Variable values attached to sources (rather than cases) were left out."
            )


def _keep_sibling_order(inquiry: Inquiry, specs: tuple[CodeSpec, ...]) -> None:
    """Give the file's codes their order among siblings (Code.position), as the file has it."""
    codes = inquiry.codes.by_path()
    changed = []

    def walk(items: tuple[CodeSpec, ...], path: tuple[str, ...] = ()) -> None:
        for number, spec in enumerate(items):
            code = codes[(*path, spec.name)]
            if code.position != number:
                code.position = number
                changed.append(code)
            walk(spec.children, (*path, spec.name))

    walk(specs)
    Code.objects.bulk_update(changed, ["position"])


# Codebooks -----------------------------------------------------------------------------------


def import_codebook_qdc(inquiry: Inquiry, data: bytes) -> tuple[int, int, list[str]]:
    """Merge a .qdc codebook into the inquiry's by code path; (added, updated, warnings).

    A code the file does not describe fully keeps its existing valence, part of the tree,
    area, colour and description. No code is ever removed.
    """
    if len(data) > MAX_CODEBOOK_BYTES:
        raise refi.RefiError("The codebook is larger than 5 MB; nothing was imported.")
    codebook = refi.read_qdc(data)
    fields, others = _code_fields(codebook.sets)
    current = {}

    def walk(specs, path=()):
        for spec in specs:
            current[(*path, spec.name)] = spec
            walk(spec.children, (*path, spec.name))

    walk(inquiry.codes.as_specs())

    def specs(codes: tuple[refi.Code, ...], path: tuple[str, ...] = ()) -> tuple[CodeSpec, ...]:
        result = []
        for code in codes:
            name = (code.name.strip() or "Unnamed code")[:200]
            here = (*path, name)
            old = current.get(here, CodeSpec(name, valence="", colour=""))
            extra = fields.get(code.guid, {})
            result.append(
                CodeSpec(
                    name,
                    code.description or old.description,
                    extra.get("valence", old.valence),
                    extra.get("tree_part", old.tree_part),
                    extra.get("area", old.area),
                    _colour(code.color) or old.colour,
                    code.is_codable,
                    specs(code.children, here),
                )
            )
        return tuple(result)

    try:
        with transaction.atomic():
            specs_in_file = specs(codebook.codes)
            added, updated = inquiry.apply_codebook(specs_in_file)
            _keep_sibling_order(inquiry, specs_in_file)
            warnings = list(codebook.warnings)
            warnings += keep_groups(inquiry, others, _codes_by_guid(inquiry, codebook.codes))
    except InquiryError as problem:
        raise refi.RefiError(f"{problem} Nothing was imported.") from None
    return added, updated, warnings


def _codes_by_guid(inquiry: Inquiry, codes: tuple[refi.Code, ...]) -> dict[str, Code]:
    """The inquiry's codes by the GUIDs a codebook file gave them, matched by path."""
    here = inquiry.codes.by_path()
    found: dict[str, Code] = {}

    def walk(items: tuple[refi.Code, ...], path: tuple[str, ...] = ()) -> None:
        for code in items:
            at = (*path, (code.name.strip() or "Unnamed code")[:200])
            if at in here:
                found[code.guid] = here[at]
            walk(code.children, at)

    walk(codes)
    return found
