"""In the browser: coding a page opened before the text changed is refused kindly, over htmx."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_inquiry import SELECT
from thrive.inquiry.models import Code, Coding, Inquiry
from thrive.journeys.models import Goal, Journey, Person

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Interviewer: How is home?\nP1: Warm and quiet now. My sister Jo visits.\n"


def test_it_refuses_a_coding_of_words_changed_since_the_page_opened(
    live_server, page: Page, log_in, coordinator, assert_accessible
):
    inquiry = Inquiry.objects.create_inquiry("Stale")
    inquiry.team.add(coordinator)
    transcript = inquiry.add_transcript("Interview", TEXT)
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    log_in(coordinator)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/")

    transcript.edit_text(TEXT.replace("Jo", "[name]"))  # someone else redacts meanwhile
    page.evaluate(SELECT, "Jo")
    page.get_by_label(home.name, exact=True).check()
    page.get_by_role("button", name="Apply codes").click()

    summary = page.locator("#workbench .error-summary")
    expect(summary).to_contain_text("The transcript changed since you opened this page")
    expect(summary).to_be_focused()
    expect(page.locator("#transcript-text")).to_contain_text("My sister [name] visits.")
    expect(page.locator("#transcript-facts")).to_contain_text("Version 2")
    expect(page.get_by_label(home.name, exact=True)).to_be_checked()
    assert not Coding.objects.exists()
    assert_accessible(page)

    page.evaluate(SELECT, "[name]")
    page.get_by_role("button", name="Apply codes").click()
    expect(page.locator("#coding-status")).to_contain_text("Coded “[name]”")
    coding = Coding.objects.get()
    assert coding.quote == "[name]" and coding.transcript_version == 2


def test_it_shows_what_an_entry_says_now_above_the_persons_own_words(
    live_server, page: Page, log_in, worker, assert_accessible
):
    person = Person.refer(on=date(2025, 4, 1), name="Ada Lovelace", journey={})
    person.supporters.add(worker)
    goal = Goal.objects.create(
        journey=Journey.objects.get(person=person),
        set_on=date(2025, 4, 2),
        in_their_words="finish my english corse",
    )
    log_in(worker)
    page.goto(f"{live_server.url}/people/{person.pk}/correct/goal/{goal.pk}/")
    Goal.objects.filter(pk=goal.pk).update(in_their_words="Finish my course", version=2)
    page.get_by_label("Their goal, in their words").fill("Finish my English course")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_title(re.compile(r"^Error: Correct: add a goal"))
    expect(page.locator(".changed-since-opened")).to_contain_text("Finish my course")
    expect(page.get_by_label("Their goal, in their words")).to_have_value(
        "Finish my English course"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Corrected on Ada Lovelace's timeline.")
    goal.refresh_from_db()
    assert goal.in_their_words == "Finish my English course" and goal.version == 3
