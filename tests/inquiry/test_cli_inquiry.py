"""`thrive inquiry`: create, list, add-transcript, codes and passages."""

import json

import pytest
from click.testing import CliRunner

from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.models import Code, Inquiry, Transcript

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def test_it_creates_an_inquiry_and_prints_its_id():
    result = run("create", "What helps", "--json")
    assert result.exit_code == 0, result.output
    created = Inquiry.objects.get(pk=json.loads(result.output)["id"])
    assert created.title == "What helps" and created.codes.exists()
    plain = run("create", "Another")
    assert plain.output.strip() == str(Inquiry.objects.get(title="Another").pk)


def test_it_refuses_a_blank_title_in_one_line():
    result = run("create", "  ")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: Give the inquiry a title."


def test_it_lists_inquiries_as_json():
    Inquiry.objects.create_inquiry("First")
    rows = json.loads(run("list", "--json").output)
    assert [(row["title"], row["transcripts"]) for row in rows] == [("First", 0)]
    assert set(rows[0]) >= {"id", "title", "participants", "transcripts", "codings"}


def test_it_adds_transcripts_all_or_nothing(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Files")
    good = tmp_path / "P1.vtt"
    good.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v P1>Hello there.\n")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    failed = run("add-transcript", inquiry.pk, good, bad)
    assert failed.exit_code == 1 and "Nothing was added" in failed.output
    assert len(failed.output.strip().splitlines()) == 1
    assert not Transcript.objects.exists()
    added = run("add-transcript", inquiry.pk, good, "--participant", "P7", "--json")
    assert added.exit_code == 0, added.output
    transcript = Transcript.objects.get()
    assert transcript.participant.label == "P7" and "Hello there." in transcript.text


def test_it_says_plainly_when_the_inquiry_does_not_exist(tmp_path):
    note = tmp_path / "a.txt"
    note.write_text("A: hi\n")
    result = run("add-transcript", 999, note)
    assert result.exit_code == 1 and "There is no inquiry 999" in result.output


def test_it_prints_the_codebook_nested_with_counts(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Codes")
    transcript = inquiry.add_transcript("T", "A: a warm home here\n")
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    transcript.add_coding(home, 3, 14, coordinator)
    tree = json.loads(run("codes", inquiry.pk, "--json").output)
    areas = next(node for node in tree if node["name"] == "Areas of living")
    dwell = next(node for node in areas["children"] if node["name"] == "Somewhere to dwell")
    counts = {child["name"]: child["codings"] for child in dwell["children"]}
    assert areas["codings_with_children"] == 1
    assert counts == {
        "Somewhere to dwell (validating)": 1,
        "Somewhere to dwell (invalidating)": 0,
    }


def test_it_prints_passages_for_a_code(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Passages")
    transcript = inquiry.add_transcript("T", "A: a warm home here 🏠\n")
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    transcript.add_coding(home, 3, 21, coordinator)
    rows = json.loads(run("passages", inquiry.pk, "--code", "Somewhere to dwell", "--json").output)
    assert [(r["quote"], r["coder"]) for r in rows] == [("a warm home here 🏠", "coord")]
    missing = run("passages", inquiry.pk, "--code", "No such code")
    assert missing.exit_code == 1 and "no code called" in missing.output


def test_it_prints_key_themes_with_their_themes_as_json(django_user_model):
    from tests.inquiry.theme_study import make_study
    from thrive.audit.models import Action, AuditEvent
    from thrive.inquiry.themes import Theme

    study = make_study(django_user_model)
    key = Theme.objects.create_theme(study.inquiry, "Home", valence="validating")
    inner = Theme.objects.create_theme(study.inquiry, "Cold", parent=key, tree_part="roots")
    inner.add_codes([study.codes["Cold flat"]])
    key.add_codes([study.codes["Kind people"]])
    result = run("themes", study.inquiry.pk, "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed == [
        {
            "id": key.pk,
            "name": "Home",
            "description": "",
            "valence": "validating",
            "tree_part": "unset",
            "codes": ["Kind people"],
            "participants": ["P1", "P2", "P3"],
            "coders": ["Ana", "Ben", "Kit (from the imported file)"],
            "themes": [
                {
                    "id": inner.pk,
                    "name": "Cold",
                    "description": "",
                    "valence": "unset",
                    "tree_part": "roots",
                    "codes": ["Places > Cold flat"],
                    "participants": ["P2", "P3"],
                    "coders": ["Ana", "Ben"],
                }
            ],
        }
    ]
    assert AuditEvent.objects.filter(action=Action.EXPORT, detail="themes, command line").exists()
    plain = run("themes", study.inquiry.pk).output
    assert "Home  [validating, not decided yet]" in plain and "    - Places > Cold flat" in plain


def test_it_says_when_an_inquiry_has_no_themes_yet():
    inquiry = Inquiry.objects.create_inquiry("Bare", from_template=False)
    assert run("themes", inquiry.pk, "--json").output.strip() == "[]"
    assert "No themes yet" in run("themes", inquiry.pk).output
    assert run("themes", 99999).exit_code == 1
