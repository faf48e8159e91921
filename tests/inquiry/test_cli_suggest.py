"""`thrive inquiry suggest`: suggestions for uncoded passages and their measured agreement."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core.agreement import passages
from thrive.inquiry.meaning import forget_indexes
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db

WORK = "I started a new job at the bakery and my manager is kind about the shifts"
FAMILY = "My sister helps me with the children when my mother is unwell at home"
TEXT = f"Participant: {WORK}\nInterviewer: How is that going? 🙂\nParticipant: {FAMILY}"


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def study(settings, worker):
    """Four participants; the first three coded alike, the fourth not yet coded."""
    settings.THRIVE_TEXT_MODEL = "tests.inquiry.text_models.words"
    settings.THRIVE_SUGGESTION_MIN_EXAMPLES = 2
    forget_indexes()  # vectors this process keeps may be an earlier test's rolled-back rows
    inquiry = Inquiry.objects.create_inquiry("Getting back to work", from_template=False)
    parent = inquiry.codes.create(name="Life", position=1, codable=False)
    work = inquiry.codes.create(name="Work", parent=parent, position=2)
    family = inquiry.codes.create(name="Family", position=3)
    for n, label in enumerate(("P1", "P2", "P3", "P4")):
        participant = inquiry.participants.create(label=label)
        transcript = inquiry.add_transcript(f"Interview {label}", TEXT, participant, worker)
        if n < 3:
            turns = passages(transcript.text)
            transcript.add_coding(work, *turns[0], worker)
            transcript.add_coding(family, *turns[2], worker)
    return inquiry


def test_it_prints_every_uncoded_passage_with_its_suggestions_as_json(study):
    result = run("suggest", study.pk, "--transcript", "Interview P4", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    turns = passages(TEXT)
    assert [(r["start"], r["end"]) for r in rows] == turns
    assert set(rows[0]) == {"transcript", "participant", "start", "end", "suggestions"}
    assert rows[0]["transcript"] == "Interview P4"
    assert rows[0]["participant"] == "P4"
    assert [s["code"] for s in rows[0]["suggestions"]] == ["Life > Work"]
    assert 0 < rows[0]["suggestions"][0]["score"] <= 1
    assert [s["code"] for s in rows[2]["suggestions"]] == ["Family"]
    # Offsets count code points: the emoji in the second turn is one.
    assert TEXT[rows[2]["start"] : rows[2]["end"]] == f"Participant: {FAMILY}"


def test_without_a_transcript_it_covers_every_uncoded_passage(study):
    rows = json.loads(run("suggest", study.pk, "--json").output)
    # Three coded transcripts each have one uncoded turn; the fourth has three.
    assert len(rows) == 3 + 3


def test_it_reports_leave_one_participant_out_kappa_and_alpha(study):
    result = run("suggest", study.pk, "--evaluate", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["method"] == "leave one participant out"
    assert figures["passages"] == 9
    assert {row["code"] for row in figures["codes"]} == {"Life > Work", "Family"}
    assert figures["overall"]["kappa"] == pytest.approx(1.0)
    assert figures["overall"]["alpha"] == pytest.approx(1.0)
    lines = run("suggest", study.pk, "--evaluate").output
    assert "kappa 1.00" in lines


def test_an_unknown_transcript_is_one_plain_line(study):
    result = CliRunner().invoke(group, ["suggest", str(study.pk), "--transcript", "Nope"])
    assert result.exit_code == 1
    assert "no transcript called 'Nope'" in result.output


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("Suggestions tried to reach the network.")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_suggestions_with_the_bundled_model_make_no_network_access(study, settings, no_network):
    settings.THRIVE_TEXT_MODEL = "thrive.inquiry.core.text_model.bundled_model"
    result = run("suggest", study.pk, "--transcript", "Interview P4", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [s["code"] for s in rows[0]["suggestions"]][:1] == ["Life > Work"]
    assert json.loads(run("suggest", study.pk, "--evaluate", "--json").output)["passages"] == 9
