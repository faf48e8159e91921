"""Case summaries: saved with their history, refused input changes nothing, pre-filled from
coded passages, and quoted in the report only for participants who approved their record."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.inquiry.case_summary_story import P1_SAYS, P2_SAYS, build
from thrive.inquiry.case_summaries import (
    MAX_SECTION,
    CaseSummary,
    CaseSummaryVersion,
    SummaryChanged,
    report_sections,
    team_sections,
)
from thrive.inquiry.core.case_sections import SECTIONS
from thrive.inquiry.models import InquiryError, MemberCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(coordinator):
    return build(coordinator)


def saved(participant, texts, user, status="draft") -> bool:
    summary = CaseSummary.of(participant)
    return summary.write(texts, status, user, summary.version)


def test_it_keeps_the_words_a_save_replaces_with_who_wrote_them_and_when(
    story, coordinator, worker
):
    assert saved(story.p1, {"life": "A damp flat.", "summary": "Getting by."}, coordinator)
    first = CaseSummary.objects.get()
    assert (first.version, first.updated_by, first.status) == (1, coordinator, "draft")
    assert saved(story.p1, {"life": "A damp flat, and few visitors.\r\n"}, worker, "ready")

    summary = CaseSummary.objects.get()
    assert summary.texts == {"life": "A damp flat, and few visitors."}
    assert (summary.version, summary.status, summary.updated_by) == (2, "ready", worker)
    [earlier] = summary.versions.all()
    assert earlier.texts == {"life": "A damp flat.", "summary": "Getting by."}
    assert (earlier.version, earlier.status) == (1, "draft")
    assert (earlier.written_by, earlier.written_at) == (coordinator, first.updated_at)
    assert earlier.replaced_by == worker
    assert earlier.sections() == [
        ("Life struggles, service use and mental health", "A damp flat."),
        ("Summary", "Getting by."),
    ]


def test_a_save_that_changes_nothing_writes_nothing(story, coordinator):
    assert not saved(story.p1, {"life": "  "}, coordinator)
    assert not CaseSummary.objects.exists()
    assert saved(story.p1, {"life": "A damp flat."}, coordinator)
    assert not saved(story.p1, {"life": "A damp flat.\n"}, coordinator)
    assert CaseSummary.objects.get().version == 1
    assert not CaseSummaryVersion.objects.exists()


def test_marking_ready_alone_is_a_change_kept_in_the_history(story, coordinator):
    saved(story.p1, {"life": "A damp flat."}, coordinator)
    assert saved(story.p1, {"life": "A damp flat."}, coordinator, "ready")
    assert CaseSummary.objects.get().status == "ready"
    assert list(CaseSummaryVersion.objects.values_list("status", flat=True)) == ["draft"]


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({"life": "A flat\x07 with a bell"}, "control characters"),
        ({"future": "x" * (MAX_SECTION + 1)}, "under 10,000"),
    ],
)
def test_it_refuses_bad_text_naming_the_section_and_saves_nothing(
    story, coordinator, texts, message
):
    saved(story.p1, {"life": "A damp flat."}, coordinator)
    with pytest.raises(InquiryError, match=message):
        saved(story.p1, {**texts, "summary": "New words."}, coordinator)
    assert CaseSummary.objects.get().texts == {"life": "A damp flat."}
    assert not CaseSummaryVersion.objects.exists()


def test_it_refuses_an_unknown_status(story, coordinator):
    with pytest.raises(InquiryError, match="draft"):
        saved(story.p1, {"life": "A damp flat."}, coordinator, "published")
    assert not CaseSummary.objects.exists()


def test_it_refuses_a_save_over_someone_elses_newer_words(story, coordinator, worker):
    saved(story.p1, {"life": "First words."}, coordinator)
    opened = CaseSummary.of(story.p1)  # both open the page at version 1
    saved(story.p1, {"life": "Worker's words."}, worker)
    with pytest.raises(SummaryChanged):
        opened.write({"life": "Coordinator's words."}, "draft", coordinator, 1)
    assert CaseSummary.objects.get().texts == {"life": "Worker's words."}


def test_two_people_starting_the_same_summary_cannot_both_save_it(story, coordinator, worker):
    first, second = CaseSummary.of(story.p1), CaseSummary.of(story.p1)
    assert first.write({"life": "One."}, "draft", coordinator, 0)
    with pytest.raises(SummaryChanged):
        second.write({"life": "Two."}, "draft", worker, 0)
    assert CaseSummary.objects.get().texts == {"life": "One."}


def test_it_refuses_a_summary_of_someone_who_withdrew(story, coordinator):
    story.p2.withdraw(requested_by=coordinator)
    with pytest.raises(InquiryError, match="P2 has withdrawn"):
        saved(story.p2, {"life": "Words."}, coordinator)
    assert not CaseSummary.objects.exists()


# Pre-filled from coded passages -----------------------------------------------------------


def quoted(sections) -> dict[str, list[str]]:
    """What each section of the report quotes."""
    return {s.key: [q.text for q in s.quotes] for s in sections}


def shown(sections) -> dict[str, list[str]]:
    """The passages the team sees in each section of the editor."""
    return {s.key: [c.quote for c in s.passages] for s in sections}


def test_the_team_sees_each_passage_in_the_section_its_code_feeds(story, coordinator):
    sections, unplaced = team_sections(story.p1)
    assert shown(sections) == {
        "life": [P1_SAYS["hard"]],
        "involvement": [P1_SAYS["joined"]],
        "what_worked": [P1_SAYS["helped"]],
        "achievements": [P1_SAYS["reached"]],
        "unexpected": [],
        "future": [P1_SAYS["without"]],
        "summary": [],
    }
    assert [c.quote for c in unplaced] == [P1_SAYS["aside"]]
    assert [s.prompt != "" for s in sections] == [True] * 7


def test_a_code_can_choose_its_section(story, coordinator):
    code = story.codes["Asides"]
    code.case_section = "unexpected"
    code.save()
    sections, unplaced = team_sections(story.p1)
    assert shown(sections)["unexpected"] == [P1_SAYS["aside"]]
    assert unplaced == []


def test_a_passage_coded_twice_for_one_section_shows_once(story, coordinator):
    at = story.p1_transcript.text.index(P1_SAYS["reached"])
    story.p1_transcript.add_coding(
        story.codes["Valued activity"], at, at + len(P1_SAYS["reached"]), coordinator
    )
    story.codes["Valued activity"].case_section = "achievements"
    story.codes["Valued activity"].save()
    sections, _ = team_sections(story.p1)
    assert shown(sections)["achievements"] == [P1_SAYS["joined"], P1_SAYS["reached"]]


def test_the_team_sees_passages_of_someone_who_has_not_approved_yet(story):
    sections, _ = team_sections(story.p2)
    assert shown(sections)["achievements"] == [P2_SAYS]


def test_each_report_quote_links_to_its_exact_span_in_the_transcript(story):
    [quote] = report_sections(story.p1)[0].quotes
    t = story.p1_transcript
    assert (quote.participant, quote.code, quote.transcript_id) == (
        "P1",
        "Somewhere to dwell (invalidating)",
        t.pk,
    )
    assert t.text[quote.start : quote.end] == P1_SAYS["hard"]
    assert quote.url == (
        f"/inquiries/{story.inquiry.pk}/transcripts/{t.pk}/?hl={quote.start}-{quote.end}#hl"
    )
    assert [s.prompt for s in report_sections(story.p1)] == [s.prompt for s in SECTIONS]


def test_the_report_quotes_only_a_participant_who_approved_their_record(story, coordinator):
    saved(story.p2, {"achievements": "Back in touch with family."}, coordinator)
    p1, p2 = report_sections(story.p1), report_sections(story.p2)
    assert quoted(p1)["life"] == [P1_SAYS["hard"]]
    assert all(not section.quotes for section in p2)
    assert [s.text for s in p2 if s.text] == ["Back in touch with family."]

    story.p1.member_check = MemberCheck.AMENDED
    story.p1.save()
    assert all(not section.quotes for section in report_sections(story.p1))


def test_the_report_holds_nothing_of_someone_who_withdrew(story, coordinator):
    saved(story.p1, {"life": "A damp flat."}, coordinator)
    story.p1.withdraw(requested_by=coordinator)
    sections = report_sections(story.p1)
    assert [s.key for s in sections] == [s.key for s in SECTIONS]
    assert all(s.text == "" and s.quotes == [] for s in sections)


def test_erasing_a_participant_erases_their_summary_and_its_history(story, coordinator):
    saved(story.p1, {"life": "A damp flat."}, coordinator)
    saved(story.p1, {"life": "A damp flat, now a home."}, coordinator)
    saved(story.p2, {"life": "Words of P2's summary."}, coordinator)
    story.p1.withdraw(requested_by=coordinator, now=True)
    assert list(CaseSummary.objects.values_list("participant__label", flat=True)) == ["P2"]
    assert not CaseSummaryVersion.objects.exists()


def test_it_reads_a_participants_sections_in_the_same_few_queries_however_many_passages(
    story, coordinator
):
    saved(story.p1, {"life": "A damp flat."}, coordinator)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as team:
            team_sections(story.p1)
        with CaptureQueriesContext(connection) as report:
            report_sections(story.p1)
        return len(team), len(report)

    before = queries()
    text = story.p1_transcript.text
    for said in P1_SAYS.values():
        at = text.index(said)
        story.p1_transcript.add_coding(story.codes["Valued activity"], at, at + 5, coordinator)
    assert queries() == before
    assert before[0] <= 2 and before[1] <= 3
