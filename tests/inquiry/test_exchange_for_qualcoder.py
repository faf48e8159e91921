"""Thrive's exports give QualCoder's REFI-QDA import what it needs (see docs/inquiry.md).

Each test is one requirement found by running QualCoder's own importer on Thrive's exports;
CI has no QualCoder, so the exports themselves are checked here.
"""

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema
from defusedxml.ElementTree import fromstring

from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Coding, Inquiry, Participant, Transcript

SCHEMAS = Path(refi.__file__).parent / "schemas"
NS = "{urn:QDA-XML:project:1.0}"
TEXT = "I found the café calm.\nWork gave me a reason to get up, Zoë said.\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def memoed(coordinator):
    """A project with code memos, coding memos (two codings on one passage) and a case."""
    inquiry = Inquiry.objects.create(title="Memos and cases")
    inquiry.team.add(coordinator)
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = Transcript.objects.create(
        inquiry=inquiry, participant=participant, title="P1 interview", text=TEXT
    )
    places = Code.objects.create(inquiry=inquiry, name="Places", memo="Where people feel safe.")
    calm = Code.objects.create(inquiry=inquiry, name="Calm", parent=places, memo="Quiet rooms.")
    purpose = Code.objects.create(inquiry=inquiry, name="Purpose")
    for code, memo in ((calm, "The café, again."), (purpose, "")):
        coding = Coding.objects.create(
            transcript=transcript, code=code, start=2, end=21, quote=TEXT[2:21], coder=coordinator
        )
        if memo:
            coding.set_memo(memo, coordinator)
    return inquiry


def qde(inquiry: Inquiry):
    data = exchange.project_qdpx(inquiry)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("project.qde")
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(xml)
    return fromstring(xml), data


def test_it_dates_and_credits_every_note_to_a_user_in_the_project(memoed):
    root, _ = qde(memoed)
    users = {user.get("guid") for user in root.iter(f"{NS}User")}
    notes = list(root.iter(f"{NS}Note"))
    assert len(notes) == 3  # two code memos and one coding memo
    for note in notes:
        assert note.get("creationDateTime")
        assert note.get("creatingUser") in users


def test_it_writes_every_date_in_utc_with_a_final_z(memoed):
    root, _ = qde(memoed)
    dates = [e.get("creationDateTime") for e in root.iter() if e.get("creationDateTime")]
    assert len(dates) > 5
    assert all(date.endswith("Z") and "+" not in date for date in dates)


def test_it_writes_a_coding_memo_as_the_selection_description_and_as_a_note(memoed):
    root, _ = qde(memoed)
    (selection,) = root.iter(f"{NS}PlainTextSelection")
    assert selection.find(f"{NS}Description").text == "The café, again."
    note_refs = [ref.get("targetGUID") for ref in selection.iter(f"{NS}NoteRef")]
    texts = {n.get("guid"): n.findtext(f"{NS}PlainTextContent") for n in root.iter(f"{NS}Note")}
    assert [texts[guid] for guid in note_refs] == ["The café, again."]


def test_it_points_each_case_at_its_transcripts(memoed):
    root, _ = qde(memoed)
    (case,) = root.iter(f"{NS}Case")
    (source,) = root.iter(f"{NS}TextSource")
    assert [ref.get("targetGUID") for ref in case.iter(f"{NS}SourceRef")] == [source.get("guid")]


def test_it_names_each_selection_with_the_text_at_its_positions(memoed):
    root, data = qde(memoed)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for source in root.iter(f"{NS}TextSource"):
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        for selection in source.iter(f"{NS}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert selection.get("name") == text[start:end]


def test_it_brings_a_memo_back_once_when_the_export_is_imported(memoed, coordinator):
    copy, _, _ = exchange.import_project(exchange.project_qdpx(memoed), user=coordinator)
    memos = sorted(Coding.objects.filter(transcript__inquiry=copy).values_list("memo", flat=True))
    assert memos == ["", "The café, again."]


def test_it_reads_a_coding_memo_written_only_as_a_description(coordinator):
    project = refi.Project(
        name="From QualCoder",
        users=(refi.User("11111111-1111-1111-1111-111111111111", "Ana"),),
        codes=(refi.Code("22222222-2222-2222-2222-222222222222", "Calm"),),
        sources=(
            refi.TextSource(
                "33333333-3333-3333-3333-333333333333",
                "P1",
                TEXT,
                selections=(
                    refi.Selection(
                        "44444444-4444-4444-4444-444444444444",
                        2,
                        21,
                        description="Memo kept by QualCoder.",
                        user_guid="11111111-1111-1111-1111-111111111111",
                        codings=(
                            refi.Coding(
                                "55555555-5555-5555-5555-555555555555",
                                "22222222-2222-2222-2222-222222222222",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project), user=coordinator)
    coding = Coding.objects.get(transcript__inquiry=inquiry)
    assert (coding.memo, coding.external_coder) == ("Memo kept by QualCoder.", "Ana")
