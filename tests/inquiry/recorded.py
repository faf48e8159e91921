"""Recordings for tests, made from the real short interview: encoded by PyAV, as a phone might."""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np

from thrive.inquiry.core.audio import RATE, decoded

INTERVIEW = Path(__file__).parent / "data" / "short_interview.wav"
CODECS = {".mp3": ("mp3", "libmp3lame", RATE), ".ogg": ("ogg", "libopus", 48_000)}


def interview_samples() -> np.ndarray:
    return decoded(INTERVIEW.read_bytes(), INTERVIEW.name)


def encoded(samples: np.ndarray, suffix: str, bit_rate: int = 0) -> bytes:
    """The samples as an .mp3 or .ogg (Opus) file (at the codec's usual bit rate unless given)."""
    container, codec, rate = CODECS[suffix]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        if bit_rate:
            stream.bit_rate = bit_rate
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype("<i2").reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for packet in (*stream.encode(frame), *stream.encode(None)):
            out.mux(packet)
    return buffer.getvalue()
