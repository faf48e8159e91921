"""`thrive inquiry export` and `thrive inquiry import`: REFI-QDA from a shell."""

import io
import json
import zipfile
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from tests.inquiry.hostile_corpus import HOSTILE
from tests.inquiry.test_exchange_import import MINIMAL, row_counts
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core import refi
from thrive.inquiry.models import Coding, Inquiry

SCHEMAS = Path(refi.__file__).parent / "schemas"

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def test_it_exports_a_schema_valid_project(tmp_path, coordinator):
    inquiry = Inquiry.objects.create_inquiry("Exported", user=coordinator)
    inquiry.add_transcript("Interview", "P1: I found my feet again.\n")
    out = tmp_path / "inquiry.qdpx"
    result = run("export", inquiry.pk, "--format", "qdpx", "--out", out)
    assert result.exit_code == 0, result.output
    qde = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("project.qde")
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde)


def test_it_exports_the_codebook_as_qdc(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Codebook")
    out = tmp_path / "codes.qdc"
    assert run("export", inquiry.pk, "--format", "qdc", "--out", out).exit_code == 0
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(out.read_bytes())


def test_it_refuses_an_empty_codebook_in_one_line(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Empty", from_template=False)
    result = run("export", inquiry.pk, "--format", "qdc", "--out", tmp_path / "c.qdc")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: A codebook needs at least one code to be exported."


def test_it_says_plainly_when_the_inquiry_to_export_does_not_exist(tmp_path):
    result = run("export", 999, "--out", tmp_path / "x.qdpx")
    assert result.exit_code == 1 and "There is no inquiry 999" in result.output


def test_it_imports_a_project_and_prints_the_id_warnings_and_conventions(tmp_path):
    path = tmp_path / "minimal.qdpx"
    path.write_bytes(MINIMAL)
    result = run("import", path, "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    inquiry = Inquiry.objects.get(pk=printed["id"])
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 2
    assert list(printed["conventions"].values()) == ["codepoint-crlf2-exclusive"]
    assert printed["transcripts"][0]["imported_offsets"] == "codepoint-crlf2-exclusive"
    assert printed["warnings"]


def test_it_prints_the_id_first_without_json(tmp_path):
    path = tmp_path / "minimal.qdpx"
    path.write_bytes(MINIMAL)
    lines = run("import", path, "--title", "From NVivo").output.splitlines()
    assert Inquiry.objects.get(pk=int(lines[0])).title == "From NVivo"
    assert (
        "In “Interview P01”, positions counted as characters, "
        "as the REFI-QDA standard asks." in lines
    )


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_it_refuses_each_hostile_file_in_one_line_and_changes_nothing(label, tmp_path):
    data, words = HOSTILE[label]
    path = tmp_path / "hostile.qdpx"
    path.write_bytes(data)
    before = row_counts()
    result = run("import", path)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ") and words.lower() in line.lower()
    assert row_counts() == before
