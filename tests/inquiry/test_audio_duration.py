"""How long a recording lasts, read once its first sound decodes (for imported recordings)."""

from pathlib import Path

import pytest

from thrive.inquiry.core.audio import AudioError, duration_ms

WAV = Path(__file__).parent / "data" / "short_interview.wav"


def test_it_reads_the_length_of_a_real_recording():
    assert duration_ms(WAV.read_bytes(), "short_interview.wav") == 7589


@pytest.mark.parametrize("data", [b"", b"RIFF not really audio", WAV.read_bytes()[:44]])
def test_it_refuses_what_holds_no_sound_in_one_sentence(data):
    with pytest.raises(AudioError, match=r"^bad\.wav (could not be read|has no sound)"):
        duration_ms(data, "bad.wav")
