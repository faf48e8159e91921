"""Every ZIP-based upload is judged by its directory first: bombs refused, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.hostile.bombs import docx_bomb, odt_bomb, qdpx_bomb, xlsx_bomb
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.codebook_files import CodebookError, read_codebook
from thrive.inquiry.core import refi
from thrive.inquiry.core.formats import TranscriptError, transcript_text
from thrive.inquiry.models import Code, Inquiry, Transcript
from thrive.journeys.models import Person
from thrive.journeys.people_import import ImportProblem, import_file

pytestmark = pytest.mark.django_db

# Small enough that, before the fix, the parsers unpacked them quickly and said something
# else; big enough to be over every limit.
BOMB_MB = 150


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def test_it_refuses_a_spreadsheet_bomb_in_the_people_import_and_writes_nothing(worker):
    with pytest.raises(ImportProblem) as error:
        import_file("people", "people.xlsx", xlsx_bomb(BOMB_MB), dry_run=False)
    assert "unpacks to more than 60 MB" in one_line(error)
    assert not Person.objects.exists()


def test_it_refuses_a_two_megabyte_spreadsheet_bomb_on_the_import_page(login_as, coordinator):
    bomb = xlsx_bomb(1900)
    assert len(bomb) < 2 * 1024 * 1024
    response = login_as(coordinator).post(
        reverse("journeys:import_records"),
        {"kind": "people", "file": SimpleUploadedFile("people.xlsx", bomb), "action": "import"},
    )
    assert response.status_code == 400
    assert "The spreadsheet holds a part that unpacks to more than 60 MB" in (
        response.content.decode()
    )
    assert not Person.objects.exists()


def test_it_refuses_a_spreadsheet_bomb_as_a_codebook():
    with pytest.raises(CodebookError) as error:
        read_codebook("codes.xlsx", xlsx_bomb(BOMB_MB))
    assert one_line(error).startswith("codes.xlsx holds a part that unpacks to more than 60 MB")


def test_it_refuses_a_codebook_bomb_on_the_codebook_page(login_as, co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Codes", from_template=False)
    inquiry.team.add(co_researcher)
    response = login_as(co_researcher).post(
        reverse("inquiry:codebook_import", args=[inquiry.pk]),
        {"file": SimpleUploadedFile("codes.xlsx", xlsx_bomb(1900))},
    )
    assert "unpacks to more than 60 MB" in response.content.decode()
    assert not Code.objects.filter(inquiry=inquiry).exists()


@pytest.mark.parametrize(("name", "bomb"), [("talk.docx", docx_bomb), ("talk.odt", odt_bomb)])
def test_it_refuses_a_transcript_document_bomb(name, bomb):
    with pytest.raises(TranscriptError) as error:
        transcript_text(name, bomb(BOMB_MB))
    assert one_line(error) == f"{name} unpacks to more than 100 MB and was refused."


def test_it_refuses_a_project_bomb():
    with pytest.raises(refi.RefiError) as error:
        refi.read_qdpx(qdpx_bomb(300))
    assert "more than 200 MB" in one_line(error)


def test_it_imports_its_own_export_of_a_large_highly_compressible_transcript(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Long", from_template=False)
    line = "Interviewer: And then?\nP1: Then I went back to the café group again.\n"
    inquiry.add_transcript("Long interview", line * (2 * 1024 * 1024 // len(line)))
    data = exchange.project_qdpx(inquiry)
    assert len(data) < 100 * 1024
    imported, _, _ = exchange.import_project(data, user=coordinator)
    copy = Transcript.objects.get(inquiry=imported)
    assert copy.text == Transcript.objects.get(inquiry=inquiry).text
