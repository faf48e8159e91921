"""Writing a project and reading it back keeps everything, and the output is schema-valid."""

import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema

from thrive.inquiry.core import refi
from thrive.inquiry.core.refi import (
    Case,
    Code,
    Codebook,
    Coding,
    Note,
    Project,
    RefiError,
    Selection,
    Set,
    TextSource,
    User,
    Variable,
    VariableValue,
)

SCHEMAS = Path(refi.__file__).parent / "schemas"
WHEN = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)


def guid(number: int) -> str:
    return f"{number:08X}-AAAA-4BBB-8CCC-DDDDDDDDDDDD"


TEXT_ONE = "Interviewer: How did the placement go?\nP07: Brilliant 🌟 — I felt useful again.\n"
TEXT_TWO = "Peer worker: Any worries?\nP08: Money, mostly. Travel costs add up.\n"


def selection(number: int, text: str, passage: str, code: int, user: int, notes=()) -> Selection:
    start = text.index(passage)
    return Selection(
        guid(number),
        start,
        start + len(passage),
        name=passage,
        user_guid=guid(user),
        created=WHEN,
        codings=(Coding(guid(number + 500), guid(code), guid(user), WHEN),),
        note_guids=notes,
    )


def rich_project() -> Project:
    """Return a project using every part Thrive carries."""
    variables = (
        Variable(guid(20), "Role", "Text"),
        Variable(guid(21), "Consented", "Boolean"),
        Variable(guid(22), "Sessions", "Integer"),
        Variable(guid(23), "Wellbeing score", "Float", description="WEMWBS"),
        Variable(guid(24), "Start date", "Date"),
        Variable(guid(25), "Interviewed at", "DateTime"),
    )
    values = (
        VariableValue(guid(20), "Service user"),
        VariableValue(guid(21), True),
        VariableValue(guid(22), 12),
        VariableValue(guid(23), Decimal("47.5")),
        VariableValue(guid(24), date(2025, 9, 1)),
        VariableValue(guid(25), WHEN),
    )
    codes = (
        Code(
            guid(10),
            "Outcomes",
            False,
            "#3366CC",
            "Theme folder",
            children=(
                Code(
                    guid(11),
                    "Confidence",
                    color="#3a3",
                    children=(Code(guid(12), "Feeling useful", note_guids=(guid(90),)),),
                ),
            ),
        ),
        Code(guid(13), "Barriers", children=(Code(guid(14), "Money"),)),
    )
    sources = (
        TextSource(
            guid(30),
            "Interview P07",
            TEXT_ONE,
            user_guid=guid(1),
            created=WHEN,
            selections=(selection(40, TEXT_ONE, "I felt useful again", 12, 2, notes=(guid(91),)),),
            values=(VariableValue(guid(20), "Transcript"),),
        ),
        TextSource(
            guid(31),
            "Interview P08",
            TEXT_TWO,
            description="Second round",
            selections=(
                selection(41, TEXT_TWO, "Money, mostly", 14, 1),
                selection(42, TEXT_TWO, "Travel costs add up", 14, 2),
            ),
            codings=(Coding(guid(43), guid(13), guid(1), WHEN),),
        ),
    )
    return Project(
        name="Placement study",
        origin="Thrive",
        description="Co-produced evaluation",
        user_guid=guid(1),
        created=WHEN,
        users=(User(guid(1), "Researcher A", "RA"), User(guid(2), "Peer researcher", "PR")),
        codes=codes,
        variables=variables,
        cases=(
            Case(
                guid(50), "P07", "First participant", (guid(11),), values, (guid(30),), (guid(40),)
            ),
            Case(guid(51), "P08", source_guids=(guid(31),)),
        ),
        sources=sources,
        notes=(
            Note(guid(90), "Code memo", "Use for agency.", user_guid=guid(1), created=WHEN),
            Note(guid(91), "Member check", "P07 agreed.", user_guid=guid(2), created=WHEN),
        ),
        sets=(
            Set(
                guid(60),
                "Round 1",
                "First interviews",
                (guid(11),),
                (guid(30), guid(31)),
                (guid(91),),
            ),
        ),
        note_guids=(guid(90),),
    )


def qde_of(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("project.qde")


def test_it_writes_a_project_that_validates_against_the_schema():
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde_of(refi.qdpx_bytes(rich_project())))


def test_it_reads_back_exactly_what_it_wrote():
    project = rich_project()
    result = refi.read_qdpx(refi.qdpx_bytes(project))
    assert result.project == project
    assert result.warnings == ()


def test_it_puts_selections_back_on_the_same_text():
    result = refi.read_qdpx(refi.qdpx_bytes(rich_project())).project
    found = [s.text[x.start : x.end] for s in result.sources for x in s.selections]
    assert found == ["I felt useful again", "Money, mostly", "Travel costs add up"]


def test_it_writes_source_text_as_utf8_without_bom_in_sources_folder():
    archive = zipfile.ZipFile(io.BytesIO(refi.qdpx_bytes(rich_project())))
    data = archive.read(f"sources/{guid(30)}.txt")
    assert data == TEXT_ONE.encode("utf-8")
    assert sorted(archive.namelist())[0] == "project.qde"


def test_it_writes_identical_bytes_for_the_same_project():
    assert refi.qdpx_bytes(rich_project()) == refi.qdpx_bytes(rich_project())


def test_it_writes_a_minimal_project_without_empty_lists():
    data = refi.qdpx_bytes(Project(name="Empty"))
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde_of(data))
    assert refi.read_qdpx(data).project == Project(name="Empty", origin="Thrive")


def test_it_refuses_to_write_a_selection_outside_its_text():
    source = TextSource(guid(30), "Short", "Hello\n", selections=(Selection(guid(40), 2, 99),))
    with pytest.raises(RefiError, match="outside its text"):
        refi.qdpx_bytes(Project(name="Bad", sources=(source,)))


def test_it_round_trips_a_codebook_that_validates():
    codebook = Codebook(
        rich_project().codes,
        (Set(guid(60), "Core", "Most used", code_guids=(guid(11), guid(14))),),
        origin="Thrive",
    )
    data = refi.qdc_bytes(codebook)
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(data)
    back = refi.read_qdc(data)
    assert back.sets == codebook.sets
    assert [c.name for c in refi.model.all_codes(back.codes)] == [
        "Outcomes",
        "Confidence",
        "Feeling useful",
        "Barriers",
        "Money",
    ]


def test_it_never_writes_an_empty_sets_element_in_a_codebook():
    data = refi.qdc_bytes(Codebook((Code(guid(11), "Only"),)))
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(data)
    assert b"Sets" not in data
