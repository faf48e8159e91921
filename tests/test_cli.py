"""The `thrive` command: help, and one clear line for every start-up failure.

These run the real command in a subprocess, because settings are read once per
process and the failures happen exactly there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def thrive(*args: str, env: dict[str, str] | None = None, timeout: int = 60):
    full_env = {**os.environ, "DATABASE_URL": "", **(env or {})}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "thrive", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def assert_one_clear_line(result, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_it_lists_every_command_in_help():
    result = thrive("--help")
    assert result.returncode == 0
    for command in ("serve", "demo", "createuser", "check", "migrate"):
        assert command in result.stdout


def test_it_refuses_a_database_url_it_cannot_read(tmp_path):
    result = thrive("migrate", env={"THRIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": "mysq://x"})
    assert_one_clear_line(result, "DATABASE_URL")


def test_it_says_when_postgresql_cannot_be_reached(tmp_path):
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    url = f"postgresql://postgres@127.0.0.1:{port}/thrive"
    result = thrive("migrate", env={"THRIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert_one_clear_line(result, "Cannot use the database", str(port))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_it_says_when_the_data_folder_is_not_writable_for_users(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = thrive("migrate", env={"THRIVE_DATA_DIR": str(locked / "data")})
    assert_one_clear_line(result, "not writable")


def test_it_says_when_the_data_folder_is_not_a_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = thrive("migrate", env={"THRIVE_DATA_DIR": str(blocker / "data")})
    assert_one_clear_line(result, "not writable", "THRIVE_DATA_DIR")


def test_it_says_when_the_port_is_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = thrive("serve", "--port", str(port), env={"THRIVE_DATA_DIR": str(tmp_path)})
    assert_one_clear_line(result, "already in use", str(port))


def test_it_creates_a_user_with_a_role_and_refuses_a_duplicate(tmp_path):
    env = {"THRIVE_DATA_DIR": str(tmp_path), "THRIVE_NEW_PASSWORD": "plenty long enough 7"}
    created = thrive("createuser", "dana", "--role", "coordinator", env=env)
    assert created.returncode == 0, created.stderr
    assert "Coordinator" in created.stdout
    again = thrive("createuser", "dana", "--role", "worker", env=env)
    assert_one_clear_line(again, "already")


def test_it_passes_the_production_checks_with_https_settings(tmp_path):
    env = {
        "THRIVE_DATA_DIR": str(tmp_path),
        "THRIVE_HTTPS": "true",
        "THRIVE_ALLOWED_HOSTS": "thrive.example.org",
    }
    result = thrive("check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr
    assert "No problems found" in result.stdout


def test_it_keeps_the_secret_key_in_the_data_folder_not_the_repo(tmp_path):
    assert thrive("migrate", env={"THRIVE_DATA_DIR": str(tmp_path)}).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 50
    assert (
        key not in Path(__file__).resolve().parents[1].joinpath("thrive", "settings.py").read_text()
    )
