"""Recordings decode to 16 kHz mono through PyAV, and bad ones are refused in plain words."""

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from thrive.inquiry.core.audio import (
    RATE,
    AudioError,
    decoded,
    decoded_between,
    is_audio,
    media_type,
    wav_clip,
)

INTERVIEW = Path(__file__).parent / "data" / "short_interview.wav"


def test_a_wav_recording_decodes_to_its_length_in_samples():
    samples = decoded(INTERVIEW.read_bytes(), "interview.wav")
    assert samples.dtype == np.float32
    assert 7.4 < len(samples) / RATE < 7.8
    assert 0.01 < float(np.abs(samples).max()) <= 1.0


def test_a_clip_is_a_playable_wav_of_exactly_the_asked_time():
    samples = decoded(INTERVIEW.read_bytes(), "interview.wav")
    with wave.open(io.BytesIO(wav_clip(samples, 1000, 2500))) as clip:
        assert (clip.getframerate(), clip.getnchannels(), clip.getsampwidth()) == (RATE, 1, 2)
        assert clip.getnframes() == RATE * 3 // 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"this is plainly not audio " * 40, "could not be read as audio or video"),
        (b"", "could not be read as audio or video"),
    ],
)
def test_what_is_not_a_recording_is_refused_in_one_sentence(data, message):
    with pytest.raises(AudioError, match=message):
        decoded(data, "notes.mp3")


def test_a_recording_over_the_limit_is_refused_while_decoding():
    with pytest.raises(AudioError, match="longer than"):
        decoded(INTERVIEW.read_bytes(), "interview.wav", max_seconds=2)


def test_file_names_say_which_recordings_are_audio():
    assert is_audio("P8 Interview.M4A") and is_audio("call.webm") and not is_audio("P8.vtt")
    assert media_type("a.mp3") == "audio/mpeg"


def test_the_quick_check_hears_only_the_start_and_passes_a_long_recording():
    from thrive.inquiry.core.audio import check_heard

    check_heard(INTERVIEW.read_bytes(), "interview.wav", seconds=2)  # longer than 2 s: fine
    with pytest.raises(AudioError, match="could not be read as audio or video"):
        check_heard(b"not audio at all " * 40, "notes.m4a", seconds=2)


def test_a_clip_decoded_from_a_sought_point_is_the_same_sound_as_from_the_start():
    data = INTERVIEW.read_bytes()
    whole = decoded(data, "interview.wav")
    part = decoded_between(io.BytesIO(data), "interview.wav", 4000, 6500)
    assert len(part) == RATE * 5 // 2
    assert np.allclose(part, whole[4 * RATE : 4 * RATE + len(part)])


def test_a_clip_past_the_end_of_the_recording_is_silence_of_no_length():
    part = decoded_between(io.BytesIO(INTERVIEW.read_bytes()), "interview.wav", 60_000, 61_000)
    assert len(part) == 0
