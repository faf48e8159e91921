"""A participant checks their own record through a private link, and the team decides."""

import pytest
from playwright.sync_api import Page, expect

from thrive.inquiry.models import Code, Inquiry, Participant

pytestmark = pytest.mark.django_db(transaction=True)

INTERVIEW = (
    "Interviewer: What was the Hub like at first?\n"
    "P1: Nobody asked me for a diagnosis, they asked what I wanted to do.\n"
    "P1: I started on the garden team, two mornings a week.\n"
)


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def board_status(page: Page):
    return page.get_by_role("row", name="P1").locator("td[data-status]")


def test_a_participant_comments_asks_for_a_rewording_and_approves_and_the_team_decides(
    page: Page, browser, live_server, coordinator_in, assert_accessible
):
    inquiry = Inquiry.objects.create_inquiry("Back to the garden", user=coordinator_in)
    p1 = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = inquiry.add_transcript("Interview with P1", INTERVIEW, p1, coordinator_in)
    code = Code.objects.create(
        inquiry=inquiry, name="ACC-01", description="Being accepted as a whole person"
    )
    start = INTERVIEW.index("Nobody asked")
    transcript.add_coding(code, start, start + 40, coordinator_in)

    team = f"{live_server.url}/inquiries/{inquiry.pk}"
    page.goto(f"{team}/participants/{p1.pk}/member-check/")
    page.get_by_role("button", name="Send a link").click()
    link = page.get_by_label("Private link").input_value()
    assert link.startswith(live_server.url + "/member-check/")

    their = browser.new_context()  # the participant: no account, no session
    own = their.new_page()
    own.goto(link)
    expect(own.get_by_role("heading", level=1)).to_have_text("Your interview")
    expect(own.get_by_text("Being accepted as a whole person")).to_be_visible()
    expect(own.get_by_text("ACC-01")).to_have_count(0)
    assert_accessible(own)
    own.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(own)
    assert no_sideways_scrolling(own)

    own.get_by_label("Which part?").select_option("2")
    own.get_by_label("Comment on it").check()
    own.get_by_label("Your words").fill("Yes, that is how it felt.")
    own.get_by_role("button", name="Send").click()
    expect(own.get_by_text("We have your answer")).to_be_visible()
    own.get_by_label("Which part?").select_option("3")
    own.get_by_label("Ask for it to be worded differently").check()
    own.get_by_label("Your words").fill("P1: I joined the garden team, two mornings a week.")
    own.get_by_role("button", name="Send").click()
    own.get_by_role("button", name="Yes, this is a fair record").click()
    expect(own.get_by_text("The team has not looked at this yet.")).to_have_count(3)
    assert_accessible(own)

    page.goto(f"{team}/member-checks/")
    expect(board_status(page)).to_have_text("Commented")
    rewording = page.locator("section.card", has_text="Asked for a rewording")
    rewording.get_by_role("button", name="Accept and change the transcript").click()
    expect(board_status(page)).to_have_text("Amended")
    transcript.refresh_from_db()
    assert "I joined the garden team" in transcript.text and transcript.version == 2
    for left in (1, 0):  # the comment, then the approval
        page.get_by_role("button", name="Accept", exact=True).first.click()
        expect(page.locator("section.card")).to_have_count(left)
    expect(board_status(page)).to_have_text("Approved")
    expect(page.get_by_text("No open tasks.")).to_be_visible()
    assert_accessible(page)

    own.goto(link)
    expect(
        own.get_by_text("P1: I joined the garden team, two mornings a week.", exact=True)
    ).to_be_visible()
    expect(own.get_by_text("The team made this change.")).to_be_visible()
    assert_accessible(own)
    assert no_sideways_scrolling(own)
    their.close()
