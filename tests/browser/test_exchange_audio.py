"""On a phone, the team downloads an inquiry with a recorded interview and leaves audio out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from thrive.accounts.models import Role
from thrive.files.store import keep
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Inquiry, Recording

WAV = Path(__file__).parents[1] / "inquiry" / "data" / "short_interview.wav"

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_exchange_page_leaves_audio_out_when_asked(
    django_user_model, live_server, page: Page, log_in, assert_accessible, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "storage"},
        },
    }
    coordinator = django_user_model.objects.create_user("cora", password="x", role=Role.COORDINATOR)
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews", user=coordinator)
    transcript = inquiry.add_timed_transcript("P8 interview", [Cue(0.0, 2.0, "Hello.", "P8")])
    stored = keep(
        WAV.read_bytes(),
        "P8.wav",
        kind="audio",
        subject_type="transcript",
        subject_id=transcript.pk,
    )
    Recording.objects.create(transcript=transcript, original=stored, media_type="audio/wav")
    log_in(coordinator)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/exchange/")
    leave_out = page.get_by_role("checkbox", name="Leave audio out")
    expect(leave_out).not_to_be_checked()
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the exchange page scrolls sideways at 390 px"

    leave_out.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the project (.qdpx)").click()
    saved = tmp_path / "project.qdpx"
    download.value.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "project.qde" in names
    assert not [name for name in names if name.endswith(".wav")]
