"""A project written the way NVivo, MAXQDA, ATLAS.ti or QualCoder write them comes back out of
Thrive with every coding, memo, user, date, set and code order it went in with."""

import dataclasses
from datetime import UTC
from pathlib import Path

import pytest
import xmlschema

from tests.inquiry.test_exchange_round_trip import qde_of
from tests.inquiry.tool_projects import SHAPES, tool_qdpx
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import CodeGroup, Coding, DocumentGroup

SCHEMAS = Path(refi.__file__).parent / "schemas"

pytestmark = pytest.mark.django_db


def story(project: refi.Project) -> dict:
    """Everything a round trip must keep, told without GUIDs."""
    users = {u.guid: u.name for u in project.users}
    notes = {n.guid: n for n in project.notes}
    sources = {s.guid: s.name for s in project.sources}
    paths: dict[str, tuple[str, ...]] = {}

    def walk(codes, above=()):
        for code in codes:
            paths[code.guid] = (*above, code.name)
            walk(code.children, paths[code.guid])

    walk(project.codes)

    def instant(moment):
        return moment.astimezone(UTC) if moment else None

    def memo(note_guids, description="", user=None, created=None):
        """(text, author, date) of a memo, from its notes or else a description."""
        if note_guids:
            first = notes[note_guids[0]]
            text = "\n\n".join(notes[g].text for g in note_guids)
            return text, users.get(first.user_guid), instant(first.created)
        return (description, users.get(user), instant(created)) if description else None

    codings = []
    for source in project.sources:
        for selection in source.selections:
            for coding in selection.codings:
                user = coding.user_guid or selection.user_guid
                created = coding.created or selection.created
                codings.append(
                    (
                        source.name,
                        source.text[selection.start : selection.end],
                        paths[coding.code_guid],
                        users.get(user),
                        instant(created),
                        memo(
                            (*coding.note_guids, *selection.note_guids),
                            selection.description,
                            user,
                            selection.created or coding.created,
                        ),
                    )
                )
    return {
        "code order": list(paths.values()),
        "codes": sorted(
            (
                paths[code.guid],
                (code.color or "").casefold(),
                code.description,
                memo(code.note_guids),
            )
            for code in refi.model.all_codes(project.codes)
        ),
        "sources": sorted(
            (s.name, s.text, users.get(s.user_guid), instant(s.created)) for s in project.sources
        ),
        "codings": sorted(codings, key=repr),
        "cases": sorted(
            (case.name, tuple(sorted(sources[g] for g in case.source_guids)))
            for case in project.cases
        ),
        "sets": sorted(
            (
                s.name,
                s.description,
                tuple(sorted(paths[g] for g in s.code_guids)),
                tuple(sorted(sources[g] for g in s.source_guids)),
            )
            for s in project.sets
        ),
    }


def people(project: refi.Project) -> set[str]:
    return {user.name for user in project.users}


@pytest.mark.parametrize("tool", SHAPES)
def test_it_round_trips_a_project_shaped_like_each_tool(tool, coordinator):
    original = tool_qdpx(tool)
    inquiry, _, _ = exchange.import_project(original, user=coordinator)
    exported = exchange.project_qdpx(inquiry)
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde_of(exported))
    before, after = refi.read_qdpx(original).project, refi.read_qdpx(exported).project
    told = story(before)
    assert len(told["codings"]) == 6
    assert sum(1 for coding in told["codings"] if coding[-1]) == 3
    assert story(after) == told
    assert people(before) <= people(after)


@pytest.mark.parametrize("tool", SHAPES)
def test_it_keeps_the_story_through_a_second_round_trip(tool, coordinator):
    first, _, _ = exchange.import_project(tool_qdpx(tool), user=coordinator)
    once = exchange.project_qdpx(first)
    second, _, _ = exchange.import_project(once, user=coordinator, title="Again")
    twice = refi.read_qdpx(exchange.project_qdpx(second)).project
    assert story(twice) == story(refi.read_qdpx(once).project)


def test_the_stories_really_differ_between_tools():
    """The comparison can fail: each tool's memos and sets land in different places."""
    stories = {tool: story(refi.read_qdpx(tool_qdpx(tool)).project) for tool in SHAPES}
    assert stories["QualCoder"]["sets"] == []
    assert stories["NVivo"]["sets"] != []
    assert stories["ATLAS.ti"]["codes"] != stories["NVivo"]["codes"]
    assert stories["NVivo"]["code order"][:2] == [("Way forward",), ("Way forward", "Volunteering")]


def test_sets_become_document_and_code_groups(coordinator):
    inquiry, warnings, _ = exchange.import_project(tool_qdpx("MAXQDA"), user=coordinator)
    documents = DocumentGroup.objects.get(inquiry=inquiry, name="Second round")
    assert documents.description == "Interviews a year on."
    assert list(documents.transcripts.values_list("title", flat=True)) == ["Interview P05"]
    codes = CodeGroup.objects.get(inquiry=inquiry, name="Wellbeing codes")
    assert sorted(codes.codes.values_list("name", flat=True)) == ["Calm", "Work"]
    assert not CodeGroup.objects.filter(inquiry=inquiry, name="Second round").exists()
    assert not any("set" in warning for warning in warnings)


def test_importing_the_same_project_twice_adds_no_group_or_member(coordinator):
    data = tool_qdpx("NVivo")
    inquiry, _, _ = exchange.import_project(data, user=coordinator)
    exchange.import_project(data, user=coordinator, into=inquiry)
    assert DocumentGroup.objects.filter(inquiry=inquiry).count() == 1
    assert CodeGroup.objects.get(inquiry=inquiry).codes.count() == 2
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 6


def test_code_memos_keep_their_author_and_date(coordinator):
    inquiry, _, _ = exchange.import_project(tool_qdpx("NVivo"), user=coordinator)
    calm = inquiry.codes.get(name="Calm")
    assert calm.memo == "Feeling settled, in their words."
    assert calm.memo_author == "Ana Ruiz"
    assert calm.memo_at is not None
    coding = Coding.objects.get(transcript__inquiry=inquiry, memo__startswith="Check the bus")
    assert (coding.external_coder, coding.memo_author) == ("Peer researcher Sam", "Ana Ruiz")


def test_a_set_of_documents_and_codes_comes_back_as_one_set(coordinator):
    project = refi.read_qdpx(tool_qdpx("QualCoder")).project
    calm = next(c for c in refi.model.all_codes(project.codes) if c.name == "Calm")
    both = refi.Set(
        "00000099-AAAA-4BBB-8CCC-DDDDDDDDDDDD",
        "First look",
        code_guids=(calm.guid,),
        source_guids=(project.sources[0].guid,),
    )
    data = refi.qdpx_bytes(dataclasses.replace(project, sets=(both,)))
    inquiry, _, _ = exchange.import_project(data, user=coordinator)
    assert CodeGroup.objects.get(inquiry=inquiry, name="First look").codes.get() == (
        inquiry.codes.get(name="Calm")
    )
    back = story(refi.read_qdpx(exchange.project_qdpx(inquiry)).project)["sets"]
    assert back == [("First look", "", (("Way forward", "Calm"),), ("Interview P02",))]
