"""Make the demo's recorded interview: speak its words, store them as Opus, hear them once.

Run it again only when the words in thrive/demo/recordings/*.toml change:

    .venv/bin/python scripts/demo_recording.py

Each turn is spoken by espeak-ng (the interviewer and the participant in two different
voices, a pause between turns, as in benchmarks/speech.py), encoded with PyAV as Opus in Ogg
at 24 kbit/s, and transcribed by the bundled model; what the model heard is kept beside the
audio as JSON, so `thrive demo` shows it without running the model.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.speech import PAUSE_SECONDS, spoken, voice_for  # noqa: E402
from tests.inquiry.recorded import encoded  # noqa: E402
from thrive.inquiry.core.audio import RATE, decoded  # noqa: E402
from thrive.inquiry.core.speech import transcribe  # noqa: E402

FOLDER = ROOT / "thrive" / "demo" / "recordings"


def make(script: Path) -> None:
    turns = tomllib.loads(script.read_text(encoding="utf-8"))["turn"]
    pause = np.zeros(int(PAUSE_SECONDS * RATE), dtype=np.float32)
    parts = []
    for turn in turns:
        parts += [spoken(turn["words"], voice_for(turn["speaker"])), pause]
    audio = encoded(np.concatenate(parts[:-1]), ".ogg", bit_rate=24_000)
    heard = transcribe(decoded(audio, "demo.ogg"))
    script.with_suffix(".ogg").write_bytes(audio)
    cues = [{"start": c.start, "end": c.end, "text": c.text} for c in heard.cues]
    record = {"model": heard.model, "duration": heard.duration, "cues": cues}
    script.with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"{script.stem}: {heard.duration:.1f} s, {len(audio) // 1024} KB, {len(cues)} cues")


if __name__ == "__main__":
    for path in sorted(FOLDER.glob("*.toml")):
        make(path)
