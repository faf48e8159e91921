"""Importing the reference minimal project lands every selection on its intended text."""

from pathlib import Path

from thrive.inquiry.core.refi import read_qdpx

MINIMAL = Path(__file__).parent / "data" / "minimal_project.qdpx"


def imported():
    return read_qdpx(MINIMAL.read_bytes())


def test_it_lands_every_selection_on_the_text_named_in_the_file():
    source = imported().project.sources[0]
    texts = [source.text[s.start : s.end] for s in source.selections]
    assert texts == ["it gave me confidence", "The bus was the main barrier"]
    assert [s.name for s in source.selections] == texts


def test_it_records_code_points_as_the_detected_convention():
    result = imported()
    assert result.conventions == {
        "8F1B1379-0EAF-4E43-9B43-91C6252C5672": "codepoint-crlf2-exclusive"
    }
    assert result.warnings == ()


def test_it_keeps_the_nested_codebook_with_its_folder():
    (folder, barrier) = imported().project.codes
    assert (folder.name, folder.is_codable, folder.color) == ("Outcomes", False, "#3366cc")
    assert folder.description == "Theme folder (not codable)"
    assert [child.name for child in folder.children] == ["Confidence"]
    assert (barrier.name, barrier.is_codable) == ("Transport barrier", True)


def test_it_keeps_codings_with_their_users_and_codes():
    project = imported().project
    codes = {code.guid: code.name for code in project.codes[0].children + project.codes[1:]}
    users = {user.guid: user.name for user in project.users}
    codings = [c for s in project.sources[0].selections for c in s.codings]
    assert [codes[c.code_guid] for c in codings] == ["Confidence", "Transport barrier"]
    assert [users[c.user_guid] for c in codings] == ["Researcher A", "Co-researcher P01"]


def test_it_keeps_the_member_check_note_with_its_author():
    project = imported().project
    (note,) = project.notes
    assert project.sources[0].selections[1].note_guids == (note.guid,)
    assert note.user_guid == "C06F7E47-007C-4FEF-ABA6-39CE35093161"
    assert note.text.startswith("P01 agreed this passage")
    assert note.created is not None and note.created.year == 2026


def test_it_keeps_the_case_variable_and_set():
    project = imported().project
    (case,) = project.cases
    (variable,) = project.variables
    (group,) = project.sets
    assert (case.name, variable.name, variable.type) == ("P01", "Role", "Text")
    assert [(v.variable_guid, v.value) for v in case.values] == [(variable.guid, "Service user")]
    assert case.source_guids == group.source_guids == (project.sources[0].guid,)
    assert project.description == "Synthetic fixture; no real participant data."
