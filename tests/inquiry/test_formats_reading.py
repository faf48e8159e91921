"""Transcript files in every supported format become the same canonical text."""

import io

import pytest

from thrive.inquiry.core.formats import canonical_text, transcript_text


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(heading: str, paragraphs: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=heading))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_it_reads_a_word_document_in_paragraph_order():
    data = docx_bytes(["Interviewer: Welcome back.", "P4: Thanks — it’s good 😊"])
    assert transcript_text("p4.docx", data) == (
        "Interviewer: Welcome back.\nP4: Thanks — it’s good 😊\n"
    )


def test_it_reads_word_tables_after_the_paragraphs_before_them():
    data = docx_bytes(["Session log"], table=[["Date", "Topic"], ["3 May", "CV"]])
    assert transcript_text("log.docx", data) == "Session log\nDate\tTopic\n3 May\tCV\n"


def test_it_reads_an_opendocument_text_with_headings():
    data = odt_bytes("Interview 2", ["Interviewer: Hello.", "P2: Hiya, café’s open."])
    assert transcript_text("p2.odt", data) == (
        "Interview 2\nInterviewer: Hello.\nP2: Hiya, café’s open.\n"
    )


def test_it_reads_rich_text_with_escaped_characters():
    rtf = (
        rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Arial;}}\f0 "
        rb"Interviewer: Caf\'e9?\par P1: Yes \u8212? fine.\par}"
    )
    assert transcript_text("p1.rtf", rtf) == "Interviewer: Café?\nP1: Yes — fine.\n"


def test_it_lays_webvtt_cues_out_one_line_each_labelled_where_the_voice_changes():
    vtt = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Interviewer>How has the job search been?

00:00:03.500 --> 00:00:06.000
<v Sam Lee>Slow at first.

00:00:06.000 --> 00:00:08.000
<v Sam Lee>Then the <i>peer group</i> helped.

00:00:08.500 --> 00:00:09.000
<v Interviewer>Good to hear.
"""
    assert transcript_text("sam.vtt", vtt.encode()) == (
        "Interviewer: How has the job search been?\n"
        "Sam Lee: Slow at first.\n"
        "Then the peer group helped.\n"
        "Interviewer: Good to hear.\n"
    )


def test_it_reads_subrip_one_line_per_cue_keeping_speaker_prefixes():
    srt = (
        "1\r\n00:00:01,000 --> 00:00:02,500\r\nInterviewer: Ready?\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:05,000\r\nP9: Yes. I brought\r\nmy notes.\r\n\r\n"
        "3\r\n00:00:05,000 --> 00:00:06,000\r\nThey are short.\r\n"
    )
    assert transcript_text("p9.srt", srt.encode()) == (
        "Interviewer: Ready?\nP9: Yes. I brought my notes.\nThey are short.\n"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"Line one\r\nLine two   \r\n\r\n",
        "\ufeffLine one\nLine two\n".encode(),
        b"Line one\rLine two",
        "Line one\nLine two\n".encode("utf-16"),
    ],
)
def test_it_makes_plain_text_canonical(data):
    assert transcript_text("notes.txt", data) == "Line one\nLine two\n"


def test_it_falls_back_to_windows_1252_for_old_text_files():
    assert transcript_text("old.txt", "Café – ok".encode("cp1252")) == "Café – ok\n"


def test_it_does_not_normalise_unicode_forms():
    decomposed = "Cafe\u0301\n"
    assert transcript_text("nfd.md", decomposed.encode()) == decomposed


def test_it_keeps_leading_indentation_but_not_trailing_blanks():
    assert canonical_text("\n\n  indented\t \nend") == "  indented\nend\n"
