"""The demo's study report as a person sees it: PDF pages as pictures, the HTML in chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PIL import Image
from playwright.sync_api import Page

from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.inquiry.models import Inquiry
from thrive.reports.study_report import as_html, as_pdf, gather

pytestmark = pytest.mark.django_db

CM = 72 / 2.54  # PDF points in a centimetre
MARGIN = 2 * CM  # the print stylesheet's left, right and top margins
EDGE = 0.5 * CM  # the page number sits in the bottom margin, never nearer the edge than this
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
TEXT_BLOCKS = "h1, h2, h3, h4, p, li, th, td, caption, blockquote, figcaption, footer, a"


@pytest.fixture
def demo_report():
    load_demo()
    report = gather(Inquiry.objects.get(title=DEMO_INQUIRY))
    return as_html(report), as_pdf(report)


def test_no_pdf_page_is_blank(demo_report, tmp_path: Path):
    _, pdf = demo_report
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
        check=True,
    )
    pictures = sorted(tmp_path.glob("page*.png"))
    assert len(pictures) > 10
    for picture in pictures:
        grey = Image.open(picture).convert("L")
        inked = sum(count for value, count in enumerate(grey.histogram()) if value < 200)
        assert inked > 50, f"{picture.name} is blank"


def test_no_pdf_word_lies_outside_the_printable_area(demo_report, tmp_path: Path):
    _, pdf = demo_report
    (tmp_path / "report.pdf").write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        check=True,
    )
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = ElementTree.fromstring(done.stdout).findall(".//x:page", ns)
    outside = []
    for number, page in enumerate(pages, 1):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iterfind(".//x:word", ns):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            inside = (
                x0 >= MARGIN - 1 and x1 <= width - MARGIN + 1 and y0 >= MARGIN - 1
            ) and y1 <= height - EDGE
            if not inside:
                outside.append((number, word.text, round(x0), round(y0), round(x1), round(y1)))
    assert pages and outside == []


OVERFLOWING = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
  .map((el) => `${el.tagName}: ${el.textContent.trim().slice(0, 60)}`)"""

LABELS = """() => [...document.querySelectorAll('svg.tree')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text.tree-label')].map((t) => t.getBoundingClientRect());
  const outside = labels.filter((r) =>
    r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom).length;
  let touching = 0;
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i], b = labels[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) touching++;
  }
  return {labels: labels.length, outside, touching};
})"""


@pytest.mark.parametrize("size", SIZES)
def test_no_html_text_overflows_its_box(demo_report, page: Page, size: str):
    html, _ = demo_report
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(html)
    assert page.evaluate(OVERFLOWING, TEXT_BLOCKS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", SIZES)
def test_every_tree_label_lies_inside_its_drawing_touching_no_other(
    demo_report, page: Page, size: str
):
    html, _ = demo_report
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(html)
    trees = page.evaluate(LABELS)
    assert len(trees) == 2
    for tree in trees:
        assert tree["labels"] > 0 and tree["outside"] == 0 and tree["touching"] == 0, tree


@pytest.mark.parametrize("size", SIZES)
def test_the_html_passes_axe(demo_report, page: Page, size: str, assert_accessible):
    html, _ = demo_report
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(html)
    assert_accessible(page)
