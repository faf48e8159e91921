"""An inquiry exported to REFI-QDA and imported again keeps its codes, cases and passages."""

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema

from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Coding, Inquiry, MemberCheck, Participant, Transcript

SCHEMAS = Path(refi.__file__).parent / "schemas"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return Inquiry.objects.get(title=DEMO_INQUIRY)


def qde_of(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("project.qde")


def summary(project: refi.Project) -> dict:
    """What must survive a round trip, independent of GUIDs."""
    codes = {c.guid: c for c in refi.model.all_codes(project.codes)}

    def paths(items, above=()):
        found = []
        for code in items:
            here = (*above, code.name)
            found.append((here, code.is_codable, code.color, code.description))
            found.extend(paths(code.children, here))
        return found

    sources = {s.guid: s.name for s in project.sources}
    variables = {v.guid: v.name for v in project.variables}
    return {
        "codes": sorted(paths(project.codes)),
        "cases": sorted(
            (
                case.name,
                tuple(sorted((variables[v.variable_guid], str(v.value)) for v in case.values)),
                tuple(sorted(sources[g] for g in case.source_guids)),
            )
            for case in project.cases
        ),
        "sources": sorted((s.name, s.text) for s in project.sources),
        "selections": sorted(
            (s.name, s.text[sel.start : sel.end], codes[c.code_guid].name)
            for s in project.sources
            for sel in s.selections
            for c in sel.codings
        ),
        "sets": sorted((s.name, len(s.code_guids)) for s in project.sets),
    }


def test_it_exports_the_demo_as_a_schema_valid_project(demo):
    data = exchange.project_qdpx(demo)
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde_of(data))
    project = refi.read_qdpx(data).project
    assert len(project.sources) == demo.transcripts.count()
    assert sum(len(sel.codings) for s in project.sources for sel in s.selections) == (
        Coding.objects.filter(transcript__inquiry=demo).count()
    )


def test_it_exports_the_same_bytes_twice(demo):
    assert exchange.project_qdpx(demo) == exchange.project_qdpx(demo)


def test_it_imports_an_export_into_an_empty_database_and_exports_the_same(demo, coordinator):
    first = exchange.project_qdpx(demo)
    Inquiry.objects.all().delete()
    assert Code.objects.count() == Transcript.objects.count() == 0
    inquiry, _, conventions = exchange.import_project(first, user=coordinator)
    assert set(conventions.values()) == {"codepoint-crlf2-exclusive"}
    second = exchange.project_qdpx(inquiry)
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde_of(second))
    before, after = refi.read_qdpx(first).project, refi.read_qdpx(second).project
    assert summary(after) == summary(before)
    assert inquiry.title == DEMO_INQUIRY
    assert inquiry.team.filter(pk=coordinator.pk).exists()


def test_it_keeps_thrive_only_fields_through_sets_and_a_case_variable(demo, coordinator):
    data = exchange.project_qdpx(demo)
    inquiry, _, _ = exchange.import_project(data, user=coordinator, title="Copy")
    fields = ("name", "valence", "tree_part", "area", "codable", "colour")
    assert sorted(Code.objects.filter(inquiry=inquiry).values_list(*fields)) == sorted(
        Code.objects.filter(inquiry=demo).values_list(*fields)
    )
    assert sorted(
        Participant.objects.filter(inquiry=inquiry).values_list("label", "member_check")
    ) == (sorted(Participant.objects.filter(inquiry=demo).values_list("label", "member_check")))
    assert Participant.objects.filter(inquiry=inquiry, member_check=MemberCheck.APPROVED).exists()


def test_it_keeps_quotes_coders_memos_and_dates(demo, coordinator):
    coding = Coding.objects.filter(transcript__inquiry=demo).order_by("id").first()
    coding.set_memo("Checked with P1 at the member check.", coordinator)
    inquiry, _, _ = exchange.import_project(exchange.project_qdpx(demo), user=coordinator)
    copy = Coding.objects.get(transcript__inquiry=inquiry, memo__startswith="Checked with P1")
    assert (copy.quote, copy.start, copy.end) == (coding.quote, coding.start, coding.end)
    # Coders travel by name, never matched back to an account (a file can name anyone).
    assert copy.coder is None
    assert copy.external_coder == coding.coder.display_name
    assert copy.memo_by is None
    assert copy.created_at == Coding.objects.get(pk=coding.pk).created_at
    for row in Coding.objects.filter(transcript__inquiry=inquiry).select_related("transcript"):
        assert row.transcript.text[row.start : row.end] == row.quote


def test_it_re_imports_into_the_same_inquiry_without_duplicates_when_guids_change(
    demo, coordinator
):
    data = exchange.project_qdpx(demo)
    counts = (Code.objects.count(), Transcript.objects.count(), Coding.objects.count())
    shuffled = data
    for kind in ("code", "transcript", "coding", "selection"):
        for pk in range(1, 400):
            old = exchange.guid(kind, pk).encode()
            shuffled = shuffled.replace(old, exchange.guid(kind + "-new", pk).encode())
    # The ZIP is compressed, so rewrite it through the reader and writer instead.
    project = refi.read_qdpx(data).project
    renamed = _with_fresh_guids(project)
    exchange.import_project(refi.qdpx_bytes(renamed), user=coordinator, into=demo)
    assert (Code.objects.count(), Transcript.objects.count(), Coding.objects.count()) == counts


def _with_fresh_guids(project: refi.Project) -> refi.Project:
    """The same project with every GUID replaced, as ATLAS.ti does on each export."""
    import dataclasses
    import uuid

    mapping: dict[str, str] = {}

    def new(value):
        if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
            return mapping.setdefault(value, str(uuid.uuid4()).upper())
        if isinstance(value, tuple):
            return tuple(new(v) for v in value)
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(
                value, **{f.name: new(getattr(value, f.name)) for f in dataclasses.fields(value)}
            )
        return value

    return new(project)


def test_it_exports_and_imports_the_codebook_as_qdc(demo):
    data = exchange.codebook_qdc(demo)
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(data)
    blank = Inquiry.objects.create(title="Blank")
    added, updated, warnings = exchange.import_codebook_qdc(blank, data)
    assert (added, updated, warnings) == (Code.objects.filter(inquiry=demo).count(), 0, [])
    fields = ("name", "valence", "tree_part", "area", "codable", "colour", "description")
    assert sorted(Code.objects.filter(inquiry=blank).values_list(*fields)) == sorted(
        Code.objects.filter(inquiry=demo).values_list(*fields)
    )
    assert exchange.import_codebook_qdc(blank, data)[:2] == (0, 0)


def test_it_keeps_valence_of_existing_codes_when_a_foreign_codebook_says_nothing(demo):
    code = Code.objects.filter(inquiry=demo, valence="validating", parent__isnull=False).first()
    path = [code.parent.name, code.name]
    qdc = refi.qdc_bytes(
        refi.Codebook(
            (
                refi.Code(
                    "11111111-2222-4333-8444-555555555555",
                    path[0],
                    False,
                    children=(refi.Code("11111111-2222-4333-8444-555555555556", path[1]),),
                ),
            ),
            origin="NVivo",
        )
    )
    exchange.import_codebook_qdc(demo, qdc)
    code.refresh_from_db()
    assert code.valence == "validating"
