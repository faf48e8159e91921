"""REFI-QDA projects, generated and mutated: a project or one RefiError, never anything else."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import examples
from tests.hostile.strategies import TEXT, ZIPS, mutated, one_line, zipped
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Inquiry, Transcript

MINIMAL = (Path(__file__).parents[1] / "inquiry" / "data" / "minimal_project.qdpx").read_bytes()
MEMBERS = {
    i.filename: zipfile.ZipFile(io.BytesIO(MINIMAL)).read(i)
    for i in zipfile.ZipFile(io.BytesIO(MINIMAL)).infolist()
}
QDE_NAME = next(name for name in MEMBERS if name.endswith(".qde"))
QDE = MEMBERS[QDE_NAME].decode("utf-8")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def read(data: bytes) -> None:
    try:
        refi.read_qdpx(data)
    except refi.RefiError as error:
        one_line(str(error))


@settings(max_examples=examples(60))
@given(data=st.binary(max_size=1024) | ZIPS)
def test_it_reads_or_refuses_any_bytes_and_any_zip(data):
    read(data)


@settings(max_examples=examples(60))
@given(data=st.data())
def test_it_reads_or_refuses_a_mutated_project_file(data):
    read(data.draw(mutated(MINIMAL, max_edits=3)))


@st.composite
def edited_qde(draw) -> str:
    """The minimal project's XML with attribute values replaced or its text cut or patched."""
    text = QDE
    attributes = list(ATTRIBUTE.finditer(text))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["value", "cut", "insert"]))
        if kind == "value" and attributes:
            match = draw(st.sampled_from(attributes))
            value = draw(TEXT | st.integers(-(10**9), 10**12).map(str)).replace('"', "&quot;")
            text = text.replace(match.group(0), f'{match.group(1)}="{value}"', 1)
        elif kind == "cut":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(TEXT) + text[at:]
    return text


@settings(max_examples=examples(80))
@given(qde=edited_qde())
def test_it_reads_or_refuses_an_edited_project_description(qde):
    read(zipped({**MEMBERS, QDE_NAME: qde.encode("utf-8")}))


@pytest.mark.django_db
@settings(max_examples=examples(25))
@given(qde=edited_qde())
def test_it_imports_an_edited_project_whole_or_changes_nothing(coordinator, qde):
    data = zipped({**MEMBERS, QDE_NAME: qde.encode("utf-8")})
    with transaction.atomic():
        before = (Inquiry.objects.count(), Code.objects.count(), Transcript.objects.count())
        try:
            exchange.import_project(data, user=coordinator)
        except refi.RefiError as error:
            one_line(str(error))
            after = (Inquiry.objects.count(), Code.objects.count(), Transcript.objects.count())
            assert after == before
        transaction.set_rollback(True)
