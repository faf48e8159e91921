"""Two coders compare their coding in the browser and settle a disagreement; axe checks it."""

import pytest
from playwright.sync_api import Page, expect

from thrive.inquiry.models import Code, Coding, Inquiry

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = (
    "Interviewer: What helped?\n"
    "P1: Having somewhere to live.\n"
    "Interviewer: And work?\n"
    "P1: The job coach came with me to the first day.\n"
)


def test_a_coder_codes_blind_compares_and_settles_a_disagreement(
    page: Page, live_server, log_in, django_user_model, assert_accessible
):
    sam = django_user_model.objects.create_user("sam", role="worker", first_name="Sam")
    river = django_user_model.objects.create_user("river", role="co_researcher", coder_name="River")
    inquiry = Inquiry.objects.create_inquiry("Together", from_template=False)
    inquiry.team.add(sam, river)
    thriving = Code.objects.create(inquiry=inquiry, name="Thriving", codable=False)
    work = Code.objects.create(inquiry=inquiry, name="Work", parent=thriving)
    home = Code.objects.create(inquiry=inquiry, name="Home", parent=thriving)
    transcript = inquiry.add_transcript("Interview 1", TEXT)
    having = TEXT.index("Having")
    transcript.add_coding(home, having, having + 10, sam)
    transcript.add_coding(home, having, having + 10, river)
    transcript.add_coding(work, TEXT.index("The job"), TEXT.index("The job") + 13, sam)
    log_in(river)

    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/")
    page.get_by_role("button", name="Hide other coders' codings").click()
    expect(page.locator("#blind-status")).to_contain_text("2 codings by other coders are hidden")
    assert_accessible(page)
    page.get_by_role("button", name="Compare now").click()
    expect(page.get_by_role("heading", name="Coded passages (3)")).to_be_visible()

    page.get_by_role("navigation", name="This inquiry").get_by_role(
        "link", name="Agreement"
    ).click()
    expect(page.get_by_role("row", name="Thriving > Home")).to_contain_text("100.0%")
    expect(page.get_by_role("heading", name="Passages where they disagree (1)")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.get_by_label("Sam’s codes").check()
    page.get_by_label("Why (optional)").fill("The coach is work support")
    page.get_by_role("button", name="Settle this passage").click()
    expect(page.get_by_role("heading", name="Passages where they disagree (0)")).to_be_visible()
    expect(page.get_by_text("kept Sam’s codes")).to_be_visible()
    assert Coding.objects.filter(coder=river, code=work).count() == 1
