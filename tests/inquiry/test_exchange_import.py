"""Importing REFI-QDA projects: every passage lands on its text, or nothing changes."""

from pathlib import Path

import pytest

from tests.inquiry.hostile_corpus import HOSTILE
from tests.inquiry.refi_variants import PASSAGES, VARIANTS, variant_qdpx
from thrive.audit.models import AuditEvent
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import (
    Code,
    Coding,
    DocumentGroup,
    GuideAnswer,
    GuideQuestion,
    Inquiry,
    Participant,
    Transcript,
    TranscriptVersion,
    UncarriedCoding,
)

MINIMAL = (Path(__file__).parent / "data" / "minimal_project.qdpx").read_bytes()
MODELS = (
    Inquiry,
    GuideQuestion,
    Participant,
    Transcript,
    TranscriptVersion,
    GuideAnswer,
    Code,
    Coding,
    UncarriedCoding,
    AuditEvent,
)

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """How many rows every inquiry model (and the audit log) holds."""
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_lands_every_selection_of_the_minimal_project_on_its_text(coordinator):
    inquiry, _, conventions = exchange.import_project(MINIMAL, user=coordinator)
    codings = Coding.objects.filter(transcript__inquiry=inquiry).order_by("start")
    assert [c.transcript.text[c.start : c.end] for c in codings] == [
        "it gave me confidence",
        "The bus was the main barrier",
    ]
    assert [c.quote for c in codings] == ["it gave me confidence", "The bus was the main barrier"]
    assert [c.code.name for c in codings] == ["Confidence", "Transport barrier"]
    assert list(conventions.values()) == ["codepoint-crlf2-exclusive"]
    assert inquiry.transcripts.get().imported_offsets == "codepoint-crlf2-exclusive"


def test_it_keeps_the_minimal_projects_folder_case_and_note(coordinator):
    inquiry, warnings, _ = exchange.import_project(MINIMAL, user=coordinator)
    folder = Code.objects.get(inquiry=inquiry, name="Outcomes")
    assert (folder.codable, folder.colour) == (False, "#3366cc")
    assert Code.objects.get(inquiry=inquiry, name="Confidence").parent == folder
    participant = Participant.objects.get(inquiry=inquiry)
    assert participant.label == "P01" and participant.attributes == {
        "Role": participant.attributes["Role"]
    }
    assert inquiry.transcripts.get().participant == participant
    noted = Coding.objects.get(transcript__inquiry=inquiry, memo__startswith="P01 agreed")
    assert noted.memo_at.year == 2026
    group = DocumentGroup.objects.get(inquiry=inquiry, name="Round 1 interviews")
    assert list(group.transcripts.all()) == [inquiry.transcripts.get()]
    assert any("from the imported file" in warning for warning in warnings)


def test_it_never_credits_an_account_with_work_from_the_file(coordinator, django_user_model):
    # The file's "Researcher A" has the identifier RA, which is also a Thrive username.
    account = django_user_model.objects.create_user(username="RA", role="worker")
    inquiry, warnings, _ = exchange.import_project(MINIMAL, user=coordinator)
    codings = Coding.objects.filter(transcript__inquiry=inquiry)
    assert not codings.filter(coder=account).exists()
    assert not codings.filter(memo_by=account).exists()
    assert sorted(codings.values_list("code__name", "coder", "external_coder")) == [
        ("Confidence", None, "Researcher A"),
        ("Transport barrier", None, "Co-researcher P01"),
    ]
    shown = {c.coder_name for c in codings}
    assert shown == {
        "Researcher A (from the imported file)",
        "Co-researcher P01 (from the imported file)",
    }
    assert not inquiry.team.filter(pk=account.pk).exists()
    assert any("no Thrive account is credited" in warning for warning in warnings)
    again, _, _ = exchange.import_project(exchange.project_qdpx(inquiry), user=coordinator)
    assert sorted(
        Coding.objects.filter(transcript__inquiry=again).values_list("coder", "external_coder")
    ) == [(None, "Co-researcher P01"), (None, "Researcher A")]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_it_imports_each_tools_variant_with_its_convention_recorded(name, coordinator):
    inquiry, _, conventions = exchange.import_project(variant_qdpx(name), user=coordinator)
    transcript = inquiry.transcripts.get()
    expected = VARIANTS[name].expected_convention
    assert transcript.imported_offsets == expected
    assert list(conventions.values()) == [expected]
    quotes = [c.quote for c in transcript.codings.order_by("start")]
    assert quotes == PASSAGES
    assert "\r" not in transcript.text and not transcript.text.startswith("\ufeff")


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_it_refuses_each_hostile_file_with_one_sentence_and_changes_nothing(label, coordinator):
    data, words = HOSTILE[label]
    before = row_counts()
    with pytest.raises(refi.RefiError) as refusal:
        exchange.import_project(data, user=coordinator)
    message = str(refusal.value)
    assert words.lower() in message.lower()
    assert "\n" not in message and message.endswith(".")
    assert row_counts() == before


def test_it_changes_nothing_when_importing_into_an_inquiry_fails(coordinator):
    inquiry, _, _ = exchange.import_project(MINIMAL, user=coordinator)
    before = row_counts()
    data, _ = HOSTILE["selection beyond text"]
    with pytest.raises(refi.RefiError):
        exchange.import_project(data, user=coordinator, into=inquiry)
    assert row_counts() == before


def test_it_refuses_a_file_over_the_size_limit(coordinator, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 100)
    with pytest.raises(refi.RefiError, match="larger than"):
        exchange.import_project(MINIMAL, user=coordinator)


def test_it_matches_codes_by_path_and_transcripts_by_title_when_importing_again(coordinator):
    inquiry, _, _ = exchange.import_project(MINIMAL, user=coordinator)
    before = row_counts()
    _, _, _ = exchange.import_project(MINIMAL, user=coordinator, into=inquiry)
    after = row_counts()
    assert {k: v for k, v in after.items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"
    }


def test_it_removes_control_characters_and_moves_passages_with_them(coordinator):
    text = "P1: a\x07b we found our feet\x01 again\n"
    passage = "we found our feet"
    start = text.index(passage)
    project = refi.Project(
        "Control",
        codes=(refi.Code("11111111-2222-4333-8444-555555555555", "Feet"),),
        sources=(
            refi.TextSource(
                "22222222-3333-4444-8555-666666666666",
                "Interview",
                text,
                selections=(
                    refi.Selection(
                        "33333333-4444-4555-8666-777777777777",
                        start,
                        start + len(passage),
                        codings=(
                            refi.Coding(
                                "44444444-5555-4666-8777-888888888888",
                                "11111111-2222-4333-8444-555555555555",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    inquiry, _, _ = exchange.import_project(refi.qdpx_bytes(project), user=coordinator)
    coding = Coding.objects.get(transcript__inquiry=inquiry)
    assert "\x07" not in coding.transcript.text
    assert coding.quote == passage == coding.transcript.text[coding.start : coding.end]
