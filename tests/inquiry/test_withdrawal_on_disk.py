"""After `thrive inquiry withdraw INQUIRY P --now`, no byte of any file in the data folder
(the SQLite database, its write-ahead log, the uploaded originals) holds their words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.inquiry.withdrawal_story import SENTENCES, STAYING, WORDS

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> str:
    env = {**os.environ, "THRIVE_DATA_DIR": str(data_dir), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def on_disk(data_dir: Path, wanted: tuple[str, ...]) -> dict[str, list[str]]:
    """Each wanted text found (ignoring case) in the bytes of any file, with the files."""
    found: dict[str, list[str]] = {}
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            for text in wanted:
                if text.lower().encode() in data:
                    found.setdefault(text, []).append(path.name)
    return found


def test_it_leaves_no_sentence_of_a_withdrawn_participant_in_the_data_folder(tmp_path):
    inquiry = run(tmp_path, "tests.inquiry.withdrawal_scenario").strip()
    wanted = (*SENTENCES, *WORDS)
    assert on_disk(tmp_path, wanted).keys() == set(wanted)  # the test can fail

    said = run(tmp_path, "thrive", "inquiry", "withdraw", inquiry, "P2", "--now")

    assert "erased" in said
    assert on_disk(tmp_path, wanted) == {}
    assert on_disk(tmp_path, (STAYING,)) != {}  # P1's words stay
    [kept] = (tmp_path / "uploads").rglob("*.txt")  # P1's original; P2's is gone
    assert STAYING in kept.read_text()
