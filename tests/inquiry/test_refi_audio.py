"""Reading recorded interviews from REFI-QDA: an AudioSource's Transcript, its SyncPoints and
TranscriptSelections, the way other tools write them (plain data, no database)."""

import io
import zipfile

import pytest

from thrive.inquiry.core import refi
from thrive.inquiry.core.refi import RefiError, Timed

TEXT = "Interviewer: How was it?\r\nP4: Calmer now 😊 than before.\r\n"
AUDIO = b"ID3 pretend mp3 bytes"
G = "{:08X}-AAAA-4BBB-8CCC-DDDDDDDDDDDD".format


def at(words: str) -> int:
    """A position as a tool counting code points and CRLF as two writes it."""
    return TEXT.index(words)


def project(
    transcript_inner: str | None, audio_inner: str = "", path: str = "internal://"
) -> bytes:
    """A .qdpx with one code and one recorded interview, written by hand like another tool."""
    transcript = (
        f"""
   <Transcript guid="{G(3)}" name="P4 transcript" plainTextPath="internal://{G(3)}.txt">
    {transcript_inner}
   </Transcript>"""
        if transcript_inner is not None
        else ""
    )
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From another tool" origin="Elsewhere 2.0">
 <CodeBook><Codes><Code guid="{G(1)}" name="Feeling better" isCodable="true"/></Codes></CodeBook>
 <Sources>
  <AudioSource guid="{G(2)}" name="P4.mp3" path="{path}{G(2)}.mp3">{transcript}
   {audio_inner}
  </AudioSource>
 </Sources>
</Project>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{G(3)}.txt", TEXT.encode("utf-8"))
        archive.writestr(f"sources/{G(2)}.mp3", AUDIO)
    return buffer.getvalue()


LINE_POINTS = f"""
    <SyncPoint guid="{G(10)}" position="0" timeStamp="0"/>
    <SyncPoint guid="{G(11)}" position="{at("P4:")}" timeStamp="2400"/>
    <SyncPoint guid="{G(12)}" position="{len(TEXT)}" timeStamp="6100"/>
    <SyncPoint guid="{G(13)}" position="{at("Calmer")}"/>
    <SyncPoint guid="{G(14)}" position="{at(" than")}"/>"""


def test_it_reads_the_text_the_times_between_sync_points_and_the_audio():
    selection = f"""
    <TranscriptSelection guid="{G(20)}" name="Calmer now 😊" fromSyncPoint="{G(13)}"
        toSyncPoint="{G(14)}">
     <Coding guid="{G(21)}"><CodeRef targetGUID="{G(1)}"/></Coding>
    </TranscriptSelection>"""
    (source,) = refi.read_qdpx(project(LINE_POINTS + selection)).project.sources
    text = "Interviewer: How was it?\nP4: Calmer now 😊 than before.\n"
    assert (source.guid, source.name, source.text) == (G(2), "P4 transcript", text)
    (passage,) = source.selections
    assert text[passage.start : passage.end] == "Calmer now 😊"
    assert [c.code_guid for c in passage.codings] == [G(1)]
    assert source.audio is not None
    assert (source.audio.transcript_guid, source.audio.suffix) == (G(3), ".mp3")
    assert source.audio.data == AUDIO
    assert source.audio.segments == (
        Timed(0, 2400, text.index("How"), text.index("?") + 1, "Interviewer"),
        Timed(2400, 6100, text.index("Calmer"), len(text) - 1, "P4"),
    )


def test_a_passage_from_a_sync_point_the_transcript_lacks_is_refused():
    selection = f"""
    <TranscriptSelection guid="{G(20)}" fromSyncPoint="{G(13)}" toSyncPoint="{G(99)}">
     <Coding guid="{G(21)}"><CodeRef targetGUID="{G(1)}"/></Coding>
    </TranscriptSelection>"""
    with pytest.raises(RefiError, match="refers to a sync point its transcript does not have"):
        refi.read_qdpx(project(LINE_POINTS + selection))


def test_codings_of_audio_alone_and_passages_without_sync_points_are_left_out_with_warnings():
    selection = f"""
    <TranscriptSelection guid="{G(20)}" fromSyncPoint="{G(13)}">
     <Coding guid="{G(21)}"><CodeRef targetGUID="{G(1)}"/></Coding>
    </TranscriptSelection>"""
    audio_only = f"""<AudioSelection guid="{G(30)}" begin="100" end="900">
     <Coding guid="{G(31)}"><CodeRef targetGUID="{G(1)}"/></Coding></AudioSelection>"""
    imported = refi.read_qdpx(project(LINE_POINTS + selection, audio_only))
    (source,) = imported.project.sources
    assert source.selections == ()
    assert "1 coding of a stretch of audio could not be carried across" in " ".join(
        imported.warnings
    )
    assert any("coded passage without a start and end" in w for w in imported.warnings)


def test_audio_kept_outside_the_project_is_a_warning_and_the_times_still_come():
    imported = refi.read_qdpx(project(LINE_POINTS, path="relative:///"))
    (source,) = imported.project.sources
    assert source.audio is not None and source.audio.data is None
    assert len(source.audio.segments) == 2
    assert imported.warnings == (
        "The recording is kept outside the project file, so the transcript “P4 transcript” "
        "was imported with its times but without its audio.",
    )


def test_an_audio_source_without_a_transcript_is_still_left_out_with_a_warning():
    imported = refi.read_qdpx(project(None))
    assert imported.project.sources == ()
    assert "1 audio source could not be carried across and were left out." in imported.warnings


def test_a_time_beyond_what_a_segment_can_hold_is_refused_in_one_sentence():
    late = f'<SyncPoint guid="{G(15)}" position="3" timeStamp="{2**31}"/>'
    with pytest.raises(RefiError, match="timed more than 24 days into its recording"):
        refi.read_qdpx(project(LINE_POINTS + late))
