"""REFI-QDA import invents nothing, guesses nothing silently and is safe to repeat."""

import io
import re
import zipfile
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.inquiry.test_formats_reading import docx_bytes
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Coding, Inquiry, Participant, Transcript
from thrive.inquiry.transcript_import import add_transcript_files

pytestmark = pytest.mark.django_db

TEXT = "Interviewer: How was the week?\nP3: The café was calm and I felt welcome there.\n"
OTHER = "Interviewer: And work?\nP3: Work gave me a reason to get up.\n"


def _guid(number: int) -> str:
    return f"{number:08d}-0000-4000-8000-000000000000"


def _selection(number: int, text: str, words: str, code: int) -> refi.Selection:
    start = text.index(words)
    return refi.Selection(
        _guid(number),
        start,
        start + len(words),
        codings=(refi.Coding(_guid(number + 1), _guid(code)),),
    )


def project() -> refi.Project:
    """Two sources with one title (a .txt and a .docx of P3), codes in a non-alphabetical
    order, one code without a colour; the case P3 holds both sources."""
    return refi.Project(
        name="From MAXQDA",
        codes=(
            refi.Code(_guid(1), "Work", color="#AA3300"),
            refi.Code(_guid(2), "Belonging", children=(refi.Code(_guid(3), "Welcome"),)),
        ),
        cases=(refi.Case(_guid(4), "P3", source_guids=(_guid(10), _guid(20))),),
        sources=(
            refi.TextSource(
                _guid(10),
                "P3",
                TEXT,
                selections=(
                    _selection(11, TEXT, "The café was calm", 3),
                    _selection(13, TEXT, "I felt welcome", 3),
                    _selection(15, TEXT, "How was the week", 2),
                ),
            ),
            refi.TextSource(
                _guid(20), "P3", OTHER, selections=(_selection(21, OTHER, "Work gave me", 1),)
            ),
        ),
    )


def shifted(data: bytes, by: int) -> bytes:
    """The same .qdpx with every selection's positions moved `by` characters later."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "project.qde":
                content = re.sub(
                    rb'(startPosition|endPosition)="(\d+)"',
                    lambda m: b'%s="%d"' % (m.group(1), int(m.group(2)) + by),
                    content,
                )
            archive.writestr(info, content)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Inquiry, Code, Participant, Transcript, Coding)
    )


def test_it_refuses_a_project_whose_offsets_are_shifted_and_says_how_many_disagree(coordinator):
    before = counts()
    with pytest.raises(refi.RefiError) as refused:
        exchange.import_project(shifted(refi.qdpx_bytes(project()), 3), user=coordinator)
    assert "In the source 'P3', 3 of 3 selections quote words found elsewhere in the text" in str(
        refused.value
    )
    assert "nothing was imported" in str(refused.value)
    assert counts() == before


def test_it_accepts_selection_names_that_are_labels_rather_than_quotes(coordinator):
    text = "P1: I like the garden.\n"
    labelled = refi.Project(
        name="From NVivo",
        codes=(refi.Code(_guid(1), "Garden"),),
        sources=(
            refi.TextSource(
                _guid(10),
                "P1",
                text,
                selections=(
                    refi.Selection(
                        _guid(11), 4, 22, "Reference 1", codings=(refi.Coding(_guid(12), _guid(1)),)
                    ),
                ),
            ),
        ),
    )
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(labelled), user=coordinator)
    assert Coding.objects.get(transcript__inquiry=inquiry).quote == "I like the garden."


def test_it_imports_the_same_project_twice_into_one_inquiry_changing_nothing(coordinator):
    data = refi.qdpx_bytes(project())
    inquiry, _, _ = exchange.import_project(data, user=coordinator)
    before = counts()
    fields = ("transcript__title", "code__name", "start", "end", "memo", "created_at")
    codings = sorted(Coding.objects.filter(transcript__inquiry=inquiry).values_list(*fields))
    again, _, _ = exchange.import_project(data, user=coordinator, into=inquiry)
    assert again == inquiry
    assert counts() == before
    assert sorted(Coding.objects.filter(transcript__inquiry=inquiry).values_list(*fields)) == (
        codings
    )


def test_it_gives_transcripts_with_one_title_titles_of_their_own(coordinator):
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project()), user=coordinator)
    assert sorted(inquiry.transcripts.values_list("title", flat=True)) == ["P3", "P3 (2)"]
    assert set(inquiry.transcripts.values_list("refi_guid", flat=True)) == {_guid(10), _guid(20)}


def test_it_stores_no_colour_or_valence_the_file_did_not_give(coordinator):
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project()), user=coordinator)
    welcome = Code.objects.get(inquiry=inquiry, name="Welcome")
    assert (welcome.colour, welcome.valence) == ("", "")
    assert welcome.shown_colour.startswith("#")
    assert Code.objects.get(inquiry=inquiry, name="Work").colour == "#aa3300"
    exported = refi.read_qdpx(exchange.project_qdpx(inquiry)).project
    colours = {c.name: c.color for c in refi.model.all_codes(exported.codes)}
    assert colours == {"Work": "#aa3300", "Belonging": None, "Welcome": None}
    assert not [s.name for s in exported.sets if s.name.startswith("Thrive: valence")]


def test_it_keeps_the_order_of_sibling_codes_through_import_and_export(coordinator):
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project()), user=coordinator)
    exported = refi.read_qdpx(exchange.project_qdpx(inquiry)).project
    assert [c.name for c in exported.codes] == ["Work", "Belonging"]
    assert [c.name for c in exported.codes[1].children] == ["Welcome"]


def test_it_names_an_uploaded_transcript_after_its_format_when_the_title_is_taken(coordinator):
    inquiry = Inquiry.objects.create(title="Uploads")
    added = add_transcript_files(
        inquiry,
        [("P3.txt", TEXT.encode()), ("P3.docx", docx_bytes(["P3: The same interview."]))],
        user=coordinator,
    )
    assert [t.title for t in added] == ["P3", "P3 (Word)"]
    [third] = add_transcript_files(inquiry, [("P3.docx", docx_bytes(["Again."]))])
    assert third.title == "P3 (2)"


def test_it_keeps_who_made_a_source_and_when_and_writes_them_back(coordinator):
    made = datetime(2024, 5, 2, 14, 30, tzinfo=UTC)
    base = project()
    first = base.sources[0]
    dated = refi.Project(
        name=base.name,
        users=(refi.User(_guid(90), "Ana Lima"),),
        codes=base.codes,
        sources=(
            refi.TextSource(
                first.guid,
                first.name,
                first.text,
                user_guid=_guid(90),
                created=made,
                selections=first.selections,
            ),
        ),
    )
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(dated), user=coordinator)
    transcript = inquiry.transcripts.get()
    assert (transcript.imported_author, transcript.created_at) == ("Ana Lima", made)
    exported = refi.read_qdpx(exchange.project_qdpx(inquiry)).project
    users = {user.guid: user.name for user in exported.users}
    (source,) = exported.sources
    assert (users[source.user_guid], source.created) == ("Ana Lima", made)


def test_it_imports_misplaced_selections_only_when_asked_and_says_how_many(coordinator):
    data = shifted(refi.qdpx_bytes(project()), 3)
    inquiry, warnings, _ = exchange.import_project(data, user=coordinator, misplaced_ok=True)
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 4
    assert (
        "In the source 'P3', 3 of 3 selections quote words found elsewhere in the text, not at "
        "their positions; they were imported where the positions say." in warnings
    )


def test_the_import_page_refuses_misplaced_selections_unless_ticked(login_as, worker):
    data = shifted(refi.qdpx_bytes(project()), 3)
    client = login_as(worker)
    address = reverse("inquiry:project_import")
    refused = client.post(address, {"file": SimpleUploadedFile("p.qdpx", data)})
    assert refused.status_code == 200
    assert "3 of 3 selections quote words found elsewhere" in refused.content.decode()
    assert not Inquiry.objects.exists()
    ticked = {"file": SimpleUploadedFile("p.qdpx", data), "misplaced_ok": "on"}
    assert client.post(address, ticked).status_code == 302
    assert Coding.objects.count() == 4


def test_the_command_imports_misplaced_selections_only_when_asked(tmp_path):
    path = tmp_path / "shifted.qdpx"
    path.write_bytes(shifted(refi.qdpx_bytes(project()), 3))
    refused = CliRunner().invoke(group, ["import", str(path)])
    assert refused.exit_code == 1 and "3 of 3 selections" in refused.output
    accepted = CliRunner().invoke(group, ["import", str(path), "--accept-misplaced"])
    assert accepted.exit_code == 0, accepted.output
    assert "they were imported where the positions say" in accepted.output


def test_it_adds_a_changed_transcript_beside_the_one_with_its_guid_and_says_so(coordinator):
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project()), user=coordinator)
    changed = refi.qdpx_bytes(
        refi.Project(
            name="Edited elsewhere",
            sources=(refi.TextSource(_guid(20), "P3", OTHER + "P3: And one more thing.\n"),),
        )
    )
    _, warnings, _ = exchange.import_project(changed, user=coordinator, into=inquiry)
    assert sorted(inquiry.transcripts.values_list("title", flat=True)) == [
        "P3",
        "P3 (2)",
        "P3 (3)",
    ]
    assert (
        "The transcript “P3 (2)” here has the identity of “P3” in the file but a different "
        "text, so the file's version was added as “P3 (3)”." in warnings
    )
