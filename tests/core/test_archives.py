"""Archives are judged by their central directory before any parser opens them."""

import io
import zipfile

import pytest

from tests.hostile.bombs import qdpx_bomb, repeated, small, xlsx_bomb, zip_bytes
from thrive.core.archives import (
    MB,
    PROJECT,
    SPREADSHEET,
    ArchiveError,
    ArchiveLimits,
    checked_archive,
    member_path,
)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(data: bytes, limits: ArchiveLimits = SPREADSHEET) -> str:
    with pytest.raises(ArchiveError) as error:
        checked_archive(data, limits, "The spreadsheet")
    message = str(error.value)
    assert "\n" not in message and message.startswith("The spreadsheet")
    return message


def test_it_opens_an_ordinary_archive():
    archive = checked_archive(zipped({"a.xml": b"<a/>", "b/c.xml": b"<c/>"}), SPREADSHEET)
    assert sorted(archive.namelist()) == ["a.xml", "b/c.xml"]


def test_it_refuses_a_two_megabyte_spreadsheet_that_unpacks_to_two_gigabytes():
    bomb = xlsx_bomb(2000)
    assert len(bomb) < 2.5 * MB
    assert "more than 60 MB" in refusal(bomb)


def test_it_refuses_more_unpacked_bytes_in_total_than_allowed():
    limits = ArchiveLimits(max_total_bytes=3 * MB)
    members = [repeated(f"part{n}.xml", b"", b"x" * MB, 1, b"") for n in range(4)]
    assert "more than 3 MB" in refusal(zip_bytes(members), limits)


def test_it_refuses_a_big_member_packed_more_tightly_than_any_real_file():
    limits = ArchiveLimits(max_total_bytes=500 * MB, ratio_floor=8 * MB)
    bomb = zip_bytes([repeated("sheet.xml", b"", b"A" * MB, 20, b"")])
    assert "ZIP bomb" in refusal(bomb, limits)


def test_it_accepts_small_text_that_compresses_a_thousandfold():
    text = zipped({"sources/a.txt": b"The same line again.\n" * 100_000})
    assert checked_archive(text, PROJECT).namelist() == ["sources/a.txt"]


def test_it_refuses_too_many_members():
    members = {f"m{n}.xml": b"" for n in range(201)}
    assert "201 files inside; the limit is 200" in refusal(zipped(members))


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "C:/evil.xml", "a\\..\\..\\b.xml"])
def test_it_refuses_unsafe_member_paths(name):
    data = zip_bytes([small("ok.xml", "<a/>"), small(name, "x")])
    assert "unsafe path" in refusal(data)


def test_it_refuses_a_member_named_twice_in_any_case():
    data = zip_bytes([small("Sheet.xml", "<a/>"), small("sheet.xml", "<b/>")])
    assert "twice" in refusal(data)


def test_it_refuses_a_password_protected_archive():
    data = bytearray(zipped({"a.xml": b"<a/>"}))
    data[6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    assert "password-protected" in refusal(bytes(data))


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04" + b"\x00" * 30, b"not a zip at all"])
def test_it_refuses_what_is_not_a_zip(data):
    assert "damaged" in refusal(data)


def test_it_cleans_member_paths():
    assert member_path("a\\b/./c.txt") == "a/b/c.txt"
    assert member_path("../x") is None


def test_it_refuses_a_project_bomb_by_its_size():
    assert "more than 200 MB" in refusal(qdpx_bomb(1000), PROJECT)
