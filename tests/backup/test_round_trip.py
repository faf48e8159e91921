"""A backup restores to exactly what was backed up, even when taken while Thrive writes.

Each test runs the real `thrive backup` and `thrive restore` commands against
real installations (a data folder and, on PostgreSQL, a database of its own),
and reads the result straight from the database files and the uploads folder.
"""

from __future__ import annotations

import io
import json
import tarfile
import time

import pytest

from tests.backup.installation import Installation, Installations

PASSPHRASE = "a long passphrase kept apart from the backup"
WRITTEN_BY_LOAD = {"journeys_person", "journeys_journey", "journeys_meeting", "files_storedfile"}
ALWAYS_MOVING = {"sqlite_sequence", "(sequences)"}


@pytest.fixture(scope="module")
def installations(tmp_path_factory):
    made = Installations(tmp_path_factory.mktemp("installations"))
    yield made
    made.remove_all()


@pytest.fixture(scope="module")
def live(installations) -> Installation:
    """An installation with the demo service and a few dozen referrals with uploads."""
    live = installations.new()
    demo = live.thrive("demo")
    assert demo.returncode == 0, demo.stderr
    load = live.start("tests.backup.load", str(live.folder / "never"), "30")
    assert load.wait(timeout=120) == 0, load.stderr.read()
    return live


@pytest.fixture(scope="module")
def archive(live, tmp_path_factory):
    path = tmp_path_factory.mktemp("backups") / "thrive.tar.gz"
    made = live.thrive("backup", "--out", str(path), "--json")
    assert made.returncode == 0, made.stderr
    # Ten notes kept by the load (one per three of 30 referrals) and the demo recording's audio.
    assert json.loads(made.stdout)["files"] == 11
    return path


@pytest.fixture(scope="module")
def sealed_archive(live, tmp_path_factory):
    path = tmp_path_factory.mktemp("backups") / "thrive.tar.gz.age"
    made = live.thrive("backup", "--out", str(path), THRIVE_BACKUP_PASSPHRASE=PASSPHRASE)
    assert made.returncode == 0, made.stderr
    return path


def count(installation: Installation, table: str) -> int:
    return installation.query(f'SELECT COUNT(*) FROM "{table}"')[0][0]  # noqa: S608 (our names)


def test_it_restores_every_row_and_every_file(live, archive, installations):
    fresh = installations.new()
    restored = fresh.thrive("restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert fresh.rows() == live.rows()
    assert fresh.files() == live.files()
    assert count(fresh, "journeys_person") > 100
    assert len(fresh.files()) == 11


def test_it_backs_up_a_consistent_copy_while_thrive_writes(installations, tmp_path):
    live = installations.new()
    assert live.thrive("migrate").returncode == 0
    stop = tmp_path / "stop"
    load = live.start("tests.backup.load", str(stop))
    try:
        deadline = time.monotonic() + 60
        while count(live, "journeys_person") < 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        before = count(live, "journeys_person")
        made = live.thrive("backup", "--out", str(tmp_path / "busy.tar.gz"))
    finally:
        stop.touch()
        out, err = load.communicate(timeout=60)
    assert made.returncode == 0, made.stderr
    assert load.returncode == 0, err
    written = int(out)

    fresh = installations.new()
    assert fresh.thrive("restore", str(tmp_path / "busy.tar.gz")).returncode == 0
    restored, now = fresh.rows(), live.rows()
    people = restored["journeys_person"]
    assert before <= len(people) < written  # taken while the load was writing
    for table, rows in restored.items():
        if table in WRITTEN_BY_LOAD:
            assert rows == now[table][: len(rows)], table  # the load only adds rows
        elif table not in ALWAYS_MOVING:
            assert rows == now[table], table
    # Each referral was written in one transaction: all of it is there, or none.
    assert len(restored["journeys_journey"]) == len(people) == len(restored["journeys_meeting"])
    assert len(restored["files_storedfile"]) == (len(people) + 2) // 3
    files, live_files = fresh.files(), live.files()
    for name, sha256 in fresh.query("SELECT file, sha256 FROM files_storedfile"):
        assert hashlib_of(files[name]) == sha256
    assert all(live_files[name] == data for name, data in files.items())


def hashlib_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_it_encrypts_with_a_passphrase_and_restores_with_it(
    live, sealed_archive, installations, tmp_path
):
    sealed = sealed_archive.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n")
    assert b"manifest.json" not in sealed and b"Load 1" not in sealed
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n")
    fresh = installations.new()
    restored = fresh.thrive(
        "restore", str(sealed_archive), "--passphrase-file", str(passphrase_file)
    )
    assert restored.returncode == 0, restored.stderr
    assert fresh.rows() == live.rows()
    assert fresh.files() == live.files()


# Refusals: one line, exit 1, nothing written ---------------------------------------------


def assert_refused(result, fresh: Installation, *words: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    assert fresh.tables() == []
    assert fresh.files() == {}


def damaged(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def from_a_newer_thrive(data: bytes) -> bytes:
    """The same archive, with a migration in its manifest that this Thrive does not have."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as old,
        tarfile.open(fileobj=out, mode="w:gz") as new,
    ):
        for info in old:
            body = old.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(body)
                manifest["schema"]["journeys"] = "0099_from_a_newer_thrive"
                body = json.dumps(manifest).encode()
                info.size = len(body)
            new.addfile(info, io.BytesIO(body))
    return out.getvalue()


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (damaged, ["damaged", "nothing was restored"]),
        (truncated, ["damaged or incomplete"]),
        (from_a_newer_thrive, ["newer version of Thrive", "journeys.0099_from_a_newer_thrive"]),
    ],
    ids=["damaged", "truncated", "newer-schema"],
)
def test_it_refuses_a_spoiled_archive_and_writes_nothing(
    spoil, words, archive, installations, tmp_path
):
    spoiled = tmp_path / "spoiled.tar.gz"
    spoiled.write_bytes(spoil(archive.read_bytes()))
    fresh = installations.new()
    assert_refused(fresh.thrive("restore", str(spoiled)), fresh, *words)


def test_it_refuses_a_wrong_passphrase_and_writes_nothing(sealed_archive, installations):
    fresh = installations.new()
    result = fresh.thrive(
        "restore", str(sealed_archive), THRIVE_BACKUP_PASSPHRASE="not the passphrase"
    )
    assert_refused(result, fresh, "passphrase is wrong")


def test_it_asks_for_the_passphrase_of_an_encrypted_archive(sealed_archive, installations):
    fresh = installations.new()
    result = fresh.thrive("restore", str(sealed_archive))
    assert_refused(result, fresh, "encrypted", "--passphrase-file")


def test_it_refuses_to_restore_over_an_installation_in_use(live, archive):
    before = live.rows()
    result = live.thrive("restore", str(archive))
    assert result.returncode == 1
    assert "already holds tables" in result.stderr
    assert live.rows() == before
