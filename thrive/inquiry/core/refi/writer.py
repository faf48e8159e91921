"""Write plain project and codebook data as REFI-QDA .qdpx and .qdc files.

Output follows the v1.0 schemas (element order, required attributes, no empty lists).
Text sources go to ``sources/<GUID>.txt`` as UTF-8 without BOM; selection positions are
canonical code points with an exclusive end, which is what the specification asks for.

A recorded interview is an ``AudioSource`` (its audio, stored as is, at
``sources/<GUID>.<suffix>``) holding a ``Transcript`` (its text at
``sources/<transcript GUID>.txt``) with a ``SyncPoint`` at each timed segment's start and end
(``timeStamp`` in milliseconds, ``position`` in code points). The schema lets a transcript be
coded only by ``TranscriptSelection``s running from one sync point to another, so a coded
passage that starts or ends inside a segment gets a sync point of its own, with a position
and no time (the schema makes both optional), rather than a time Thrive would have to invent.
Audio left out is referred to as an external file (``relative:///<GUID>.<suffix>`` against
the project's ``basePath="."``), as the specification suggests for large media.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from thrive.inquiry.core.refi.model import (
    Audio,
    Case,
    Code,
    Codebook,
    Coding,
    Note,
    Project,
    RefiError,
    Selection,
    Set,
    TextSource,
    VariableValue,
)

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Thrive"
SELECTION_NAME_LENGTH = 200
_GUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_COLOR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_VALUE_ELEMENTS = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


def qdpx_bytes(project: Project) -> bytes:
    """Return a .qdpx archive (project.qde plus sources/) for the project."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", _FIXED_TIME), project_xml(project))
        for source in project.sources:
            text_guid = source.audio.transcript_guid if source.audio else source.guid
            member = zipfile.ZipInfo(f"sources/{_guid(text_guid)}.txt", _FIXED_TIME)
            archive.writestr(member, source.text.encode("utf-8"), zipfile.ZIP_DEFLATED)
            if source.audio is not None and source.audio.data is not None:
                member = zipfile.ZipInfo(_audio_file(source.guid, source.audio), _FIXED_TIME)
                archive.writestr(member, source.audio.data, zipfile.ZIP_STORED)
    return buffer.getvalue()


def _audio_file(guid: str, audio: Audio) -> str:
    """The audio's member path: stored as is, since recordings are already compressed and a
    long silence would look like a ZIP bomb to an importer checking ratios."""
    return f"sources/{_guid(guid)}{_suffix(audio.suffix)}"


def _suffix(suffix: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]", "", suffix.lower())[:8]
    return f".{cleaned}" if cleaned else ".bin"


def qdc_bytes(codebook: Codebook) -> bytes:
    """Return a .qdc codebook file; Sets is written only when there is at least one set."""
    if not codebook.codes:
        raise RefiError("A codebook needs at least one code to be exported.")
    root = Element("CodeBook", _attributes(xmlns=CODEBOOK_NS, origin=codebook.origin or ORIGIN))
    codes = SubElement(root, "Codes")
    for code in codebook.codes:
        _code(codes, code, with_notes=False)
    if codebook.sets:
        sets = SubElement(root, "Sets")
        for code_set in codebook.sets:
            element = SubElement(
                sets, "Set", _attributes(guid=_guid(code_set.guid), name=code_set.name)
            )
            _description(element, code_set.description)
            for guid in code_set.code_guids:
                SubElement(element, "MemberCode", guid=_guid(guid))
    return tostring(root, encoding="utf-8", xml_declaration=True)


def project_xml(project: Project) -> bytes:
    """Return the project description (.qde) XML for the project."""
    root = Element(
        "Project",
        _attributes(
            xmlns=PROJECT_NS,
            name=project.name or "Thrive project",
            origin=project.origin or ORIGIN,
            creatingUserGUID=_optional_guid(project.user_guid),
            creationDateTime=_datetime(project.created),
            basePath="." if any(_audio_left_out(s) for s in project.sources) else None,
        ),
    )
    if project.users:
        users = SubElement(root, "Users")
        for user in project.users:
            SubElement(
                users,
                "User",
                _attributes(
                    guid=_guid(user.guid), name=user.name or None, id=user.identifier or None
                ),
            )
    if project.codes:
        codes = SubElement(SubElement(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code(codes, code, with_notes=True)
    variable_types = {variable.guid: variable.type for variable in project.variables}
    if project.variables:
        variables = SubElement(root, "Variables")
        for variable in project.variables:
            element = SubElement(
                variables,
                "Variable",
                _attributes(
                    guid=_guid(variable.guid), name=variable.name, typeOfVariable=variable.type
                ),
            )
            _description(element, variable.description)
    if project.cases:
        cases = SubElement(root, "Cases")
        for case in project.cases:
            _case(cases, case, variable_types)
    if project.sources:
        sources = SubElement(root, "Sources")
        for source in project.sources:
            _source(sources, source, variable_types)
    if project.notes:
        notes = SubElement(root, "Notes")
        for note in project.notes:
            _note(notes, note, project.user_guid, project.created)
    if project.sets:
        sets = SubElement(root, "Sets")
        for project_set in project.sets:
            _set(sets, project_set)
    _description(root, project.description)
    _refs(root, "NoteRef", project.note_guids)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _code(parent: Element, code: Code, with_notes: bool) -> None:
    element = SubElement(
        parent,
        "Code",
        _attributes(
            guid=_guid(code.guid),
            name=code.name,
            isCodable="true" if code.is_codable else "false",
            color=code.color if code.color and _COLOR.match(code.color) else None,
        ),
    )
    _description(element, code.description)
    if with_notes:
        _refs(element, "NoteRef", code.note_guids)
    for child in code.children:
        _code(element, child, with_notes)


def _case(parent: Element, case: Case, variable_types: dict[str, str]) -> None:
    element = SubElement(parent, "Case", _attributes(guid=_guid(case.guid), name=case.name or None))
    _description(element, case.description)
    _refs(element, "CodeRef", case.code_guids)
    _values(element, case.values, variable_types)
    _refs(element, "SourceRef", case.source_guids)
    _refs(element, "SelectionRef", case.selection_guids)


def _audio_left_out(source: TextSource) -> bool:
    return source.audio is not None and source.audio.data is None


def _source(
    parent: Element,
    source: TextSource,
    variable_types: dict[str, str],
) -> None:
    if source.audio is not None:
        _audio_source(parent, source, source.audio, variable_types)
        return
    guid = _guid(source.guid)
    element = SubElement(
        parent,
        "TextSource",
        _attributes(
            guid=guid,
            name=source.name or None,
            plainTextPath=f"internal://{guid}.txt",
            creatingUser=_optional_guid(source.user_guid),
            creationDateTime=_datetime(source.created),
        ),
    )
    _description(element, source.description)
    for selection in source.selections:
        _selection(element, selection, source.text)
    for coding in source.codings:
        _coding(element, coding)
    _refs(element, "NoteRef", source.note_guids)
    _values(element, source.values, variable_types)


def _audio_source(
    parent: Element, source: TextSource, audio: Audio, variable_types: dict[str, str]
) -> None:
    """An AudioSource holding the text as its Transcript, with sync points and selections.

    The source is named after the transcript with the audio's suffix (QualCoder files the
    audio under the source's name); the Transcript keeps the transcript's own name.
    """
    guid = _guid(source.guid)
    suffix = _suffix(audio.suffix)
    scheme = "internal://" if audio.data is not None else "relative:///"
    element = SubElement(
        parent,
        "AudioSource",
        _attributes(
            guid=guid,
            name=f"{source.name or guid}{suffix}",
            path=f"{scheme}{guid}{suffix}",
            creatingUser=_optional_guid(source.user_guid),
            creationDateTime=_datetime(source.created),
        ),
    )
    _description(element, source.description)
    transcript_guid = _guid(audio.transcript_guid)
    transcript = SubElement(
        element,
        "Transcript",
        _attributes(
            guid=transcript_guid,
            name=source.name or None,
            plainTextPath=f"internal://{transcript_guid}.txt",
            creatingUser=_optional_guid(source.user_guid),
            creationDateTime=_datetime(source.created),
        ),
    )
    points = _sync_points(transcript_guid, source, audio)
    for point_guid, position, time_ms in sorted(points.values(), key=lambda p: (p[1], p[2] or 0)):
        SubElement(
            transcript,
            "SyncPoint",
            _attributes(
                guid=point_guid,
                timeStamp=None if time_ms is None else str(time_ms),
                position=str(position),
            ),
        )
    at: dict[int, str] = {}
    for point_guid, position, _ in points.values():
        at.setdefault(position, point_guid)
    for selection in source.selections:
        _selection(
            transcript,
            selection,
            source.text,
            "TranscriptSelection",
            fromSyncPoint=at[selection.start],
            toSyncPoint=at[selection.end],
        )
    for coding in source.codings:
        _coding(element, coding)
    _refs(element, "NoteRef", source.note_guids)
    _values(element, source.values, variable_types)


def _sync_points(
    transcript_guid: str, source: TextSource, audio: Audio
) -> dict[str, tuple[str, int, int | None]]:
    """Sync points by key: a timed one at each segment's start and end, then an untimed one
    at each selection boundary no timed point marks. GUIDs derive from the transcript's."""
    namespace = uuid.UUID(transcript_guid)
    points: dict[str, tuple[str, int, int | None]] = {}

    def add(key: str, position: int, time_ms: int | None) -> None:
        if not 0 <= position <= len(source.text):
            raise RefiError(f"A timed segment of '{source.name}' lies outside its text.")
        points[key] = (str(uuid.uuid5(namespace, key)).upper(), position, time_ms)

    for number, segment in enumerate(audio.segments):
        add(f"segment:{number}:start", segment.text_start, segment.start_ms)
        add(f"segment:{number}:end", segment.text_end, max(segment.end_ms, segment.start_ms))
    timed = {position for _, position, _ in points.values()}
    for selection in source.selections:
        for position in (selection.start, selection.end):
            if position not in timed:
                add(f"position:{position}", position, None)
    return points


def _selection(
    parent: Element,
    selection: Selection,
    text: str,
    tag: str = "PlainTextSelection",
    **bounds: str,
) -> None:
    """A coded passage: by positions (PlainTextSelection) or, in a transcript of a recording,
    by the sync points at its start and end (TranscriptSelection)."""
    if not 0 <= selection.start <= selection.end <= len(text):
        raise RefiError(f"A selection ({selection.start}-{selection.end}) lies outside its text.")
    name = selection.name or text[selection.start : selection.end][:SELECTION_NAME_LENGTH]
    if not bounds:
        bounds = {"startPosition": str(selection.start), "endPosition": str(selection.end)}
    element = SubElement(
        parent,
        tag,
        _attributes(
            guid=_guid(selection.guid),
            name=name or None,
            **bounds,
            creatingUser=_optional_guid(selection.user_guid),
            creationDateTime=_datetime(selection.created),
        ),
    )
    _description(element, selection.description)
    for coding in selection.codings:
        _coding(element, coding)
    _refs(element, "NoteRef", selection.note_guids)


def _coding(parent: Element, coding: Coding) -> None:
    element = SubElement(
        parent,
        "Coding",
        _attributes(
            guid=_guid(coding.guid),
            creatingUser=_optional_guid(coding.user_guid),
            creationDateTime=_datetime(coding.created),
        ),
    )
    SubElement(element, "CodeRef", targetGUID=_guid(coding.code_guid))
    _refs(element, "NoteRef", coding.note_guids)


def _note(parent: Element, note: Note, user_guid: str | None, created: datetime | None) -> None:
    """Write a note, credited to the project's user and date when it has none of its own
    (QualCoder's importer stops at a note without a creation date)."""
    element = SubElement(
        parent,
        "Note",
        _attributes(
            guid=_guid(note.guid),
            name=note.name or None,
            creatingUser=_optional_guid(note.user_guid or user_guid),
            creationDateTime=_datetime(note.created or created),
        ),
    )
    _description(element, note.description)
    SubElement(element, "PlainTextContent").text = _xml_text(note.text)


def _set(parent: Element, project_set: Set) -> None:
    element = SubElement(
        parent, "Set", _attributes(guid=_guid(project_set.guid), name=project_set.name)
    )
    _description(element, project_set.description)
    _refs(element, "MemberCode", project_set.code_guids)
    _refs(element, "MemberSource", project_set.source_guids)
    _refs(element, "MemberNote", project_set.note_guids)


def _values(
    parent: Element,
    values: tuple[VariableValue, ...],
    variable_types: dict[str, str],
) -> None:
    for value in values:
        kind = variable_types.get(value.variable_guid)
        if kind is None:
            raise RefiError("A variable value refers to a variable that is not in the project.")
        element = SubElement(parent, "VariableValue")
        SubElement(element, "VariableRef", targetGUID=_guid(value.variable_guid))
        SubElement(element, _VALUE_ELEMENTS[kind]).text = _lexical(value.value)


def _lexical(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return _xml_text(str(value))


def _refs(parent: Element, name: str, guids: tuple[str, ...]) -> None:
    for guid in guids:
        SubElement(parent, name, targetGUID=_guid(guid))


def _description(parent: Element, text: str) -> None:
    if text:
        SubElement(parent, "Description").text = _xml_text(text)


def _attributes(**values: str | None) -> dict[str, str]:
    """Return XML attributes, leaving out those given as None."""
    return {key: _xml_text(value) for key, value in values.items() if value is not None}


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _guid(guid: str) -> str:
    bare = guid.strip().strip("{}")
    if not _GUID.match(bare):
        raise RefiError(f"'{guid[:40]}' is not a GUID, so it cannot be exported.")
    return bare.upper()


def _optional_guid(guid: str | None) -> str | None:
    return _guid(guid) if guid else None


def _datetime(value: datetime | None) -> str | None:
    """Return an xs:dateTime, in UTC with a final Z when the time zone is known (the form the
    specification's examples and QualCoder's importer expect)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.isoformat()
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
