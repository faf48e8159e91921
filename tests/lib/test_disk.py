"""Erasure, withdrawal and redaction leave no byte of the erased words in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction

from tests.lib.erasure_scenario import NAMES
from thrive.lib.disk import forget_on_disk, forget_on_disk_after_commit

ROOT = Path(__file__).resolve().parents[2]


def run_scenario(data_dir: Path, step: str) -> subprocess.Popen:
    env = {**os.environ, "THRIVE_DATA_DIR": str(data_dir), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.lib.erasure_scenario", step],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def names_on_disk(data_dir: Path) -> dict[str, list[str]]:
    """Each name found (ignoring case) in the bytes of any file in the folder, with the files."""
    found: dict[str, list[str]] = {}
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    for path in files:
        data = path.read_bytes().lower()
        for name in NAMES:
            for word in name.lower().split():
                if word.encode() in data:
                    found.setdefault(word, []).append(path.name)
    return found


def test_it_leaves_no_byte_of_erased_withdrawn_or_redacted_words_in_the_data_folder(tmp_path):
    holding = run_scenario(tmp_path, "hold")
    _, errors = holding.communicate(timeout=120)
    assert holding.returncode == 0, errors
    uploads = list((tmp_path / "uploads").rglob("*.txt"))
    assert len(uploads) == 3
    before = names_on_disk(tmp_path)
    assert {"zephyrine", "ottoline", "peregrine"} <= before.keys()  # the test can fail

    erasing = run_scenario(tmp_path, "erase")
    try:
        assert erasing.stdout.readline().strip() == "done", erasing.stderr.read()
        # Read while the process still holds its connection, as a running server does.
        assert (tmp_path / "thrive.sqlite3").exists()
        assert names_on_disk(tmp_path) == {}
        assert list((tmp_path / "uploads").rglob("*.txt")) == []
    finally:
        erasing.communicate(timeout=60)
    assert erasing.returncode == 0


@pytest.mark.django_db(transaction=True)
def test_it_runs_once_after_the_transaction_commits_and_never_inside_it():
    with transaction.atomic():
        forget_on_disk_after_commit(tables=["inquiry_transcript"])
        forget_on_disk_after_commit(tables=["journeys_person"])
        assert forget_on_disk() is False  # VACUUM cannot run inside a transaction
    assert getattr(connection, "thrive_forget_on_disk", set()) == set()  # it ran, once
    assert forget_on_disk(tables=["journeys_person"]) is True
