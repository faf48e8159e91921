"""The demo's study report, read as a reader reads its HTML and its PDF."""

from __future__ import annotations

import html
import re
import subprocess
from itertools import pairwise

import pytest

from tests.pdf_text import pdf_text
from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.inquiry.core.case_sections import SECTIONS
from thrive.inquiry.models import Coding, Inquiry, Participant
from thrive.inquiry.quotable import may_quote
from thrive.reports.study_report import CONTENTS, as_html, as_pdf, gather

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    """Text as a reader compares it: entities decoded, tags and runs of space gone."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("’", "'").split())


def flowing_pdf_text(pdf: bytes) -> str:
    """The PDF's text block by block (no layout), so a table cell's sentence stays whole."""
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return words(done.stdout.decode("utf-8"))


def spoken_sentences(participant: Participant) -> set[str]:
    """Every sentence the participant said (their own turns) and every quote of their codings."""
    said = set()
    for transcript in participant.transcripts.all():
        for line in transcript.text.splitlines():
            if line.startswith(f"{participant.label}:"):
                said.update(re.split(r"(?<=[.!?])\s+", line.partition(":")[2].strip()))
    for coding in Coding.objects.filter(transcript__participant=participant):
        said.add(coding.quote)
    return {" ".join(s.replace("’", "'").split()) for s in said if s.strip()}


@pytest.fixture
def demo_report():
    load_demo()
    inquiry = Inquiry.objects.get(title=DEMO_INQUIRY)
    report = gather(inquiry)
    return inquiry, report, as_html(report), as_pdf(report)


def test_it_has_a_section_per_participant_in_label_order_then_the_studys_parts(demo_report):
    _, report, _, pdf = demo_report
    text = pdf_text(pdf)
    labels = [p.label for p in report.participants]
    assert labels == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    body = text[text.index("The participants", text.index("Contents") + 200) :]
    places = [body.index(f" {label} ") for label in labels]
    assert places == sorted(places)
    parts = [body.index(title) for _, title in CONTENTS]
    assert parts == sorted(parts)
    for person, after in pairwise(labels[:6]):
        own = body[body.index(f" {person} ") : body.index(f" {after} ")]
        places = [own.index(section.title) for section in SECTIONS]
        assert places == sorted(places), person


def test_it_draws_both_trees_with_a_text_list_of_their_themes(demo_report):
    _, report, page, pdf = demo_report
    text = flowing_pdf_text(pdf)
    trees = text[
        text.rindex("The trees of change") : text.rindex("Conclusions and recommendations")
    ]
    assert "Distress: the tree of invalidating conditions" in trees
    assert "Growth: the tree of validating conditions" in trees
    assert page.count('class="tree tree-') == 2
    for tree in report.trees:
        assert tree.svg in page
        for _, name, _ in tree.items:
            assert name in trees, name


def test_it_lists_the_contents_with_page_numbers(demo_report):
    _, _, page, pdf = demo_report
    text = pdf_text(pdf)
    for anchor, title in CONTENTS:
        assert re.search(rf"{re.escape(title)} ?\.+ ?\d+", text), title
        assert f'<a href="#{anchor}">{title}</a>' in page and f'id="{anchor}"' in page


def test_it_quotes_no_sentence_of_a_participant_who_has_not_approved(demo_report):
    inquiry, _, page, pdf = demo_report
    waiting = [p for p in inquiry.participants.all() if not may_quote(p)]
    approved = [p for p in inquiry.participants.all() if may_quote(p)]
    assert {p.label for p in waiting} == {"P6", "P7"}
    also_said_by_others = set().union(*(spoken_sentences(p) for p in approved))
    sentences = set().union(*(spoken_sentences(p) for p in waiting)) - also_said_by_others
    assert len(sentences) > 100
    seen_in_html, seen_in_pdf = words(page), flowing_pdf_text(pdf)
    assert "P6's summary waits for their approval" in seen_in_html
    for sentence in sentences:
        assert sentence not in seen_in_html
        assert sentence not in seen_in_pdf


def test_it_quotes_approved_participants_in_what_was_learnt(demo_report):
    _, report, page, _ = demo_report
    quoted = [q for key in report.learnt for theme in key.themes for q in theme.quotes]
    assert quoted and {q.participant for q in quoted} <= {"P1", "P2", "P3", "P4", "P5"}
    assert all(len(theme.quotes) <= 2 for key in report.learnt for theme in key.themes)
    assert html.escape(quoted[0].text) in page


def test_it_states_the_limitations_from_the_member_checks(demo_report):
    *_, pdf = demo_report
    text = pdf_text(pdf)
    assert "The inquiry heard from 7 participants" in text
    assert "6 participants read the record of their own interview; 1 asked for changes" in text
    assert "1 participant had not replied about their record" in text


def test_it_draws_a_chart_beside_a_table_of_its_figures(demo_report):
    _, report, page, _ = demo_report
    for chart in report.charts:
        assert chart.svg.lstrip().startswith("<svg") and "<title>" in chart.svg
        assert f"<caption>{chart.title}</caption>" in page


def test_its_html_stands_alone_with_no_inline_style_or_script(demo_report):
    _, _, page, _ = demo_report
    assert "<style" not in page and "<script" not in page
    assert '<link rel="stylesheet" href="data:text/css;base64,' in page


def test_it_holds_the_framework_table_and_the_three_appendix_tables(demo_report):
    _, report, _, pdf = demo_report
    text = pdf_text(pdf)
    appendix = text[text.rindex("Appendix tables") :]
    titles = [table.title for table in report.appendix]
    assert titles == ["Demographics", "Vocational outcomes", "Impact and outcomes"]
    places = [appendix.index(title) for title in titles]
    assert places == sorted(places)
    framework = text[text.rindex("The framework") : text.rindex("The trees of change")]
    for row in report.framework.rows:
        assert row.area in framework
    assert "A home that lets you sleep" in framework
