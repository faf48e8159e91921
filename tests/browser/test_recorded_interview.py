"""A recorded interview in the browser: play a coded passage, correct a segment while
listening, give segments to speakers from the keyboard; axe on a desktop and a phone."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.inquiry.recorded import recorded_transcript
from thrive.accounts.models import Role
from thrive.inquiry.models import Code, Inquiry, Participant

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PLAYED = """() => {
  const audio = document.getElementById("player");
  return !!audio && (audio.ended || audio.currentTime > 0.3);
}"""


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def played_and_fits_a_phone(page: Page, span: str, assert_accessible) -> None:
    """The player played the clip of `span`, and the page passes axe wide and on a phone."""
    page.wait_for_function(PLAYED, timeout=15_000)
    assert span in page.evaluate("document.getElementById('player').src")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    fits(page)


@pytest.fixture
def recorded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sam = get_user_model().objects.create_user("sam", role=Role.CO_RESEARCHER, first_name="Sam")
    inquiry = Inquiry.objects.create_inquiry("Paid work", user=sam)
    inquiry.team.add(sam)
    participant = Participant.objects.create(inquiry=inquiry, label="P8")
    transcript = recorded_transcript(inquiry, "P8 recorded", participant, sam)
    code = Code.objects.get(inquiry=inquiry, name="Economic inclusion")
    start = transcript.text.index("Being paid")
    transcript.add_coding(code, start, start + len("Being paid for the work."), sam)
    return sam, transcript


def test_a_coded_passage_plays_and_a_segment_is_corrected_while_listening(
    live_server, page: Page, log_in, assert_accessible, recorded
):
    sam, transcript = recorded
    log_in(sam)
    base = f"{live_server.url}/inquiries/{transcript.inquiry_id}/transcripts/{transcript.pk}/"
    page.goto(base)
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Play Economic inclusion").click()
    played_and_fits_a_phone(page, "start=3900&end=5400", assert_accessible)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Correct while listening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct P8 recorded")
    page.wait_for_load_state("load")
    words = page.get_by_label("Segment 3")
    words.focus()
    page.keyboard.press("Alt+KeyP")
    played_and_fits_a_phone(page, "start=5600&end=7500", assert_accessible)
    words.fill("It meant they trusted me.")
    page.get_by_role("button", name="Save the corrections").click()
    expect(page.get_by_text("Saved version 2: 1 segment corrected.")).to_be_visible()
    expect(page.locator("#transcript-text")).to_contain_text("It meant they trusted me.")
    expect(page.locator(".margin-list q")).to_have_text("Being paid for the work.")


def test_speakers_are_given_from_the_keyboard_and_confirmed_on_saving(
    live_server, page: Page, log_in, assert_accessible, recorded
):
    sam, transcript = recorded
    transcript.segments.update(speaker_guessed=True)
    log_in(sam)
    page.set_viewport_size(PHONE)
    page.goto(
        f"{live_server.url}/inquiries/{transcript.inquiry_id}/transcripts/{transcript.pk}/speakers/"
    )
    page.wait_for_load_state("load")
    expect(page.locator("[data-guess]")).to_have_count(3)
    assert_accessible(page)
    fits(page)
    page.locator('input[name="speaker-0"]:checked').focus()
    page.keyboard.press("i")
    page.keyboard.press("p")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("i")
    expect(page.locator('input[name="speaker-1"]:checked')).to_have_value("P8")
    expect(page.locator('input[name="speaker-2"]:checked')).to_have_value("Interviewer")
    expect(page.get_by_text("Your choice")).to_have_count(3)
    page.get_by_role("button", name="Save the speakers").click()
    expect(page.locator("#transcript-text")).to_contain_text("Interviewer: It meant I was trusted.")
    assert not transcript.segments.filter(speaker_guessed=True).exists()
