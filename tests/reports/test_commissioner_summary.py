"""The one-page commissioner summary: outcomes, both trees and the economic case, as a PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from click.testing import CliRunner
from django.urls import reverse

from tests.inquiry.theme_study import make_study
from tests.pdf_text import pdf_text
from thrive.cli import main
from thrive.demo.load import load_demo
from thrive.economics.forms import shipped_text
from thrive.economics.models import SavedScenario
from thrive.inquiry.themes import Theme
from thrive.reports.commissioner_summary import commissioner_summary, summary_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(django_user_model):
    """The demo service's year of outcomes, and a study with one theme on each tree."""
    load_demo()
    study = make_study(django_user_model, title="Working lives")
    home = Theme.objects.create_theme(
        study.inquiry, "Warm home", valence="validating", tree_part="fruits"
    )
    home.add_codes([study.codes["Warm home"]])
    flat = Theme.objects.create_theme(
        study.inquiry, "Cold flat", valence="invalidating", tree_part="roots"
    )
    flat.add_codes([study.codes["Cold flat"]])
    return study


def pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))


def test_it_is_one_page_with_the_outcomes_and_both_trees(study):
    pdf = summary_pdf(study.inquiry)
    text = pdf_text(pdf)

    assert pages(pdf) == 1
    assert "Warm home" in text and "Cold flat" in text
    assert "Tree of growth" in text and "Tree of distress" in text
    assert "People supported 113" in text
    for line in commissioner_summary(study.inquiry).outcomes:
        assert f"{line.label} {line.shown}" in text


def test_it_shows_no_count_under_five(study):
    summary = commissioner_summary(study.inquiry)
    text = pdf_text(summary_pdf(study.inquiry))

    assert all(line.shown not in {"1", "2", "3", "4"} for line in summary.outcomes)
    assert "fewer than 5 participants" in summary.trees.growth.svg
    assert not re.search(r"\bfrom [1-4] participants?\b", summary.trees.growth.svg + text)


def test_it_says_plainly_when_there_is_no_economic_scenario(study):
    SavedScenario.objects.all().delete()  # the demo saves some
    assert "No economic scenario has been saved yet" in pdf_text(summary_pdf(study.inquiry))


def test_it_gives_the_headline_of_the_newest_scenario_run(study):
    saved = SavedScenario.objects.create(name="Seven", toml=shipped_text("seven_participants"))
    assert "has not been run yet" in commissioner_summary(study.inquiry).economics.note
    saved.run(seed=1, iterations=200)

    text = pdf_text(summary_pdf(study.inquiry))

    assert "From the scenario “Seven”" in text
    assert "Net savings" in text and "Savings per £1 spent" in text


def test_it_stays_on_one_page_with_many_themes(study):
    for n in range(60):
        Theme.objects.create_theme(
            study.inquiry,
            f"A theme with a longer name than most, number {n}",
            valence=("validating", "invalidating", "both")[n % 3],
            tree_part=("roots", "trunk", "branches", "fruits")[n % 4],
        )
    assert pages(summary_pdf(study.inquiry)) == 1


def test_the_team_downloads_it_as_a_pdf(study, login_as):
    response = login_as(study.ana).get(
        reverse("reports:commissioner_summary", args=[study.inquiry.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_command_writes_it_for_an_inquiry_named_by_id_or_title(study, tmp_path):
    out = tmp_path / "summary.pdf"
    by_title = CliRunner().invoke(main, ["report", "summary", "Working lives", "--out", out])
    assert by_title.exit_code == 0, by_title.output
    assert pages(out.read_bytes()) == 1
    by_id = CliRunner().invoke(main, ["report", "summary", str(study.inquiry.pk), "--out", out])
    assert by_id.exit_code == 0, by_id.output


def test_the_command_refuses_an_inquiry_that_does_not_exist(study, tmp_path):
    result = CliRunner().invoke(
        main, ["report", "summary", "No such study", "--out", tmp_path / "x.pdf"]
    )
    assert result.exit_code == 1
    assert "There is no inquiry with the id or title 'No such study'" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_says_so_when_it_cannot_write_the_file(study, tmp_path):
    out = tmp_path / "no such folder" / "summary.pdf"
    result = CliRunner().invoke(main, ["report", "summary", "Working lives", "--out", out])
    assert result.exit_code == 1
    assert "Cannot write" in result.output and "No such file or directory" in result.output
