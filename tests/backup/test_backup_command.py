"""`thrive backup` refuses, in one line, what would lose or expose something."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from thrive.cli import main

pytestmark = pytest.mark.django_db


def test_it_never_overwrites_an_existing_file(tmp_path):
    earlier = tmp_path / "monday.tar.gz"
    earlier.write_bytes(b"Monday's backup")
    result = CliRunner().invoke(main, ["backup", "--out", str(earlier)])
    assert result.exit_code == 1
    assert "already exists; choose a new name" in result.output
    assert earlier.read_bytes() == b"Monday's backup"


def test_it_refuses_an_empty_passphrase_file(tmp_path):
    empty = tmp_path / "passphrase"
    empty.write_text("\n")
    result = CliRunner().invoke(
        main, ["backup", "--out", str(tmp_path / "b.tar.gz"), "--passphrase-file", str(empty)]
    )
    assert result.exit_code == 1
    assert "is empty" in result.output
    assert not (tmp_path / "b.tar.gz").exists()


def test_it_takes_no_passphrase_on_the_command_line():
    """A passphrase given as an argument would show in every process list."""
    options = {p.name for p in main.commands["backup"].params}
    assert options == {"out", "passphrase_file", "as_json"}
    assert {p.name for p in main.commands["restore"].params} == {
        "file",
        "passphrase_file",
        "as_json",
    }
