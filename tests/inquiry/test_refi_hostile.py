"""Malformed or hostile project files are refused with one clear sentence, never a crash."""

import contextlib
import io
import random
import zipfile
from pathlib import Path

import pytest

from tests.inquiry.hostile_corpus import HOSTILE
from tests.inquiry.refi_variants import zipped
from thrive.inquiry.core.refi import ImportedProject, RefiError, read_qdpx

MINIMAL = (Path(__file__).parent / "data" / "minimal_project.qdpx").read_bytes()


def test_it_has_a_corpus_of_at_least_twenty_hostile_files():
    assert len(HOSTILE) >= 20


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_it_refuses_each_hostile_file_with_a_clear_sentence(label):
    data, words = HOSTILE[label]
    with pytest.raises(RefiError) as refusal:
        read_qdpx(data)
    message = str(refusal.value)
    assert words.lower() in message.lower()
    assert message.endswith(".") and "\n" not in message and len(message) < 300


def test_it_never_lets_a_raw_exception_escape_for_mangled_bytes():
    chance = random.Random(20260101)
    for _ in range(300):
        data = bytearray(MINIMAL)
        for _ in range(chance.randint(1, 8)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        data = data[: chance.randint(len(data) // 2, len(data))] if chance.random() < 0.2 else data
        with contextlib.suppress(RefiError):
            read_qdpx(bytes(data))


def test_it_never_lets_a_raw_exception_escape_for_mangled_xml():
    archive = zipfile.ZipFile(io.BytesIO(MINIMAL))
    qde = archive.read("project.qde")
    text_name = next(n for n in archive.namelist() if n.endswith(".txt"))
    text = archive.read(text_name)
    chance = random.Random(7)
    outcomes = set()
    for _ in range(400):
        mangled = bytearray(qde)
        for _ in range(chance.randint(1, 4)):
            position = chance.randrange(len(mangled))
            mangled[position : position + 1] = bytes([chance.choice(b'<>/"=0123456789-aZ ')])
        try:
            outcome = read_qdpx(zipped({"project.qde": bytes(mangled), text_name: text}))
            assert isinstance(outcome, ImportedProject)
            outcomes.add("read")
        except RefiError:
            outcomes.add("refused")
    assert outcomes == {"read", "refused"}
