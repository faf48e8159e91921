"""Recorded interviews travel in REFI-QDA as an AudioSource holding their Transcript, with a
SyncPoint at each timed segment's start and end and the audio file in the archive."""

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner
from defusedxml.ElementTree import fromstring
from django.urls import reverse

from tests.inquiry.recorded import WAV, recorded_transcript
from tests.test_expected_access import reads_well
from thrive.audit.models import Action, AuditEvent
from thrive.files.models import StoredFile
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core import refi
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Code, Coding, Inquiry, Recording, Transcript

SCHEMAS = Path(refi.__file__).parent / "schemas"
NS = "{urn:QDA-XML:project:1.0}"
CUES = [
    Cue(0.0, 2.1, "What helped you most?", "Interviewer"),
    Cue(2.5, 5.0, "Being paid for the café shifts, honestly.", "P8"),
    Cue(5.2, 7.4, "And the bus pass.", "P8"),
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_in")]


@pytest.fixture
def recorded(coordinator) -> Transcript:
    """A timed interview with its recording and two codings: one on a whole segment's words,
    one starting and ending inside a segment."""
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews", user=coordinator)
    participant = inquiry.participants.create(label="P8")
    transcript = recorded_transcript(inquiry, "P8 interview", participant, coordinator, cues=CUES)
    paid = Code.objects.create(inquiry=inquiry, name="Paid work")
    travel = Code.objects.create(inquiry=inquiry, name="Travel")
    words = transcript.segments.get(position=1)
    for code, (start, end) in (
        (paid, (words.text_start, words.text_end)),
        (travel, span(transcript.text, "the bus pass")),
    ):
        Coding.objects.create(
            transcript=transcript,
            code=code,
            start=start,
            end=end,
            quote=transcript.text[start:end],
            coder=coordinator,
        )
    return transcript


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def exported(inquiry: Inquiry, **options):
    """The export's archive and its project description, checked against the schema."""
    data = exchange.project_qdpx(inquiry, **options)
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = archive.read("project.qde")
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(xml)
    return data, archive, fromstring(xml)


def segments_of(transcript: Transcript) -> list[tuple]:
    return list(
        transcript.segments.values_list("start_ms", "end_ms", "text_start", "text_end", "speaker")
    )


def codings_of(transcript: Transcript) -> list[tuple]:
    return sorted(transcript.codings.values_list("start", "end", "code__name", "quote"))


def test_it_writes_a_recording_as_an_audio_source_with_its_transcript_and_sync_points(recorded):
    _, archive, root = exported(recorded.inquiry)
    (source,) = root.iter(f"{NS}AudioSource")
    (transcript,) = source.iter(f"{NS}Transcript")
    assert source.get("path") == f"internal://{source.get('guid')}.wav"
    assert source.get("name") == "P8 interview.wav"
    assert archive.read(f"sources/{source.get('guid')}.wav") == WAV.read_bytes()
    text_path = transcript.get("plainTextPath").removeprefix("internal://")
    assert archive.read(f"sources/{text_path}").decode() == recorded.text
    timed = [
        (int(p.get("timeStamp")), int(p.get("position")))
        for p in transcript.iter(f"{NS}SyncPoint")
        if p.get("timeStamp") is not None
    ]
    expected = []
    for segment in recorded.segments.all():
        expected += [(segment.start_ms, segment.text_start), (segment.end_ms, segment.text_end)]
    assert timed == expected
    assert not list(root.iter(f"{NS}TextSource"))
    assert not [w for w in exchange.export_warnings(recorded.inquiry) if "subtitles" in w]


def test_codings_are_transcript_selections_between_sync_points(recorded):
    _, _, root = exported(recorded.inquiry)
    points = {p.get("guid"): p for p in root.iter(f"{NS}SyncPoint")}
    found = []
    for selection in root.iter(f"{NS}TranscriptSelection"):
        start = points[selection.get("fromSyncPoint")]
        end = points[selection.get("toSyncPoint")]
        found.append((int(start.get("position")), int(end.get("position")), end.get("timeStamp")))
    words = recorded.segments.get(position=1)
    inside = span(recorded.text, "the bus pass")
    assert sorted(found) == sorted(
        [(words.text_start, words.text_end, str(words.end_ms)), (*inside, None)]
    )


def test_a_recorded_interview_comes_back_with_its_text_times_codings_and_audio(recorded):
    data, _, _ = exported(recorded.inquiry)
    inquiry, warnings, _ = exchange.import_project(data, user=recorded.added_by)
    back = inquiry.transcripts.get()
    assert back.text == recorded.text
    assert back.title == recorded.title
    assert segments_of(back) == segments_of(recorded)
    assert codings_of(back) == codings_of(recorded)
    stored = back.recording.original
    assert (stored.kind, stored.subject_type, stored.subject_id) == (
        "audio",
        "transcript",
        str(back.pk),
    )
    with stored.file.open("rb") as audio:
        assert audio.read() == WAV.read_bytes()
    assert (back.recording.media_type, back.recording.duration_ms) == ("audio/wav", 7589)
    assert not [w for w in warnings if "audio" in w]


def test_a_second_round_trip_changes_nothing(recorded):
    data, _, _ = exported(recorded.inquiry)
    inquiry, _, _ = exchange.import_project(data, user=recorded.added_by)
    again, archive, _ = exported(inquiry)
    twice, _, _ = exchange.import_project(again, user=recorded.added_by)
    back = twice.transcripts.get()
    assert (back.text, segments_of(back)) == (recorded.text, segments_of(recorded))
    assert codings_of(back) == codings_of(recorded)
    assert [archive.read(n) for n in archive.namelist() if n.endswith(".wav")] == [WAV.read_bytes()]


def test_leaving_audio_out_keeps_the_transcript_and_its_times(recorded):
    data, archive, root = exported(recorded.inquiry, with_audio=False)
    (source,) = root.iter(f"{NS}AudioSource")
    assert source.get("path") == f"relative:///{source.get('guid')}.wav"
    assert root.get("basePath") == "."
    assert not [n for n in archive.namelist() if n.endswith(".wav")]
    assert len(data) < WAV.stat().st_size
    inquiry, warnings, _ = exchange.import_project(data, user=recorded.added_by)
    back = inquiry.transcripts.get()
    assert segments_of(back) == segments_of(recorded)
    assert codings_of(back) == codings_of(recorded)
    assert back.recording.original is None
    assert any("kept outside the project file" in w and "without its audio" in w for w in warnings)


def with_audio(archive: zipfile.ZipFile, audio: bytes | None) -> bytes:
    """The project file again, each .wav in it holding `audio` instead, or left out when None."""
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as out:
        for info in archive.infolist():
            if not info.filename.endswith(".wav"):
                out.writestr(info, archive.read(info))
            elif audio is not None:
                out.writestr(info, audio)
    return rewritten.getvalue()


def test_audio_that_cannot_be_heard_is_a_warning_and_the_transcript_still_comes(recorded):
    _, archive, _ = exported(recorded.inquiry)
    damaged = with_audio(archive, b"RIFF not really audio")
    files_before = StoredFile.objects.count()
    inquiry, warnings, _ = exchange.import_project(damaged, user=recorded.added_by)
    back = inquiry.transcripts.get()
    assert segments_of(back) == segments_of(recorded)
    assert back.recording.original is None
    assert StoredFile.objects.count() == files_before
    assert any("could not be read as audio" in w and "without its audio" in w for w in warnings)


def test_audio_missing_from_the_archive_is_a_warning(recorded):
    _, archive, _ = exported(recorded.inquiry)
    missing = with_audio(archive, None)
    inquiry, warnings, _ = exchange.import_project(missing, user=recorded.added_by)
    assert segments_of(inquiry.transcripts.get()) == segments_of(recorded)
    assert any("missing from the project file" in w for w in warnings)


def test_a_timed_transcript_without_a_recording_stays_a_text_source(coordinator):
    inquiry = Inquiry.objects.create_inquiry("From subtitles", user=coordinator)
    inquiry.add_timed_transcript("P3 from VTT", CUES)
    _, _, root = exported(inquiry)
    assert [s.get("name") for s in root.iter(f"{NS}TextSource")] == ["P3 from VTT"]
    assert not list(root.iter(f"{NS}AudioSource"))
    assert any("WebVTT" in w for w in exchange.export_warnings(inquiry))


def test_the_command_line_export_writes_the_audio_source_or_leaves_the_audio_out(
    recorded, tmp_path
):
    for flags, audio_members in (((), 1), (("--without-audio",), 0)):
        out = tmp_path / f"export{len(flags)}.qdpx"
        result = CliRunner().invoke(
            group,
            ["export", str(recorded.inquiry.pk), "--out", str(out), *flags],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        archive = zipfile.ZipFile(out)
        xml = archive.read("project.qde")
        xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(xml)
        assert len(list(fromstring(xml).iter(f"{NS}SyncPoint"))) >= 6
        assert len([n for n in archive.namelist() if n.endswith(".wav")]) == audio_members
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, detail="REFI-QDA project, command line, audio left out"
    ).exists()
    result = CliRunner().invoke(
        group, ["import", str(tmp_path / "export0.qdpx"), "--title", "Back"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    back = Transcript.objects.get(inquiry__title="Back")
    assert segments_of(back) == segments_of(recorded)
    with back.recording.original.file.open("rb") as audio:
        assert audio.read() == WAV.read_bytes()


def test_the_exchange_page_offers_to_leave_audio_out(recorded, login_as, coordinator):
    client = login_as(coordinator)
    page = client.get(reverse("inquiry:exchange", args=[recorded.inquiry_id])).content.decode()
    assert 'name="without_audio"' in page and "Leave audio out" in page
    reads_well(page)
    url = reverse("inquiry:exchange_qdpx", args=[recorded.inquiry_id])
    with_audio = zipfile.ZipFile(io.BytesIO(client.get(url).content))
    without = zipfile.ZipFile(io.BytesIO(client.get(url, {"without_audio": "1"}).content))
    assert [n for n in with_audio.namelist() if n.endswith(".wav")]
    assert not [n for n in without.namelist() if n.endswith(".wav")]
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, detail="REFI-QDA project, audio left out"
    ).exists()


def test_the_exchange_page_says_nothing_of_audio_when_there_is_none(login_as, coordinator):
    inquiry = Inquiry.objects.create_inquiry("Typed up", user=coordinator)
    inquiry.add_transcript("P1", "P1: Fine, thanks.\n")
    page = login_as(coordinator).get(reverse("inquiry:exchange", args=[inquiry.pk]))
    assert "without_audio" not in page.content.decode()


def test_it_gives_qualcoders_importer_what_it_needs_for_a_recording(recorded):
    """QualCoder files the audio under the source's name, builds an external file's path as
    basePath + path, and reads the Transcript's name and creation date without checking them
    (docs/inquiry.md, "Checked with QualCoder's own importer")."""
    for options in ({}, {"with_audio": False}):
        _, _, root = exported(recorded.inquiry, **options)
        (source,) = root.iter(f"{NS}AudioSource")
        (transcript,) = source.iter(f"{NS}Transcript")
        assert source.get("name").endswith(".wav")
        assert transcript.get("name") == "P8 interview"
        assert transcript.get("creationDateTime", "").endswith("Z")
        if source.get("path").startswith("relative://"):
            assert root.get("basePath") is not None


def test_a_withdrawn_participants_recording_is_not_exported(recorded):
    recorded.participant.withdraw()
    _, archive, root = exported(recorded.inquiry)
    assert not list(root.iter(f"{NS}AudioSource"))
    assert not list(root.iter(f"{NS}SyncPoint"))
    assert not [n for n in archive.namelist() if n.endswith(".wav")]


def test_a_refused_import_leaves_no_audio_file_behind(recorded, storage_in):
    project = exchange.project_for(recorded.inquiry)
    nameless_theme = refi.Set("00000000-AAAA-4BBB-8CCC-DDDDDDDDDDDD", "Thrive: theme: \u202e")
    data = refi.qdpx_bytes(replace(project, sets=(*project.sets, nameless_theme)))
    files_before = sorted(storage_in.rglob("*"))
    rows_before = (
        StoredFile.objects.count(),
        Recording.objects.count(),
        Transcript.objects.count(),
    )
    with pytest.raises(refi.RefiError, match="Nothing was imported"):
        exchange.import_project(data, user=recorded.added_by)
    assert sorted(storage_in.rglob("*")) == files_before
    assert (
        StoredFile.objects.count(),
        Recording.objects.count(),
        Transcript.objects.count(),
    ) == rows_before
