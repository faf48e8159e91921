"""An inquiry group member starts an inquiry, uploads interviews and codes them in the browser."""

import io

import docx
import pytest
from playwright.sync_api import Page, expect

from thrive.inquiry.models import Coding, Transcript

pytestmark = pytest.mark.django_db(transaction=True)

SELECT = """
(needle) => {
  const root = document.getElementById("transcript-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const at = text.indexOf(needle);
  if (at < 0) throw new Error("not found: " + needle);
  const place = (pos, preferNext) => {
    for (const [node, offset] of nodes) {
      const end = offset + node.data.length;
      if (preferNext ? pos < end : pos <= end) return [node, pos - offset];
    }
  };
  const range = document.createRange();
  range.setStart(...place(at, true));
  range.setEnd(...place(at + needle.length, false));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
"""

INTERVIEW = (
    "Interviewer: What helped you most?",
    "P1: The warm welcome 🙂 mattered most. My worker never rushed me.",
    "Interviewer: Anything else?",
    "P1: Earning my own money again changed everything.",
)
CAPTIONS = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How did you find the Hub?\n\n"
    "00:00:05.000 --> 00:00:09.000\n<v P2>A card in the library said no referral needed.\n"
)


def word_file() -> bytes:
    document = docx.Document()
    for line in INTERVIEW:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def code_passage(page: Page, passage: str, code: str, text: str) -> None:
    """Select the passage with the DOM selection, tick the code and apply it."""
    page.wait_for_load_state("load")  # the coding script is deferred: let it run first
    page.evaluate(SELECT, passage)
    start = text.index(passage)
    expect(page.locator("#id_start")).to_have_value(str(start))
    expect(page.locator("#id_end")).to_have_value(str(start + len(passage)))
    expect(page.locator("#selection-summary")).to_contain_text("Selected:")
    page.get_by_label(code, exact=True).check()
    page.get_by_role("button", name="Apply codes").click()
    expect(page.locator("#coding-status")).to_contain_text(f"as {code}.")


def test_it_runs_an_inquiry_from_upload_to_the_framework_matrix(
    live_server, page: Page, log_in, coordinator, assert_accessible
):
    log_in(coordinator)
    page.goto(f"{live_server.url}/inquiries/new/")
    page.get_by_label("Title").fill("What helps people thrive")
    page.get_by_role("button", name="Start the inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What helps people thrive")

    page.get_by_role("link", name="See and add participants").click()
    page.get_by_role("link", name="Add a participant").click()
    expect(page.get_by_label("Label")).to_have_value("P1")
    page.get_by_role("button", name="Add the participant").click()
    expect(
        page.get_by_role("cell", name="P1", exact=True).or_(
            page.get_by_role("rowheader", name="P1", exact=True)
        )
    ).to_be_visible()

    page.get_by_role("link", name="What helps people thrive").first.click()
    page.get_by_role("link", name="Upload transcripts").click()
    page.get_by_label("Transcript files").set_input_files(
        [
            {"name": "P1.docx", "mimeType": "application/octet-stream", "buffer": word_file()},
            {"name": "P2.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS.encode()},
        ]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Added 2 transcripts.")).to_be_visible()

    page.get_by_role("link", name="P1", exact=True).click()
    text = Transcript.objects.get(title="P1").text
    expect(page.locator(".speaker").first).to_have_text("Interviewer: ")

    code_passage(page, "warm welcome 🙂 mattered", "Somewhere to dwell (validating)", text)
    code_passage(page, "mattered most. My worker never rushed me", "Someone to love", text)
    code_passage(page, "Earning my own money again", "Economic inclusion", text)
    expect(page.locator("mark.depth-2")).to_have_text("mattered")
    assert sorted(Coding.objects.values_list("quote", flat=True)) == [
        "Earning my own money again",
        "mattered most. My worker never rushed me",
        "warm welcome 🙂 mattered",
    ]
    assert_accessible(page)

    page.get_by_role("link", name="Write a memo on Someone to love").click()
    page.get_by_label("Memo").fill("Being unhurried came up with every participant.")
    page.get_by_role("button", name="Save the memo").click()
    expect(page.locator(".margin-list .memo")).to_contain_text("Being unhurried")

    page.get_by_role("navigation", name="This inquiry").get_by_role("link", name="Passages").click()
    page.get_by_label("Code", exact=True).select_option(label="— Someone to love (1)")
    page.get_by_role("button", name="Show passages").click()
    expect(page.locator(".passages blockquote")).to_have_text(
        "mattered most. My worker never rushed me"
    )
    expect(page.locator(".passages .memo")).to_contain_text("Being unhurried")

    page.get_by_role("navigation", name="This inquiry").get_by_role(
        "link", name="Framework matrix"
    ).click()
    matrix = page.locator("table.matrix")
    expect(matrix.get_by_role("columnheader", name="P1")).to_be_visible()
    expect(matrix.get_by_role("link", name="“Earning my own money again”").first).to_be_visible()
    assert_accessible(page)

    matrix.get_by_role("link", name="“Earning my own money again”").first.click()
    expect(page.locator("#hl + .found, .found").first).to_be_visible()


def test_it_lets_a_keyboard_user_select_with_shift_and_arrows(
    live_server, page: Page, log_in, coordinator
):
    from thrive.inquiry.models import Inquiry

    inquiry = Inquiry.objects.create_inquiry("Keys")
    inquiry.team.add(coordinator)
    transcript = inquiry.add_transcript("Keys", "P1: 🙂 ok then\n")
    log_in(coordinator)
    page.goto(f"{live_server.url}/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/")
    region = page.locator("#transcript-text")
    region.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("#id_start")).to_have_value("4")
    expect(page.locator("#id_end")).to_have_value("8")
    page.keyboard.press("c")
    expect(page.locator("#coding-form input[name=codes]").first).to_be_focused()
