"""A coder accepts one suggested code and rejects another, on a phone's width; axe checks it."""

import pytest
from playwright.sync_api import Page, expect

from thrive.inquiry.core.agreement import passages
from thrive.inquiry.meaning import forget_indexes, refresh_vectors
from thrive.inquiry.models import Coding, Inquiry, SuggestionDecision

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
WORK = "I started a new job at the bakery and my manager is kind about the shifts"
FAMILY = "My sister helps me with the children when my mother is unwell at home"
TEXT = f"Participant: {WORK}\nInterviewer: How is that going?\nParticipant: {FAMILY}"


def test_a_coder_accepts_one_suggestion_and_rejects_another(
    page: Page, live_server, log_in, django_user_model, assert_accessible, settings
):
    settings.THRIVE_TEXT_MODEL = "tests.inquiry.text_models.words"
    forget_indexes()
    sam = django_user_model.objects.create_user("sam", role="worker", first_name="Sam")
    river = django_user_model.objects.create_user("river", role="co_researcher", coder_name="River")
    inquiry = Inquiry.objects.create_inquiry("Together", from_template=False)
    inquiry.team.add(sam, river)
    work = inquiry.codes.create(name="Work", position=1)
    family = inquiry.codes.create(name="Family", position=2)
    for label in ("P1", "P2", "P3", "P4"):
        participant = inquiry.participants.create(label=label)
        transcript = inquiry.add_transcript(f"Interview {label}", TEXT, participant, sam)
        if label != "P4":
            turns = passages(TEXT)
            transcript.add_coding(work, *turns[0], sam)
            transcript.add_coding(family, *turns[2], sam)
    refresh_vectors(inquiry)
    log_in(river)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/")
    page.get_by_role("link", name="Suggested codes").click()
    expect(page.get_by_role("heading", name="Suggested codes for Interview P4")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_text("Why: the most similar passages coded this way").first.click()
    expect(page.get_by_role("link", name="Interview P1").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Accept Work for this passage").click()
    expect(page.locator("#suggestion-status")).to_contain_text("It is your coding now")
    page.get_by_role("button", name="Reject Family for this passage").click()
    expect(page.locator("#suggestion-status")).to_contain_text("will not be suggested again")
    expect(page.get_by_text("Every passage of this transcript is coded")).to_have_count(0)
    expect(page.get_by_role("button", name="Accept Family for this passage")).to_have_count(0)
    assert_accessible(page)

    coding = Coding.objects.get(transcript=transcript)
    assert (coding.code, coding.coder, coding.suggested) == (work, river, True)
    assert SuggestionDecision.objects.get(accepted=False).code == family
    page.reload()
    expect(page.get_by_role("button", name="Accept Family for this passage")).to_have_count(0)
    page.get_by_role("link", name="Back to the transcript").click()
    expect(page.get_by_text("suggested by Thrive")).to_be_visible()
    assert_accessible(page)
