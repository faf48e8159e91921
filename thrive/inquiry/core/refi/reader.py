"""Read REFI-QDA projects (.qdpx) and codebooks (.qdc) into plain data.

Reading is lenient about namespaces and about what other tools commonly get wrong (an empty
``<Sets/>`` in Taguette's codebooks), strict about anything that would import wrong data:
duplicate GUIDs, references to things that are not there, selections outside the text.
What Thrive cannot carry (PDF, picture and video sources, audio without a transcript, links,
graphs, variables of unknown types) is skipped and described in the warnings.

An AudioSource with a Transcript is a recorded interview: the transcript's text, its coded
``TranscriptSelection``s (placed by the positions of their sync points), its timed segments
(between consecutive sync points that have a time) and the audio file, when the archive holds
it. Audio that is absent, external or damaged is a warning; the transcript still comes across.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from xml.etree.ElementTree import Element
from zipfile import ZipInfo

from thrive.inquiry.core.audio import is_audio
from thrive.inquiry.core.offsets import (
    Convention,
    OffsetMap,
    SourceText,
    decoded_source,
    detected_convention,
    disagreements,
)
from thrive.inquiry.core.refi.container import Container, opened_container, parsed_xml
from thrive.inquiry.core.refi.model import (
    VARIABLE_TYPES,
    Audio,
    Case,
    Code,
    Codebook,
    Coding,
    ImportedProject,
    Note,
    Project,
    RefiError,
    Selection,
    Set,
    TextSource,
    Timed,
    User,
    Variable,
    VariableValue,
    VariableValueType,
)
from thrive.inquiry.core.turns import speaker_label

MAX_CODE_DEPTH = 50
MAX_TIME_MS = 2_147_483_647  # what a timed segment can store, about 24.8 days
_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_COLOR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
_OTHER_SOURCES = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}


def read_qdpx(data: bytes, *, misplaced_ok: bool = False) -> ImportedProject:
    """Return the project in .qdpx bytes with warnings, or raise RefiError.

    Selections that quote words not at their positions are refused, or with misplaced_ok
    kept where the positions say, with a warning.
    """
    container = opened_container(data)
    info = container.find(container.qde_name)
    assert info is not None
    root = parsed_xml(container.read(info), "project description (.qde)")
    if _local(root.tag) == "CodeBook":
        raise RefiError("This file holds only a codebook; import it as a codebook (.qdc).")
    if _local(root.tag) != "Project":
        raise RefiError("The .qde file is not a REFI-QDA project description.")
    return _ProjectReader(container, misplaced_ok).imported(root)


def read_qdc(data: bytes) -> Codebook:
    """Return the codebook in .qdc bytes, or raise RefiError."""
    if data.startswith(b"PK"):
        raise RefiError("This looks like a whole project (.qdpx), not a codebook (.qdc).")
    root = parsed_xml(data, "codebook")
    if _local(root.tag) != "CodeBook":
        raise RefiError("This file is not a REFI-QDA codebook (.qdc).")
    guids = _Guids()
    codes_element = _child(root, "Codes")
    codes = (
        tuple(_code(element, guids, 1) for element in _children(codes_element, "Code"))
        if codes_element is not None
        else ()
    )
    known = {guid for guid, kind in guids.kinds.items() if kind == "code"}
    sets = []
    for element in _children(_child(root, "Sets"), "Set"):
        guid = guids.add(element, "set")
        members = []
        for member in _children(element, "MemberCode"):
            target = _guid(member.get("guid") or member.get("targetGUID"), "A set member")
            if target not in known:
                raise RefiError(
                    f"The set '{element.get('name', '')}' lists a code that is not in the codebook."
                )
            members.append(target)
        sets.append(
            Set(
                guid,
                element.get("name", ""),
                _text(element, "Description"),
                code_guids=tuple(members),
            )
        )
    return Codebook(codes, tuple(sets), root.get("origin", ""))


class _Guids:
    """Every GUID seen so far, with what it belongs to, refusing duplicates."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}

    def add(self, element: Element, kind: str) -> str:
        label = f"{kind} '{element.get('name')}'" if element.get("name") else f"a {kind}"
        guid = _guid(element.get("guid"), label[0].upper() + label[1:])
        if guid in self.kinds:
            raise RefiError(f"The GUID {guid} is used twice (by a {self.kinds[guid]} and {label}).")
        self.kinds[guid] = kind
        return guid


class _ProjectReader:
    def __init__(self, container: Container, misplaced_ok: bool = False) -> None:
        self.container = container
        self.misplaced_ok = misplaced_ok
        self.guids = _Guids()
        self.dropped: set[str] = set()
        self.skipped: Counter[str] = Counter()
        self.warnings: list[str] = []
        self.note_refs: list[tuple[str, str]] = []

    def imported(self, root: Element) -> ImportedProject:
        self.base_path = root.get("basePath", "")
        users = tuple(
            User(self.guids.add(e, "user"), e.get("name", ""), e.get("id", ""))
            for e in _children(_child(root, "Users"), "User")
        )
        codebook = _child(_child(root, "CodeBook"), "Codes")
        codes = tuple(_code(e, self.guids, 1, self.note_refs) for e in _children(codebook, "Code"))
        self.code_guids = {g for g, kind in self.guids.kinds.items() if kind == "code"}
        variables = self._variables(_child(root, "Variables"))
        self.variable_types = {variable.guid: variable.type for variable in variables}
        case_elements = _children(_child(root, "Cases"), "Case")
        case_guids = [self.guids.add(e, "case") for e in case_elements]
        sources = self._sources(_child(root, "Sources"))
        notes = tuple(self._note(e) for e in _children(_child(root, "Notes"), "Note"))
        cases = tuple(self._case(e, g) for e, g in zip(case_elements, case_guids, strict=True))
        sets = tuple(self._set(e) for e in _children(_child(root, "Sets"), "Set"))
        for kind, label in (("Links", "link"), ("Graphs", "graph")):
            container = _child(root, kind)
            count = len(container) if container is not None else 0
            if count:
                self.skipped[label] += count
        project_notes = tuple(self._note_ref(e, "The project") for e in _children(root, "NoteRef"))
        self._check_note_refs({note.guid for note in notes})
        project = Project(
            name=root.get("name") or "Imported project",
            origin=root.get("origin", ""),
            description=_text(root, "Description"),
            user_guid=_optional_guid(root.get("creatingUserGUID")),
            created=_datetime(root.get("creationDateTime")),
            users=users,
            codes=codes,
            variables=variables,
            cases=cases,
            sources=sources,
            notes=notes,
            sets=sets,
            note_guids=project_notes,
        )
        return ImportedProject(project, tuple(self.warnings + self._skipped_warnings()))

    def _skipped_warnings(self) -> list[str]:
        warnings = []
        for label, count in sorted(self.skipped.items()):
            plural = "" if count == 1 else "s"
            warnings.append(
                f"{count} {label}{plural} could not be carried across and were left out."
            )
        return warnings

    def _variables(self, element: Element | None) -> tuple[Variable, ...]:
        variables = []
        for e in _children(element, "Variable"):
            guid = self.guids.add(e, "variable")
            kind = e.get("typeOfVariable", "")
            if kind not in VARIABLE_TYPES:
                self.dropped.add(guid)
                self.warnings.append(
                    f"The variable '{e.get('name', '')}' has a type Thrive does not know "
                    f"({kind[:40] or 'none'}) and was left out."
                )
                continue
            variables.append(Variable(guid, e.get("name", ""), kind, _text(e, "Description")))
        return tuple(variables)

    def _values(self, element: Element, owner: str) -> tuple[VariableValue, ...]:
        values = []
        for e in _children(element, "VariableValue"):
            ref = _child(e, "VariableRef")
            target = _guid(ref.get("targetGUID") if ref is not None else None, "A variable value")
            if target in self.dropped:
                continue
            if target not in self.variable_types:
                raise RefiError(f"{owner} has a value for a variable that is not in the project.")
            value = _variable_value(e)
            if value is None:
                self.warnings.append(f"{owner} has an unreadable variable value, left out.")
                continue
            values.append(VariableValue(target, value))
        return tuple(values)

    def _case(self, e: Element, guid: str) -> Case:
        owner = f"The case '{e.get('name', '')}'"
        return Case(
            guid=guid,
            name=e.get("name", ""),
            description=_text(e, "Description"),
            code_guids=self._refs(e, "CodeRef", "code", owner),
            values=self._values(e, owner),
            source_guids=self._refs(e, "SourceRef", "source", owner),
            selection_guids=self._refs(e, "SelectionRef", "selection", owner),
        )

    def _set(self, e: Element) -> Set:
        guid = self.guids.add(e, "set")
        owner = f"The set '{e.get('name', '')}'"
        return Set(
            guid=guid,
            name=e.get("name", ""),
            description=_text(e, "Description"),
            code_guids=self._refs(e, "MemberCode", "code", owner),
            source_guids=self._refs(e, "MemberSource", "source", owner),
            note_guids=self._refs(e, "MemberNote", "note", owner),
        )

    def _refs(self, e: Element, tag: str, kind: str, owner: str) -> tuple[str, ...]:
        refs = []
        for ref in _children(e, tag):
            target = _guid(ref.get("targetGUID"), f"{owner} has a reference that")
            if target in self.dropped:
                continue
            if self.guids.kinds.get(target) != kind:
                raise RefiError(f"{owner} refers to a {kind} that is not in the project.")
            refs.append(target)
        return tuple(refs)

    def _note_ref(self, ref: Element, owner: str) -> str:
        target = _guid(ref.get("targetGUID"), f"{owner} has a note reference that")
        self.note_refs.append((target, owner))
        return target

    def _check_note_refs(self, notes: set[str]) -> None:
        for target, owner in self.note_refs:
            if target not in notes:
                raise RefiError(f"{owner} refers to a note that is not in the project.")

    def _sources(self, element: Element | None) -> tuple[TextSource, ...]:
        sources = []
        for e in list(element) if element is not None else []:
            kind = _local(e.tag)
            if kind == "TextSource":
                sources.append(self._text_source(e))
            elif kind == "AudioSource" and _children(e, "Transcript"):
                sources.append(self._audio_source(e))
            elif kind in _OTHER_SOURCES:
                self.guids.add(e, "source")
                self.skipped[f"{_OTHER_SOURCES[kind]} source"] += 1
                self._drop_inside(e)
                self.dropped.add(_guid(e.get("guid"), "A source"))
        return tuple(sources)

    def _drop_inside(self, e: Element) -> None:
        """Register and drop the GUIDs inside an element Thrive leaves out."""
        for inner in e.iter():
            if inner is not e and inner.get("guid"):
                self.dropped.add(self.guids.add(inner, "part of a non-text source"))

    def _text_source(self, e: Element) -> TextSource:
        guid = self.guids.add(e, "source")
        name = e.get("name") or guid
        owner = f"The source '{name}'"
        source = self._source_text(e, owner)
        raw = [self._raw_selection(s, owner) for s in _children(e, "PlainTextSelection")]
        selections, convention, _ = self._placed(source, raw, owner)
        if e.get("richTextPath"):
            self.skipped["rich-text formatting version"] += 1
        return TextSource(
            guid=guid,
            name=name,
            text=source.canonical,
            description=_text(e, "Description"),
            user_guid=_optional_guid(e.get("creatingUser")),
            created=_datetime(e.get("creationDateTime")),
            selections=tuple(selections),
            codings=tuple(self._coding(c, owner) for c in _children(e, "Coding")),
            note_guids=tuple(self._note_ref(r, owner) for r in _children(e, "NoteRef")),
            values=self._values(e, owner),
            offset_convention=convention.name,
        )

    def _audio_source(self, e: Element) -> TextSource:
        """A recording with its (first) transcript, as a text source carrying its audio."""
        guid = self.guids.add(e, "source")
        transcript, *others = _children(e, "Transcript")
        name = transcript.get("name") or _without_suffix(e.get("name", "")) or guid
        owner = f"The source '{name}'"
        transcript_guid = self.guids.add(transcript, "transcript")
        source = self._source_text(transcript, owner)
        points = self._sync_points(transcript, owner)
        found = [
            self._transcript_selection(s, points, owner)
            for s in _children(transcript, "TranscriptSelection")
        ]
        raw = [selection for selection in found if selection is not None]
        selections, convention, offsets = self._placed(source, raw, owner)
        for other in [*others, *_children(e, "AudioSelection")]:
            label = "coding of a stretch of audio" if _local(other.tag) != "Transcript" else ""
            self.skipped[label or "further transcript of a recording"] += 1
            self.dropped.add(self.guids.add(other, "part of a non-text source"))
            self._drop_inside(other)
        if transcript.get("richTextPath"):
            self.skipped["rich-text formatting version"] += 1
        canonical = [
            (at, time_ms)
            for position, time_ms in points.values()
            if position is not None
            and time_ms is not None
            and (at := offsets.position(position)) is not None
        ]
        return TextSource(
            guid=guid,
            name=name,
            text=source.canonical,
            description=_text(e, "Description"),
            user_guid=_optional_guid(e.get("creatingUser") or transcript.get("creatingUser")),
            created=_datetime(e.get("creationDateTime") or transcript.get("creationDateTime")),
            selections=tuple(selections),
            codings=tuple(self._coding(c, owner) for c in _children(e, "Coding")),
            note_guids=tuple(
                self._note_ref(r, owner)
                for r in [*_children(e, "NoteRef"), *_children(transcript, "NoteRef")]
            ),
            values=self._values(e, owner),
            offset_convention=convention.name,
            audio=Audio(
                transcript_guid,
                _suffix(e.get("path") or e.get("name") or ""),
                self._audio_data(e, name),
                _segments(source.canonical, canonical),
            ),
        )

    def _sync_points(
        self, transcript: Element, owner: str
    ) -> dict[str, tuple[int | None, int | None]]:
        """Sync points by GUID: (position as the file counts, time in ms), either maybe None."""
        points = {}
        for e in _children(transcript, "SyncPoint"):
            guid = self.guids.add(e, "sync point")
            place = e.get("position")
            position = _integer(place, f"A sync point in {owner[4:]}") if place else None
            stamp = e.get("timeStamp")
            time_ms = _integer(stamp, f"A sync point in {owner[4:]}") if stamp else None
            if time_ms is not None and time_ms > MAX_TIME_MS:
                raise RefiError(
                    f"A sync point in {owner[4:]} is timed more than 24 days into its recording."
                )
            points[guid] = (position, time_ms)
        return points

    def _transcript_selection(
        self, e: Element, points: dict[str, tuple[int | None, int | None]], owner: str
    ) -> tuple[Element, int, int, str] | None:
        """(element, start, end, name) of a coded passage from the positions of the sync points
        it runs between, or None (left out, with its GUIDs) when it lacks one."""
        bounds = []
        for attribute in ("fromSyncPoint", "toSyncPoint"):
            value = e.get(attribute)
            point = points.get(_guid(value, f"A passage in {owner[4:]}")) if value else None
            if value and point is None:
                raise RefiError(
                    f"A passage in {owner[4:]} refers to a sync point its transcript does not have."
                )
            if point is None or point[0] is None:
                self.skipped["coded passage without a start and end in its transcript"] += 1
                self.dropped.add(self.guids.add(e, "part of a non-text source"))
                self._drop_inside(e)
                return None
            bounds.append(point[0])
        return e, bounds[0], bounds[1], e.get("name", "")

    def _audio_data(self, e: Element, name: str) -> bytes | None:
        """The audio file's bytes, or None with a warning when the archive cannot give them."""
        path = e.get("path") or ""
        scheme, _, rest = path.partition("://")
        without = f"so the transcript “{name}” was imported with its times but without its audio"
        if scheme != "internal":
            where = "is kept outside the project file" if scheme else "is not named"
            self.warnings.append(f"The recording {where}, {without}.")
            return None
        if not is_audio(rest):
            self.warnings.append(f"The recording is in a format Thrive cannot play, {without}.")
            return None
        info = None
        for candidate in (f"sources/{rest.lstrip('/')}", rest.lstrip("/")):
            info = info or self.container.find(self.container.folder + candidate)
        if info is None:
            self.warnings.append(f"The recording is missing from the project file, {without}.")
            return None
        try:
            return self.container.read(info)
        except RefiError:
            self.warnings.append(f"The recording is damaged in the project file, {without}.")
            return None

    def _placed(
        self,
        source: SourceText,
        raw: list[tuple[Element, int, int, str]],
        owner: str,
    ) -> tuple[list[Selection], Convention, OffsetMap]:
        """Selections at their canonical positions, under the convention the file used."""
        convention = detected_convention(source, [(start, end, n) for _, start, end, n in raw])
        offsets = OffsetMap(source, convention)
        spans = []
        for _, start, end, _ in raw:
            span = offsets.span(start, end)
            if span is None:
                raise RefiError(
                    f"A selection in {owner[4:]} ({start}-{end}) lies outside its text."
                )
            spans.append(span)
        named = [(a, b, n) for (a, b), (_, _, _, n) in zip(spans, raw, strict=True)]
        disagreeing = disagreements(source.canonical, named)
        if disagreeing:
            found = (
                f"In the {owner[4:]}, {disagreeing} of {len(raw)} selections quote words found "
                "elsewhere in the text, not at their positions"
            )
            if not self.misplaced_ok:
                raise RefiError(
                    f"{found}, so their passages would land on the wrong words; nothing was "
                    "imported."
                )
            self.warnings.append(f"{found}; they were imported where the positions say.")
        selections = [
            self._selection(element, span, quoted, owner)
            for (element, _, _, quoted), span in zip(raw, spans, strict=True)
        ]
        return selections, convention, offsets

    def _raw_selection(self, e: Element, owner: str) -> tuple[Element, int, int, str]:
        start = _integer(e.get("startPosition"), f"A selection in {owner[4:]}")
        end = _integer(e.get("endPosition"), f"A selection in {owner[4:]}")
        return e, start, end, e.get("name", "")

    def _selection(self, e: Element, span: tuple[int, int], name: str, owner: str) -> Selection:
        return Selection(
            guid=self.guids.add(e, "selection"),
            start=span[0],
            end=span[1],
            name=name,
            description=_text(e, "Description"),
            user_guid=_optional_guid(e.get("creatingUser")),
            created=_datetime(e.get("creationDateTime")),
            codings=tuple(self._coding(c, owner) for c in _children(e, "Coding")),
            note_guids=tuple(self._note_ref(r, owner) for r in _children(e, "NoteRef")),
        )

    def _coding(self, e: Element, owner: str) -> Coding:
        guid = self.guids.add(e, "coding")
        ref = _child(e, "CodeRef")
        target = _guid(
            ref.get("targetGUID") if ref is not None else None, f"A coding in {owner[4:]}"
        )
        if target not in self.code_guids:
            raise RefiError(
                f"A coding in {owner[4:]} refers to a code that is not in the codebook."
            )
        return Coding(
            guid=guid,
            code_guid=target,
            user_guid=_optional_guid(e.get("creatingUser")),
            created=_datetime(e.get("creationDateTime")),
            note_guids=tuple(self._note_ref(r, owner) for r in _children(e, "NoteRef")),
        )

    def _note(self, e: Element) -> Note:
        guid = self.guids.add(e, "note")
        owner = f"The note '{e.get('name') or guid}'"
        if _children(e, "PlainTextSelection") or _children(e, "Coding"):
            self.skipped["coding inside a note"] += 1
        text = _text(e, "PlainTextContent")
        if not text and e.get("plainTextPath"):
            text = self._source_text(e, owner).canonical
        return Note(
            guid=guid,
            name=e.get("name", ""),
            text=text.replace("\r\n", "\n").replace("\r", "\n"),
            description=_text(e, "Description"),
            user_guid=_optional_guid(e.get("creatingUser")),
            created=_datetime(e.get("creationDateTime")),
        )

    def _source_text(self, e: Element, owner: str) -> SourceText:
        path = e.get("plainTextPath")
        if not path:
            content = _child(e, "PlainTextContent")
            if content is None:
                raise RefiError(f"{owner} has no plain-text version to import.")
            return SourceText(content.text or "")
        data = self.container.read(self._member(path, owner))
        try:
            return decoded_source(data)
        except UnicodeError:
            raise RefiError(f"{owner} is not readable text in any known encoding.") from None

    def _member(self, path: str, owner: str) -> ZipInfo:
        scheme, _, rest = path.partition("://")
        if scheme == "absolute":
            raise RefiError(
                f"{owner} points to a file on the original computer ({path[:80]}), which "
                "cannot be carried across; export the project again with sources embedded."
            )
        if scheme not in ("internal", "relative"):
            raise RefiError(f"{owner} has a source path Thrive does not understand ({path[:80]}).")
        folder = self.container.folder
        candidates = [f"{folder}sources/{rest}", f"{folder}{rest}"]
        for candidate in candidates:
            info = self.container.find(candidate)
            if info is not None:
                return info
        if scheme == "relative":
            raise RefiError(
                f"{owner} is stored outside the project file ({path[:80]}); "
                "export the project again with sources embedded."
            )
        raise RefiError(f"{owner} refers to {rest[:80]}, which is missing from the project file.")


def _segments(text: str, points: list[tuple[int, int]]) -> tuple[Timed, ...]:
    """Timed segments between consecutive timed sync points (canonical position, ms).

    A stretch that crosses a line end and holds nothing but a speaker label (``P8:``) is the
    gap between two segments, as Thrive lays them out. A segment whose line a speaker label
    opens (before it, or at its own start, which is then left out of its words) is that
    speaker's, and so are the next ones until another label.
    """
    segments = []
    speaker = ""
    for (start, start_ms), (end, end_ms) in pairwise(sorted(set(points))):
        words = text[start:end]
        if "\n" in words and _label_only(words.strip()):
            continue
        first = start + len(words) - len(words.lstrip())
        last = end - (len(words) - len(words.rstrip()))
        line_start = text.rfind("\n", 0, first) + 1
        label = speaker_label(text[line_start:last])
        if label is not None and line_start + label[1] >= first:
            speaker, first = label[0], max(first, line_start + label[1])
        if last > first:
            segments.append(Timed(start_ms, max(end_ms, start_ms), first, last, speaker))
    return tuple(segments)


def _label_only(words: str) -> bool:
    label = speaker_label(words)
    return not words or (label is not None and label[1] >= len(words))


def _suffix(path: str) -> str:
    name = path.rpartition("/")[2]
    return "." + name.rpartition(".")[2].lower() if "." in name else ""


def _without_suffix(name: str) -> str:
    return name.rpartition(".")[0] if is_audio(name) else name


def _code(
    e: Element, guids: _Guids, depth: int, note_refs: list[tuple[str, str]] | None = None
) -> Code:
    if depth > MAX_CODE_DEPTH:
        raise RefiError(f"The codebook nests codes more than {MAX_CODE_DEPTH} levels deep.")
    guid = guids.add(e, "code")
    name = e.get("name", "")
    notes = []
    for ref in _children(e, "NoteRef"):
        target = _guid(ref.get("targetGUID"), f"The code '{name}' has a note reference that")
        notes.append(target)
        if note_refs is not None:
            note_refs.append((target, f"The code '{name}'"))
    color = e.get("color")
    return Code(
        guid=guid,
        name=name,
        is_codable=e.get("isCodable", "true").strip().lower() not in ("false", "0"),
        color=color if color and _COLOR.match(color) else None,
        description=_text(e, "Description"),
        children=tuple(_code(child, guids, depth + 1, note_refs) for child in _children(e, "Code")),
        note_guids=tuple(notes),
    )


def _variable_value(e: Element) -> VariableValueType | None:
    for child in e:
        kind = _local(child.tag)
        raw = (child.text or "").strip()
        try:
            if kind == "TextValue":
                return child.text or ""
            if kind == "BooleanValue" and raw in ("true", "false", "1", "0"):
                return raw in ("true", "1")
            if kind == "IntegerValue":
                return int(raw)
            if kind == "FloatValue":
                value = Decimal(raw)
                return value if value.is_finite() else None
            if kind == "DateValue":
                return date.fromisoformat(raw)
            if kind == "DateTimeValue":
                return datetime.fromisoformat(raw)
        except (ValueError, InvalidOperation):
            return None
    return None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(e: Element | None, name: str) -> list[Element]:
    return [child for child in e if _local(child.tag) == name] if e is not None else []


def _child(e: Element | None, name: str) -> Element | None:
    found = _children(e, name)
    return found[0] if found else None


def _text(e: Element, name: str) -> str:
    child = _child(e, name)
    return (child.text or "") if child is not None else ""


def _guid(value: str | None, owner: str) -> str:
    match = _GUID.match(value.strip()) if value else None
    if match is None:
        shown = f" ({value[:40]})" if value else ""
        raise RefiError(f"{owner} is missing a valid GUID{shown}.")
    return match.group(1).upper()


def _optional_guid(value: str | None) -> str | None:
    match = _GUID.match(value.strip()) if value else None
    return match.group(1).upper() if match else None


def _integer(value: str | None, owner: str) -> int:
    try:
        number = int((value or "").strip())
    except ValueError:
        raise RefiError(f"{owner} has a position that is not a whole number.") from None
    if number < 0 or number > 10**12:
        raise RefiError(f"{owner} has a position outside its text ({number}).")
    return number


def _datetime(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None
