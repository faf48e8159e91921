"""`thrive inquiry import` of a bare .qde, `import-codebook` and `code`: scripted work."""

import io
import zipfile

import pytest
from click.testing import CliRunner

from tests.inquiry.test_exchange_fidelity import project
from thrive.audit.models import AuditEvent
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Coding, Inquiry

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def unpacked(tmp_path, sources_folder: str = "Sources"):
    """The project as NVivo writes it when asked for the XML alone: a .qde and a folder."""
    archive = zipfile.ZipFile(io.BytesIO(refi.qdpx_bytes(project())))
    folder = tmp_path / sources_folder
    folder.mkdir()
    for info in archive.infolist():
        if info.filename.startswith("sources/"):
            (folder / info.filename.removeprefix("sources/")).write_bytes(archive.read(info))
    qde = tmp_path / "From NVivo.qde"
    qde.write_bytes(archive.read("project.qde"))
    return qde


def test_it_imports_a_bare_qde_with_its_sources_folder_beside_it(tmp_path):
    result = run("import", unpacked(tmp_path))
    assert result.exit_code == 0, result.output
    inquiry = Inquiry.objects.get(pk=int(result.output.splitlines()[0]))
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 4


def test_it_says_what_is_missing_when_a_bare_qde_has_no_sources_folder(tmp_path):
    qde = unpacked(tmp_path, sources_folder="elsewhere")
    before = Inquiry.objects.count()
    result = run("import", qde)
    assert result.exit_code == 1
    assert "needs the Sources folder the other tool wrote beside it" in result.output
    assert Inquiry.objects.count() == before


def test_it_explains_a_bare_qde_uploaded_as_a_project_file():
    qde = zipfile.ZipFile(io.BytesIO(refi.qdpx_bytes(project()))).read("project.qde")
    with pytest.raises(refi.RefiError, match=r"project description \(\.qde\) on its own"):
        refi.read_qdpx(qde)


def test_it_merges_a_codebook_file_into_an_inquiry(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Codes", from_template=False)
    codebook = tmp_path / "codes.qdc"
    codebook.write_bytes(refi.qdc_bytes(refi.Codebook(project().codes)))
    result = run("import-codebook", inquiry.pk, codebook)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "3 codes added, 0 updated."
    assert sorted(inquiry.codes.values_list("name", flat=True)) == ["Belonging", "Welcome", "Work"]
    assert run("import-codebook", inquiry.pk, codebook).output.startswith("0 codes added")


def test_it_refuses_a_project_given_as_a_codebook_in_one_line(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Codes", from_template=False)
    wrong = tmp_path / "project.qdc"
    wrong.write_bytes(refi.qdpx_bytes(project()))
    result = run("import-codebook", inquiry.pk, wrong)
    assert result.exit_code == 1
    assert "whole project (.qdpx), not a codebook" in result.output
    assert not Code.objects.filter(inquiry=inquiry).exists()


def test_it_codes_a_passage_by_transcript_title_and_code_path(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Scripted", from_template=False)
    transcript = inquiry.add_transcript("P1", "P1: The garden helped me.\n")
    Code.objects.create(inquiry=inquiry, name="Places")
    result = run("code", inquiry.pk, "P1", 4, 14, "Places", "--user", coordinator.username)
    assert result.exit_code == 0, result.output
    coding = Coding.objects.get(transcript=transcript)
    assert (coding.quote, coding.coder) == ("The garden", coordinator)
    assert AuditEvent.objects.filter(subject_type="coding", subject_id=str(coding.pk)).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("P9", 0, 2, "Places"), "This inquiry has no transcript P9."),
        (("P1", 0, 2, "Nowhere"), "Nowhere"),
        (("P1", 5, 500, "Places"), "Error:"),
    ],
)
def test_it_refuses_a_passage_it_cannot_code_and_codes_nothing(args, message):
    inquiry = Inquiry.objects.create_inquiry("Scripted", from_template=False)
    inquiry.add_transcript("P1", "P1: The garden helped me.\n")
    Code.objects.create(inquiry=inquiry, name="Places")
    result = run("code", inquiry.pk, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert not Coding.objects.exists()


def test_it_keeps_the_codebook_files_order_of_sibling_codes(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Order", from_template=False)
    codebook = tmp_path / "codes.qdc"
    codebook.write_bytes(refi.qdc_bytes(refi.Codebook(project().codes)))
    assert run("import-codebook", inquiry.pk, codebook).exit_code == 0
    exported = refi.read_qdc(exchange.codebook_qdc(inquiry))
    assert [c.name for c in exported.codes] == ["Work", "Belonging"]
