"""Recorded interviews: decode audio (or a video's sound) to 16 kHz mono, and cut WAV clips.

Decoding goes through PyAV, which ships its own FFmpeg libraries: no system binary is run.
Every problem is an AudioError with one plain sentence, and a recording longer than the
limit is refused while it is being decoded, before it fills memory.
"""

from __future__ import annotations

import io
import wave
from pathlib import PurePosixPath
from typing import BinaryIO

import numpy as np

RATE = 16_000
AUDIO_SUFFIXES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
                  ".ogg": "audio/ogg", ".webm": "audio/webm", ".mp4": "video/mp4"}  # fmt: skip
MAX_SECONDS = 3 * 60 * 60
PREROLL_SECONDS = 0.25  # decoders such as Opus need a little sound before a sought point


class AudioError(ValueError):
    """A recording that cannot be heard; the message is one plain sentence."""


def is_audio(filename: str) -> bool:
    """Whether the file's name says it is a recording Thrive can transcribe."""
    return PurePosixPath(filename.lower()).suffix in AUDIO_SUFFIXES


def media_type(filename: str) -> str:
    """The media type a browser needs to play the original file."""
    return AUDIO_SUFFIXES.get(PurePosixPath(filename.lower()).suffix, "application/octet-stream")


def decoded(data: bytes, filename: str, max_seconds: float = MAX_SECONDS) -> np.ndarray:
    """The recording's sound as 16 kHz mono float32 samples in [-1, 1]."""
    samples, _ = _decode(io.BytesIO(data), filename, max_seconds=max_seconds)
    return samples


def decoded_between(source: BinaryIO, filename: str, start_ms: int, end_ms: int) -> np.ndarray:
    """The sound between two times only: the file is sought to just before the start, so a
    clip of an hour-long recording is quick and nothing else of it is held in memory."""
    start, end = start_ms / 1000, max(start_ms, end_ms) / 1000
    samples, first = _decode(source, filename, start=start, end=end)
    skip = max(0, round((start - first) * RATE))
    return samples[skip : skip + round((end - start) * RATE)]


def _decode(
    source: BinaryIO,
    filename: str,
    *,
    max_seconds: float = MAX_SECONDS,
    start: float = 0.0,
    end: float | None = None,
) -> tuple[np.ndarray, float]:
    """Samples from the first frame at or before start up to end, and that frame's time."""
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    limit = int(max_seconds * RATE)
    chunks: list[np.ndarray] = []
    total, first = 0, None
    try:
        with av.open(source, mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{filename} has no sound to transcribe.")
            if start > 0:
                container.seek(int(max(0.0, start - PREROLL_SECONDS) * av.time_base))
            for frame in container.decode(audio=0):
                if end is not None and frame.time is not None and frame.time > end:
                    break
                if first is None:
                    first = frame.time or 0.0
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    chunks.append(chunk)
                    total += len(chunk)
                if total > limit:
                    minutes = round(max_seconds / 60)
                    raise AudioError(f"{filename} is longer than {minutes} minutes, the limit.")
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioError:
        raise
    except Exception:  # PyAV raises many kinds (FFmpeg errors, EOF, bad containers)
        raise AudioError(f"{filename} could not be read as audio or video.") from None
    if end is not None and not chunks:
        return np.zeros(0, dtype=np.float32), start
    if not chunks or not sum(len(chunk) for chunk in chunks):
        raise AudioError(f"{filename} has no sound to transcribe.")
    return np.concatenate(chunks).astype(np.float32) / 32768.0, first or 0.0


def wav_clip(samples: np.ndarray, start_ms: int, end_ms: int) -> bytes:
    """A 16-bit mono WAV file of the samples between two times, for a browser to play."""
    start = max(0, start_ms * RATE // 1000)
    end = min(len(samples), max(start, end_ms * RATE // 1000))
    pcm = (np.clip(samples[start:end], -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def check_heard(data: bytes, filename: str, seconds: float = 10.0) -> None:
    """Decode the start of the recording, a quick check before a long transcription is
    queued for it; AudioError when it cannot be heard."""
    try:
        decoded(data, filename, max_seconds=seconds)
    except AudioError as problem:
        if "longer than" not in str(problem):  # a recording longer than the check is fine
            raise


def duration_ms(data: bytes, filename: str) -> int:
    """How long a recording lasts in milliseconds (0 when it does not say), once its first
    sound has decoded; AudioError when it holds no sound that can be heard."""
    import av

    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{filename} has no sound to play.")
            if next(container.decode(audio=0), None) is None:
                raise AudioError(f"{filename} has no sound to play.")
            return max(0, int((container.duration or 0) / 1000))
    except AudioError:
        raise
    except Exception:  # PyAV raises many kinds (FFmpeg errors, EOF, bad containers)
        raise AudioError(f"{filename} could not be read as audio or video.") from None
