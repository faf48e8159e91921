"""The archive layout and its manifest, checked without Django: what a restore relies on."""

from __future__ import annotations

import io
import tarfile

import pytest

from thrive.backup.core.archive import read_archive, write_archive
from thrive.backup.core.manifest import BackupRefused, Manifest, Member, digest, unknown_migrations


def staged_manifest(staged, contents: dict[str, bytes]) -> Manifest:
    members = []
    for name, data in contents.items():
        (staged / name).parent.mkdir(parents=True, exist_ok=True)
        (staged / name).write_bytes(data)
        members.append(Member(name, *digest(io.BytesIO(data))))
    return Manifest("0.1.0", "2025-05-01T02:00:00+00:00", "sqlite", "3.40", {"a": "0001"}, members)


CONTENTS = {"database.sqlite3": b"SQLite format 3\0" * 50, "files/uploads/2025/05/x.txt": b"hi\n"}


@pytest.fixture
def archive(tmp_path) -> bytes:
    staged = tmp_path / "staged"
    out = io.BytesIO()
    write_archive(out, staged_manifest(staged, CONTENTS), staged)
    return out.getvalue()


def test_it_writes_the_manifest_first_then_every_member(archive, tmp_path):
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        assert tar.getnames() == ["manifest.json", *CONTENTS]
    manifest = read_archive(io.BytesIO(archive), tmp_path / "restore")
    assert [m.name for m in manifest.members] == list(CONTENTS)
    for name, data in CONTENTS.items():
        assert (tmp_path / "restore" / name).read_bytes() == data


def rewritten(archive: bytes, change) -> bytes:
    """The archive with each (info, body) passed through `change` (None drops a member)."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as old,
        tarfile.open(fileobj=out, mode="w:gz") as new,
    ):
        for info in old:
            kept = change(info, old.extractfile(info).read())
            if kept is not None:
                info.size = len(kept)
                new.addfile(info, io.BytesIO(kept))
    return out.getvalue()


def test_it_refuses_a_member_whose_bytes_changed(archive, tmp_path):
    changed = rewritten(archive, lambda i, b: b"bye\n" if i.name.endswith("x.txt") else b)
    with pytest.raises(BackupRefused, match=r"x\.txt does not match its checksum"):
        read_archive(io.BytesIO(changed), tmp_path)


def test_it_refuses_an_archive_with_a_member_missing(archive, tmp_path):
    missing = rewritten(archive, lambda i, b: None if i.name.endswith("x.txt") else b)
    with pytest.raises(BackupRefused, match="1 members missing"):
        read_archive(io.BytesIO(missing), tmp_path)


def test_it_refuses_a_member_the_manifest_does_not_list(archive, tmp_path):
    def rename_database(info, body):
        if info.name == "database.sqlite3":
            info.name = "x"
        return body

    extra = rewritten(archive, rename_database)
    with pytest.raises(BackupRefused, match="unexpected member 'x'"):
        read_archive(io.BytesIO(extra), tmp_path)


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    with pytest.raises(BackupRefused, match="damaged or incomplete"):
        read_archive(io.BytesIO(b"name,reference\nJo,TH-1\n"), tmp_path)
    plain = io.BytesIO()
    with tarfile.open(fileobj=plain, mode="w:gz") as tar:
        tar.addfile(tarfile.TarInfo("notes.txt"), io.BytesIO(b""))
    with pytest.raises(BackupRefused, match="not a Thrive backup"):
        read_archive(io.BytesIO(plain.getvalue()), tmp_path)


@pytest.mark.parametrize("name", ["../secret_key", "/etc/passwd", "files/../../x", "manifest.json"])
def test_it_refuses_a_manifest_naming_a_member_outside_the_archive(name):
    data = Manifest("0.1.0", "now", "sqlite", "", {}, [Member(name, 1, "0" * 64)]).as_dict()
    with pytest.raises(BackupRefused, match="strange member name"):
        Manifest.from_dict(data)


def test_it_refuses_a_manifest_of_another_format_version():
    data = Manifest("9.0.0", "now", "sqlite", "", {}, []).as_dict() | {"format_version": 2}
    with pytest.raises(BackupRefused, match="archive format 2"):
        Manifest.from_dict(data)


def test_it_names_migrations_this_thrive_does_not_know():
    known = {"journeys": {"0001_initial", "0002_timeline"}, "jobs": {"0001_initial"}}
    assert unknown_migrations({"journeys": "0002_timeline", "jobs": "0001_initial"}, known) == []
    assert unknown_migrations({"journeys": "0003_later"}, known) == ["journeys.0003_later"]
    assert unknown_migrations({"newapp": "0001_initial"}, known) == ["newapp.0001_initial"]
