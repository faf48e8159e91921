"""Themes travel in a REFI-QDA project as sets of codes and come back as themes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema

from tests.inquiry.theme_study import make_study
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.core.theme_sets import ThemeSet, read_set, set_description, set_name
from thrive.inquiry.themes import ChangeKind, Theme, overview

SCHEMAS = Path(refi.__file__).parent / "schemas"

# The encoding (pure) -----------------------------------------------------------------------


def test_it_names_a_key_theme_and_a_theme_inside_it():
    assert set_name("Being heard") == "Thrive: theme: Being heard"
    assert set_name("Being heard", "Asked") == "Thrive: theme: Being heard > Asked"


def test_it_reads_back_what_it_writes():
    description = set_description("What people said.\nTwo lines.", "both", "fruits", 3)
    assert description.endswith("[Thrive theme: valence=both; tree part=fruits; order=3]")
    assert read_set(set_name("Home", "Warmth"), description) == ThemeSet(
        "Home", "Warmth", "What people said.\nTwo lines.", "both", "fruits", 3
    )
    assert read_set(set_name("Home"), set_description("", "unset", "roots")) == ThemeSet(
        "Home", "", "", "unset", "roots", 0
    )


def test_a_set_without_the_line_is_a_theme_not_decided_yet():
    assert read_set("Thrive: theme: Home", "Written in another tool.") == ThemeSet(
        "Home", "", "Written in another tool."
    )


@pytest.mark.parametrize(
    "name",
    ["Thrive: valence: validating", "My set", "Thrive: theme: ", "Thrive: theme: A > B > C"],
)
def test_other_sets_are_not_themes(name):
    assert read_set(name, "") is None


# Export and import -------------------------------------------------------------------------


@pytest.fixture
def study(django_user_model):
    made = make_study(django_user_model)
    key = Theme.objects.create_theme(
        made.inquiry, "Home", valence="validating", tree_part="roots", description="Where."
    )
    warmth = Theme.objects.create_theme(made.inquiry, "Warmth", parent=key, valence="both")
    warmth.add_codes([made.codes["Warm home"], made.codes["Kind people"]])
    cold = Theme.objects.create_theme(made.inquiry, "Cold", valence="invalidating")
    cold.add_codes([made.codes["Cold flat"]])
    Theme.objects.create_theme(made.inquiry, "Empty for now")
    return made


def shape(inquiry) -> list:
    return [
        (
            node.theme.name,
            node.theme.valence,
            node.theme.tree_part,
            node.theme.description,
            node.codes,
            [(c.theme.name, c.theme.valence, c.theme.tree_part, c.codes) for c in node.themes],
        )
        for node in overview(inquiry).key_themes
    ]


@pytest.mark.django_db
def test_it_exports_themes_as_schema_valid_sets(study):
    data = exchange.project_qdpx(study.inquiry)
    qde = zipfile.ZipFile(io.BytesIO(data)).read("project.qde")
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde)
    names = [s.name for s in exchange.project_for(study.inquiry).sets]
    assert [n for n in names if n.startswith("Thrive: theme:")] == [
        "Thrive: theme: Home",
        "Thrive: theme: Home > Warmth",
        "Thrive: theme: Cold",
        "Thrive: theme: Empty for now",
    ]


@pytest.mark.django_db
def test_it_imports_the_themes_it_exported_with_valence_tree_part_and_codes(study, coordinator):
    data = exchange.project_qdpx(study.inquiry)
    copy, warnings, _ = exchange.import_project(data, user=coordinator, title="Copy")
    assert shape(copy) == shape(study.inquiry)
    assert shape(copy)[0][5] == [("Warmth", "both", "unset", ["Kind people", "Places > Warm home"])]
    assert not any("set" in warning for warning in warnings), warnings
    created = Theme.objects.get(inquiry=copy, name="Warmth").changes.get(kind="created")
    assert created.kind == ChangeKind.CREATED and created.by == coordinator
    assert created.summary == "Created “Warmth” inside Home from a REFI-QDA import."


@pytest.mark.django_db
def test_importing_into_the_same_inquiry_adds_no_second_theme_and_moves_no_code(study, coordinator):
    data = exchange.project_qdpx(study.inquiry)
    cold = Theme.objects.get(name="Cold")
    cold.add_codes([study.codes["Warm home"]])  # since the export
    before = shape(study.inquiry)
    _, warnings, _ = exchange.import_project(data, user=coordinator, into=study.inquiry)
    assert shape(study.inquiry) == before
    assert "3 codes of the file's themes were already in a theme here and stayed there." in warnings
