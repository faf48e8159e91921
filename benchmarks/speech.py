"""Speech to text: word error rate and real-time factor of the bundled model on this machine.

Spoken interviews are made from the demo transcripts with espeak-ng (Debian's package): the
interviewer and the participant in two different voices, a pause between turns. The demo
interviews are joined one after another until the recording is --minutes long, and the
whole of it is transcribed at once by `thrive.inquiry.core.speech` with the bundled Whisper
tiny.en, as a job would. Writes its section of docs/benchmarks.md.

    .venv/bin/python benchmarks/speech.py              # a 60-minute interview
    .venv/bin/python benchmarks/speech.py --minutes 5  # a quick look; still writes the doc
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import DOC, ROOT, machine, write_section
from thrive.inquiry.core.audio import RATE, decoded
from thrive.inquiry.core.speech import BUNDLED, bundled_folder, transcribe

DEMO = ROOT / "thrive" / "demo" / "transcripts"
HEADING = "## Speech to text"
INTERVIEWER_VOICE = "en-gb+f3"
PARTICIPANT_VOICE = "en-us"
PAUSE_SECONDS = 1.2
GOAL_RTF = 0.1
GOAL_WER = 0.15
TURN = re.compile(r"^(?P<speaker>[^:\n]{1,40}):\s*(?P<words>.+)$")


def turns(path: Path) -> list[tuple[str, str]]:
    """The (speaker, words) turns of a demo transcript."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = TURN.match(line.strip())
        if match:
            found.append((match["speaker"], match["words"]))
    return found


def voice_for(speaker: str) -> str:
    return INTERVIEWER_VOICE if speaker == "Interviewer" else PARTICIPANT_VOICE


def spoken(words: str, voice: str) -> np.ndarray:
    """espeak-ng's WAV for the words, as 16 kHz mono samples."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "165", "--stdout", words],
        capture_output=True,
        check=True,
    ).stdout
    return decoded(wav, "turn.wav")


def interview(minutes: float) -> tuple[np.ndarray, str, int]:
    """Demo interviews spoken one after another until `minutes` long: samples, the words
    said, and how many turns."""
    pause = np.zeros(int(PAUSE_SECONDS * RATE), dtype=np.float32)
    parts: list[np.ndarray] = []
    said: list[str] = []
    length, count = 0, 0
    limit = minutes * 60 * RATE
    files = sorted(DEMO.glob("P*.txt"), key=lambda p: int(p.stem[1:]))
    while length < limit:
        for path in files:
            for speaker, words in turns(path):
                samples = spoken(words, voice_for(speaker))
                parts += [samples, pause]
                said.append(words)
                length += len(samples) + len(pause)
                count += 1
                if length >= limit:
                    return np.concatenate(parts), " ".join(said), count
    return np.concatenate(parts), " ".join(said), count


def normalised(text: str) -> str:
    """Lower case, hyphens and dashes as spaces, other punctuation dropped, one space between
    words; digits are left as they are (so "57" for "fifty-seven" counts as an error)."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[-–—/]", " ", text)
    text = re.sub(r"[^\w\s']", "", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", "", text)
    return " ".join(text.split())


def measure(minutes: float) -> dict:
    import jiwer

    started = time.monotonic()
    samples, reference, count = interview(minutes)
    made = time.monotonic() - started
    duration = len(samples) / RATE
    print(f"Made {duration / 60:.1f} minutes of speech ({count} turns) in {made:.0f} s", flush=True)
    load_avg = os.getloadavg()[0]
    cpu_started, started = time.process_time(), time.monotonic()
    last = [0.0]

    def report(heard: float, total: float, left: float | None) -> None:
        if heard - last[0] >= 300 or heard >= total:
            last[0] = heard
            print(f"  heard {heard / 60:.0f} of {total / 60:.0f} min", flush=True)

    heard = transcribe(samples, progress=report)
    wall = time.monotonic() - started
    cpu = time.process_time() - cpu_started
    hypothesis = " ".join(cue.text for cue in heard.cues)
    wer = jiwer.wer(normalised(reference), normalised(hypothesis))
    return {
        "minutes": duration / 60,
        "turns": count,
        "words": len(normalised(reference).split()),
        "cues": len(heard.cues),
        "wall": wall,
        "cpu": cpu,
        "rtf": wall / duration,
        "wer": wer,
        "load": max(load_avg, os.getloadavg()[0]),
    }


def verdict(value: float, goal: float) -> str:
    if value < goal:
        return f"met, {goal / value:.1f}× under the goal"
    return f"missed, {value / goal:.1f}× over the goal"


def report(result: dict, command: str) -> str:
    info = machine()
    sixty = result["rtf"] * 60
    return f"""{HEADING}

A spoken interview made from the demo transcripts with espeak-ng (interviewer voice
`{INTERVIEWER_VOICE}`, participant voice `{PARTICIPANT_VOICE}`, 165 words a minute,
{PAUSE_SECONDS} s of silence between turns; the seven demo interviews one after another until
the length below), transcribed in one go by `thrive.inquiry.core.speech` with the bundled
{BUNDLED}, run by CTranslate2 on the CPU with int8 weights and greedy decoding, as the
transcription job does. The hour is measured whole, not extrapolated.

Word error rate is jiwer's `wer` after the same simple normalisation of both texts: lower
case, hyphens and dashes read as spaces, other punctuation dropped, one space between words.
Numbers are not rewritten, so "57" heard for "fifty-seven" counts as an error. The
real-time factor is the wall-clock time of transcribing divided by the recording's length
(model loading included, making the speech not).

- Command: `{command}`
- Machine: {info["nproc"]} CPUs ({info["cpu"]}), Python {info["python"]}, {info["system"]};
  the two cores were shared with other people's work (load average {result["load"]:.1f} when
  measured), so the times are upper bounds.
- Run on: {date.today():%-d %B %Y}

| measure | result | goal | met |
|---|---:|---|---|
| recording | {result["minutes"]:.1f} min, {result["turns"]} turns, {result["words"]:,} words \
| — | — |
| time to transcribe | {result["wall"] / 60:.1f} min (CPU {result["cpu"] / 60:.1f} min) | — | — |
| real-time factor | {result["rtf"]:.3f} | < {GOAL_RTF} | {verdict(result["rtf"], GOAL_RTF)} |
| a 60-minute interview | {sixty:.1f} min | < 6 min | {verdict(sixty, 6.0)} |
| word error rate | {result["wer"]:.1%} | < 15% | {verdict(result["wer"], GOAL_WER)} |

Synthetic speech is clearer than a real interview: one speaker at a time, no background
noise, no accents the model did not learn. Expect more errors on real recordings, above all
in names, and check every transcript against the recording.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    args = parser.parse_args()
    bundled_folder()  # fail early when the model package is missing
    result = measure(args.minutes)
    print(result, flush=True)
    command = ".venv/bin/python benchmarks/speech.py"
    if args.minutes != 60:
        command += f" --minutes {args.minutes:g}"
    write_section(DOC, HEADING, report(result, command))
    print(f"Wrote {HEADING!r} in {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
