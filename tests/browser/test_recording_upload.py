"""On a phone: a recorded interview uploaded, transcribed by the job with its progress shown,
and the timed transcript opened; the settings say whether audio outlives approval."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_erasure_on_a_phone import PHONE, fits
from tests.browser.test_jobs import worker_in_a_thread
from tests.inquiry.recorded import INTERVIEW
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_recording_becomes_a_timed_transcript_through_a_job(
    coordinator_in, live_server, page: Page, assert_accessible
):
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews")
    inquiry.team.add(coordinator_in)
    inquiry.participants.create(label="P8")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/upload/")
    expect(page.get_by_role("main")).to_contain_text("nothing is sent anywhere")
    page.get_by_label("Transcript files or recordings").set_input_files(
        [{"name": "P8.wav", "mimeType": "audio/wav", "buffer": INTERVIEW.read_bytes()}]
    )
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Transcription of “P8.wav”")
    expect(page.get_by_text("Transcribing 1 recording on this machine")).to_be_visible()
    status = page.locator("#job-status")
    expect(status).to_contain_text("Waiting for a worker")
    fits(page)
    assert_accessible(page)

    worker = worker_in_a_thread()
    check = page.get_by_role("link", name="Check the transcript")
    expect(check).to_be_visible(timeout=60_000)  # htmx polling, no reload
    expect(status).to_contain_text("Transcribed “P8”")
    assert_accessible(page)
    worker.join(timeout=30)

    check.click()
    expect(page.get_by_role("main")).to_contain_text("Interviewer:")
    expect(page.get_by_role("main")).to_contain_text("P8:")
    expect(page.get_by_role("main")).to_contain_text("trusted")
    fits(page)
    assert_accessible(page)


def test_the_settings_explain_keeping_audio_after_approval_on_a_phone(
    coordinator_in, live_server, page: Page, assert_accessible
):
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/settings/")
    keep = page.get_by_label("Keep interview recordings after approval")
    expect(keep).not_to_be_checked()
    fits(page)
    assert_accessible(page)
    keep.check()
    page.get_by_role("button", name="Save settings").click()
    inquiry.refresh_from_db()
    assert inquiry.keep_audio_after_approval
