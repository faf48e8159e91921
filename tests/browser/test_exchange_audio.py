"""On a phone, the team downloads an inquiry with a recorded interview and leaves audio out."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import Page, expect

from tests.inquiry.recorded import recorded_transcript
from thrive.accounts.models import Role
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_exchange_page_leaves_audio_out_when_asked(
    django_user_model, live_server, page: Page, log_in, assert_accessible, tmp_path, storage_in
):
    coordinator = django_user_model.objects.create_user("cora", password="x", role=Role.COORDINATOR)
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews", user=coordinator)
    recorded_transcript(inquiry, "P8 interview", cues=[Cue(0.0, 2.0, "Hello.", "P8")])
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
