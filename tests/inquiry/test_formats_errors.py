"""Files that cannot become transcripts are refused with one plain, specific sentence."""

import io
import zipfile

import pytest

from thrive.inquiry.core.formats import TranscriptError, transcript_text, transcripts_from_files

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Hello")
    document.save(buffer)
    return buffer.getvalue()


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(TranscriptError) as error:
        transcript_text(filename, data)
    return str(error.value)


def test_it_refuses_a_file_over_five_megabytes_saying_its_size():
    data = b"a" * int(6.2 * 1024 * 1024)
    assert refusal("big.txt", data) == "big.txt is 6.2 MB; the limit is 5 MB per file."


@pytest.mark.parametrize(
    ("filename", "data", "words"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n ", "is empty"),
        ("nul.txt", b"text\x00with nul", "binary"),
        ("noise.txt", bytes(range(1, 32)) * 20, "binary"),
        ("locked.docx", OLE, "password-protected"),
        ("broken.docx", b"PK\x03\x04" + b"garbage" * 20, "damaged"),
        ("scan.docx", b"%PDF-1.7\n...", "looks like a PDF"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n....", "PNG picture"),
        ("notes.odt", b"just text", "is not an OpenDocument"),
        ("report.pdf", b"%PDF-1.7", "not a supported file type"),
        ("letter.rtf", b"Dear team", "not a Rich Text"),
        ("subs.srt", b"hello there\nno timings", "not a valid SubRip"),
        ("subs.vtt", b"not a web vtt file", "not a valid WebVTT"),
        ("bad16.txt", b"\xff\xfeA", "not valid UTF-16"),
    ],
)
def test_it_refuses_bad_files_with_the_reason(filename, data, words):
    message = refusal(filename, data)
    assert message.startswith(filename) and words in message


def test_it_spots_a_word_document_renamed_as_text():
    assert "looks like a Word (.docx) or OpenDocument file" in refusal("p1.txt", docx_bytes())


def test_it_refuses_a_word_document_that_unpacks_enormously():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (101 * 1024 * 1024))
    assert "more than 100 MB" in refusal("bomb.docx", buffer.getvalue())


def test_it_refuses_an_opendocument_with_entity_declarations():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x/>')
    assert "not allowed" in refusal("evil.odt", buffer.getvalue())


def test_it_names_every_bad_file_in_one_refusal_and_reads_none():
    files = [
        ("good.txt", b"Interviewer: Hi\n"),
        ("empty.txt", b""),
        ("locked.docx", OLE),
        ("also-good.md", b"P1: Hello\n"),
    ]
    with pytest.raises(TranscriptError) as error:
        transcripts_from_files(files)
    message = str(error.value)
    assert "empty.txt is empty." in message and "locked.docx" in message
    assert "good.txt" not in message.replace("also-good", "")


def test_it_reads_all_files_when_every_one_is_good():
    files = [("a.txt", b"P1: one\r\n"), ("b.md", b"P2: two")]
    assert transcripts_from_files(files) == [("a.txt", "P1: one\n"), ("b.md", "P2: two\n")]


def test_it_refuses_more_than_twenty_files_at_once():
    with pytest.raises(TranscriptError, match="21 files were uploaded; the limit is 20"):
        transcripts_from_files([(f"{n}.txt", b"x") for n in range(21)])
