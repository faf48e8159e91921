"""Recordings for tests, from the real 7.6 s WAV of tests/inquiry/data: kept as a transcript's
audio, or encoded by PyAV as a phone might."""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np

from thrive.files.store import keep
from thrive.inquiry.core.audio import RATE, decoded
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Inquiry, Participant, Recording, Transcript

WAV = Path(__file__).parent / "data" / "short_interview.wav"
INTERVIEW = WAV
CUES = [
    Cue(0.0, 2.2, "What helped you most when you started?", "Interviewer"),
    Cue(3.9, 5.4, "Being paid for the work.", "P8"),
    Cue(5.6, 7.5, "It meant I was trusted.", "P8"),
]


def recorded_transcript(
    inquiry: Inquiry,
    title: str = "P8 recorded",
    participant: Participant | None = None,
    user=None,
    *,
    cues: list[Cue] = CUES,
) -> Transcript:
    """A timed transcript of the short interview (or of `cues`) with its audio kept as the
    recording."""
    transcript = inquiry.add_timed_transcript(title, cues, participant, user)
    data = WAV.read_bytes()
    stored = keep(
        data, "P8 interview.wav", kind="audio", subject_type="transcript",
        subject_id=transcript.pk, user=user,
    )  # fmt: skip
    Recording.objects.create(
        transcript=transcript, original=stored, media_type="audio/wav", duration_ms=7590
    )
    return transcript


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
