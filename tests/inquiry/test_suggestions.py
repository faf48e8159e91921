"""Suggestions on the Django side: learnt from the inquiry's own coding, decided by a person.

Passages' vectors come from a small exact text model (tests/inquiry/text_models.py): passages
sharing words are alike, so each test can say which passage a suggestion should come from.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.inquiry import suggestions
from thrive.inquiry.core.agreement import passages
from thrive.inquiry.meaning import forget_indexes, refresh_vectors
from thrive.inquiry.models import CoderPreference, Coding, Inquiry, SuggestionDecision
from thrive.jobs.models import Job, run_job

pytestmark = pytest.mark.django_db

WORK = "I started a new job at the bakery and my manager is kind about the shifts"
FAMILY = "My sister helps me with the children when my mother is unwell at home"


def interview(*turns: str) -> str:
    return "\n".join(
        f"{'Interviewer' if i % 2 else 'Participant'}: {t}" for i, t in enumerate(turns)
    )


@pytest.fixture(autouse=True)
def word_model(settings):
    settings.THRIVE_TEXT_MODEL = "tests.inquiry.text_models.words"
    settings.THRIVE_SUGGESTION_MIN_EXAMPLES = 2
    forget_indexes()  # vectors this process keeps may be an earlier test's rolled-back rows


@pytest.fixture
def study(coordinator, worker):
    """Three participants: two coded by the worker (work and family), one not coded yet."""
    inquiry = Inquiry.objects.create_inquiry("Getting back to work", from_template=False)
    inquiry.team.add(coordinator, worker)
    work = inquiry.codes.create(name="Work", position=1)
    family = inquiry.codes.create(name="Family", position=2)
    transcripts = []
    for label in ("P1", "P2", "P3"):
        participant = inquiry.participants.create(label=label)
        text = interview(WORK, "How is that going?", FAMILY)
        transcripts.append(inquiry.add_transcript(f"Interview {label}", text, participant, worker))
    for transcript in transcripts[:2]:
        turns = passages(transcript.text)
        transcript.add_coding(work, *turns[0], worker)
        transcript.add_coding(family, *turns[2], worker)
    refresh_vectors(inquiry)
    return inquiry, transcripts, work, family


def offered(inquiry, transcript, coder_id=None) -> dict[tuple[int, int], list[str]]:
    found, _, _ = suggestions.offers(inquiry, coder_id, {transcript.pk})
    return {(o.ref.start, o.ref.end): [s.code for s in o.suggestions] for o in found}


def test_it_suggests_codes_for_uncoded_passages_from_the_teams_coding(study):
    inquiry, (_, _, fresh), _, _ = study
    turns = passages(fresh.text)
    found = offered(inquiry, fresh)
    assert found[turns[0]] == ["Work"]
    assert found[turns[2]] == ["Family"]
    assert found[turns[1]] == []


def test_below_the_minimum_of_examples_none_is_offered(study, settings):
    inquiry, (_, _, fresh), _, _ = study
    settings.THRIVE_SUGGESTION_MIN_EXAMPLES = 3
    assert all(codes == [] for codes in offered(inquiry, fresh).values())


def test_accepting_makes_it_the_persons_coding_marked_as_suggested(study, coordinator):
    inquiry, (_, _, fresh), work, _ = study
    start, end = passages(fresh.text)[0]
    coding = suggestions.accept(fresh, work, start, end, coordinator, score=0.9, opened_at=1)
    assert (coding.coder, coding.code, coding.start, coding.end) == (coordinator, work, start, end)
    assert coding.suggested is True
    decision = SuggestionDecision.objects.get()
    assert (decision.accepted, decision.coding, decision.decided_by) == (True, coding, coordinator)
    assert (start, end) not in offered(inquiry, fresh)  # coded now, so no longer offered


def test_a_rejected_suggestion_is_never_offered_again_for_that_passage(study, coordinator):
    inquiry, (_, _, fresh), work, _ = study
    start, end = passages(fresh.text)[0]
    suggestions.reject(fresh, work, start, end, coordinator, opened_at=1)
    assert offered(inquiry, fresh)[(start, end)] == []
    assert not Coding.objects.filter(transcript=fresh).exists()


def test_a_blind_coder_gets_suggestions_only_from_their_own_codings(study, coordinator):
    inquiry, (_, _, fresh), work, _ = study
    CoderPreference.set_blind(inquiry, coordinator, True)
    coder_id = suggestions.learner(inquiry, coordinator)
    assert coder_id == coordinator.pk
    assert all(codes == [] for codes in offered(inquiry, fresh, coder_id).values())
    # Their own coding of two work passages is enough to learn from (minimum 2).
    _, (one, two, _), _, _ = study
    for transcript in (one, two):
        transcript.add_coding(work, *passages(transcript.text)[0], coordinator)
    found = offered(inquiry, fresh, coder_id)
    assert found[passages(fresh.text)[0]] == ["Work"]
    assert found[passages(fresh.text)[2]] == []  # family was coded by others


def test_a_blind_coder_does_not_see_the_teams_rejections(study, coordinator, worker):
    inquiry, (_, _, fresh), work, _ = study
    start, end = passages(fresh.text)[0]
    suggestions.reject(fresh, work, start, end, worker, opened_at=1)
    CoderPreference.set_blind(inquiry, coordinator, True)
    assert ("Work" in offered(inquiry, fresh)[(start, end)]) is False
    assert suggestions.rejected(inquiry, coordinator.pk) == set()


def test_the_page_accepts_and_rejects_with_plain_forms(study, coordinator, login_as):
    inquiry, (_, _, fresh), work, family = study
    client = login_as(coordinator)
    url = reverse("inquiry:suggestions", args=[inquiry.pk, fresh.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Work" in page.content and b"Accept" in page.content
    turns = passages(fresh.text)
    decide = reverse("inquiry:suggestion_decide", args=[inquiry.pk, fresh.pk])
    post = {"code": work.pk, "start": turns[0][0], "end": turns[0][1], "score": "0.9"}
    answer = client.post(decide, {**post, "transcript_version": 1, "decision": "accept"})
    assert answer.status_code == 302
    post = {"code": family.pk, "start": turns[2][0], "end": turns[2][1], "score": "0.8"}
    client.post(decide, {**post, "transcript_version": 1, "decision": "reject"})
    coding = Coding.objects.get(transcript=fresh)
    assert (coding.code, coding.coder, coding.suggested) == (work, coordinator, True)
    assert offered(inquiry, fresh) == {turns[1]: [], turns[2]: []}
    details = list(
        AuditEvent.objects.filter(subject_id=str(fresh.pk)).values_list("detail", flat=True)
    )
    assert {"suggestions", "coded as suggested", "suggestion rejected"} <= set(details)
    evidence = AuditEvent.objects.filter(detail__startswith="suggestion evidence from").first()
    assert evidence is not None and evidence.user == coordinator
    transcript_page = client.get(reverse("inquiry:transcript", args=[inquiry.pk, fresh.pk]))
    assert b"suggested by Thrive" in transcript_page.content


def test_bad_input_changes_nothing_and_says_why_in_one_sentence(study, coordinator, login_as):
    inquiry, (_, _, fresh), work, _ = study
    client = login_as(coordinator)
    decide = reverse("inquiry:suggestion_decide", args=[inquiry.pk, fresh.pk])
    answer = client.post(
        decide,
        {"code": work.pk, "start": 1, "end": 5, "transcript_version": 1, "decision": "accept"},
        follow=True,
    )
    assert answer.status_code == 200
    assert b"That passage is no longer in the transcript" in answer.content
    answer = client.post(decide, {"code": "x", "decision": "maybe"}, follow=True)
    assert answer.status_code == 200
    assert not Coding.objects.filter(transcript=fresh).exists()
    assert not SuggestionDecision.objects.exists()


def test_someone_outside_the_team_cannot_see_or_decide(study, outsider, login_as):
    inquiry, (_, _, fresh), work, _ = study
    client = login_as(outsider)
    assert (
        client.get(reverse("inquiry:suggestions", args=[inquiry.pk, fresh.pk])).status_code == 403
    )
    decide = reverse("inquiry:suggestion_decide", args=[inquiry.pk, fresh.pk])
    assert client.post(decide, {"code": work.pk}).status_code == 403


def test_the_measurement_is_kept_until_the_coding_changes(study, worker):
    inquiry, (one, _, three), work, family = study
    three.add_coding(work, *passages(three.text)[0], worker)  # so each fold has 2 examples
    three.add_coding(family, *passages(three.text)[2], worker)
    figures = suggestions.evaluate(inquiry)
    assert figures["unit"] == "passage"
    assert figures["passages"] == 9
    assert figures["overall"]["kappa"] == 1.0  # alike passages, alike codes
    assert figures["overall"]["kappa"] is not None
    learnt = suggestions.learning(inquiry, None)
    assert suggestions.stored_evaluation(learnt, None) == figures
    one.add_coding(work, *passages(one.text)[1], worker)
    assert suggestions.stored_evaluation(suggestions.learning(inquiry, None), None) is None


def test_a_transcript_not_read_yet_gets_an_offer_to_read_it_in_the_background(
    study, coordinator, login_as
):
    inquiry, _, _, _ = study
    late = inquiry.add_transcript("Interview P9", interview(WORK, "And then?", FAMILY))
    client = login_as(coordinator)
    page = client.get(reverse("inquiry:suggestions", args=[inquiry.pk, late.pk]))
    assert b"has not yet read this transcript" in page.content
    assert b"Accept" not in page.content
    answer = client.post(
        reverse("inquiry:suggestions_prepare", args=[inquiry.pk]),
        {"back": reverse("inquiry:suggestions", args=[inquiry.pk, late.pk])},
    )
    job = Job.objects.get(kind=suggestions.KIND)
    assert answer.url == job.get_absolute_url()
    assert job.params["inquiry"] == inquiry.pk
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    page = client.get(reverse("inquiry:suggestions", args=[inquiry.pk, late.pk]))
    assert b"has not yet read" not in page.content
    # Two coded participants: each held out leaves one example per code, below the minimum.
    assert b"Suggestions could not be measured against your team" in page.content
    assert b"Not measured since the coding last changed" not in page.content


def test_a_withdrawn_participants_words_are_never_examples_evidence_or_decisions(
    study, coordinator, settings
):
    inquiry, (one, two, fresh), work, _ = study
    settings.THRIVE_SUGGESTION_MIN_EXAMPLES = 1
    start, end = passages(one.text)[1]
    suggestions.reject(one, work, start, end, coordinator, opened_at=1)
    one.participant.withdraw(coordinator, now=True)
    found, suggester, _ = suggestions.offers(inquiry, None, {fresh.pk})
    evidence = {e.key.transcript_id for o in found for s in o.suggestions for e in s.evidence}
    assert evidence == {two.pk}
    assert suggester.counts == {"Work": 1, "Family": 1}  # only P2's coding is left
    assert not SuggestionDecision.all_including_withdrawn.filter(transcript_id=one.pk).exists()
