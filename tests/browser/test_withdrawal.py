"""A coordinator records a participant's withdrawal and erases them now, in the browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.inquiry.withdrawal_story import WORDS, build
from thrive.inquiry.models import Participant, Transcript

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_withdraws_a_participant_and_erases_them_now(
    page: Page, live_server, coordinator_in, assert_accessible
):
    story = build(coordinator_in)
    base = f"{live_server.url}/inquiries/{story.inquiry.pk}"
    page.goto(f"{base}/participants/{story.leaves.pk}/")
    page.get_by_role("link", name="Withdraw P2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw P2 from the inquiry")
    assert_accessible(page)
    page.get_by_role("button", name="Record that P2 has withdrawn").click()
    expect(page.get_by_text("P2 has withdrawn. Their words are hidden")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/search/?q={WORDS[0]}")
    expect(page.get_by_text("Thursdays")).to_have_count(0)

    page.goto(f"{base}/participants/{story.leaves.pk}/")
    page.get_by_role("link", name="Erase now").click()
    page.get_by_label("Type their label, P2, to confirm").fill("P1")
    page.get_by_role("button", name="Erase now, for good").click()
    expect(page).to_have_title(re.compile(r"^Error: Erase P2"))
    assert_accessible(page)
    page.get_by_label("Type their label, P2, to confirm").fill("P2")
    page.get_by_role("button", name="Erase now, for good").click()
    expect(page.get_by_text("Everything P2 said has been erased, for good.")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    assert not Participant.objects.filter(label="P2").exists()
    assert not Transcript.all_including_withdrawn.filter(participant_id=story.leaves.pk).exists()
