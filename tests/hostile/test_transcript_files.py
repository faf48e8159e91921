"""Transcript files of every format, generated and mutated: canonical text or one refusal."""

import io

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import examples
from tests.hostile.strategies import NAME_TEXT, ZIPS, mutated, one_line
from thrive.inquiry.core.formats import TranscriptError, transcript_text, transcripts_from_files

EXTENSIONS = [".txt", ".md", ".docx", ".odt", ".rtf", ".vtt", ".srt", ".pdf", ".exe", ""]
NAMES = st.builds(lambda stem, ext: (stem or "p") + ext, NAME_TEXT, st.sampled_from(EXTENSIONS))


def word_document(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = word_document("Interviewer: How was it?", "P1: It helped.")
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v P1>It helped.\n"
SRT = b"1\n00:00:01,000 --> 00:00:04,000\nP1: It helped.\n"
RTF = rb"{\rtf1\ansi P1: It helped.\par}"
SAMPLES = [("t.docx", DOCX), ("t.vtt", VTT), ("t.srt", SRT), ("t.rtf", RTF), ("t.txt", b"P1: hi\n")]


def read(name: str, data: bytes) -> None:
    try:
        text = transcript_text(name, data)
    except TranscriptError as error:
        one_line(str(error))
    else:
        assert text.endswith("\n") and "\r" not in text and not text.startswith("\ufeff")
        assert text.strip()


@settings(max_examples=examples(150))
@given(name=NAMES, data=st.binary(max_size=2048))
def test_it_reads_or_refuses_any_bytes_under_any_name(name, data):
    read(name, data)


@settings(max_examples=examples(100))
@given(sample=st.sampled_from(SAMPLES), data=st.data())
def test_it_reads_or_refuses_mutated_files_of_every_format(sample, data):
    name, original = sample
    read(name, data.draw(mutated(original)))


@settings(max_examples=examples(60))
@given(name=st.sampled_from(["t.docx", "t.odt"]), data=ZIPS)
def test_it_reads_or_refuses_generated_zip_documents(name, data):
    read(name, data)


@settings(max_examples=examples(40))
@given(files=st.lists(st.tuples(NAMES, st.binary(max_size=512)), max_size=25))
def test_it_adds_a_batch_whole_or_names_every_bad_file_in_one_refusal(files):
    try:
        texts = transcripts_from_files(files)
    except TranscriptError as error:
        one_line(str(error))
    else:
        assert len(texts) == len(files) and files
