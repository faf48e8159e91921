"""`thrive serve` in production: behind a TLS proxy, with debug refused and private files.

These start the real command in a subprocess on a free loopback port, because the
proxy headers are handled by waitress itself, before Django sees the request.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli import assert_one_clear_line, thrive

PASSWORD = "plenty long enough 7"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"thrive serve stopped: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("thrive serve did not start listening in time")


@pytest.fixture(scope="module")
def behind_proxy(tmp_path_factory):
    """Thrive served as the documented production set-up: HTTPS, behind a proxy on 127.0.0.1."""
    data = tmp_path_factory.mktemp("proxied")
    env = {
        "THRIVE_DATA_DIR": str(data),
        "THRIVE_HTTPS": "true",
        "THRIVE_BEHIND_PROXY": "true",
        "THRIVE_NEW_PASSWORD": PASSWORD,
    }
    created = thrive("createuser", "dana", "--role", "coordinator", env=env)
    assert created.returncode == 0, created.stderr
    port = free_port()
    full_env = {**os.environ, "DATABASE_URL": "", **env}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "thrive", "serve", "--no-worker", "--port", str(port)],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_listening(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def ask(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def log_in(port: int, password: str, forwarded_for: str) -> int:
    """Log in as dana through the 'proxy', from the given client address; the status code."""
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": forwarded_for}
    _, headers, page = ask(port, "GET", "/account/login/", proxy)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    form = f"username=dana&password={password.replace(' ', '+')}&csrfmiddlewaretoken={token}"
    status, _, _ = ask(
        port,
        "POST",
        "/account/login/",
        {
            **proxy,
            "Cookie": f"csrftoken={cookie}",
            "Referer": f"https://127.0.0.1:{port}/account/login/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        form,
    )
    return status


def test_it_answers_https_from_the_proxy_without_a_redirect_loop(behind_proxy):
    status, headers, _ = ask(behind_proxy, "GET", "/account/login/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    status, headers, _ = ask(behind_proxy, "GET", "/", {"X-Forwarded-Proto": "https"})
    assert status == 302
    assert headers["Location"].startswith("/account/login/")


def test_it_still_redirects_plain_http_to_https(behind_proxy):
    status, headers, _ = ask(behind_proxy, "GET", "/account/login/")
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_it_pauses_logins_per_client_behind_the_proxy_not_for_the_whole_proxy(behind_proxy):
    for _ in range(4):
        assert log_in(behind_proxy, "wrong guess", forwarded_for="203.0.113.9") == 200
    assert log_in(behind_proxy, "wrong guess", forwarded_for="203.0.113.9") == 429
    assert log_in(behind_proxy, PASSWORD, forwarded_for="203.0.113.9") == 429
    assert log_in(behind_proxy, PASSWORD, forwarded_for="198.51.100.2") == 302


def test_it_refuses_to_serve_with_debug_on(tmp_path):
    env = {"THRIVE_DATA_DIR": str(tmp_path), "THRIVE_DEBUG": "true"}
    result = thrive("serve", "--no-worker", "--port", str(free_port()), env=env)
    assert result.returncode == 1
    assert_one_clear_line(result, "THRIVE_DEBUG")


def test_it_flags_https_behind_a_proxy_with_no_trusted_proxy_in_one_line(tmp_path):
    env = {
        "THRIVE_DATA_DIR": str(tmp_path),
        "THRIVE_HTTPS": "true",
        "THRIVE_BEHIND_PROXY": "true",
        "THRIVE_TRUSTED_PROXY": "",
        "THRIVE_ALLOWED_HOSTS": "thrive.example.org",
    }
    result = thrive("check", "--deploy", env=env)
    assert result.returncode == 1
    flagged = [line for line in result.stderr.splitlines() if "THRIVE_TRUSTED_PROXY" in line]
    assert len(flagged) == 1
    assert "thrive.E001" in flagged[0]


def test_it_passes_the_deploy_check_for_the_documented_proxy_set_up(tmp_path):
    env = {
        "THRIVE_DATA_DIR": str(tmp_path),
        "THRIVE_HTTPS": "true",
        "THRIVE_BEHIND_PROXY": "true",
        "THRIVE_ALLOWED_HOSTS": "thrive.example.org",
    }
    result = thrive("check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_trusted_proxy_that_is_not_an_address(tmp_path):
    env = {"THRIVE_DATA_DIR": str(tmp_path), "THRIVE_TRUSTED_PROXY": "proxy.internal"}
    assert_one_clear_line(thrive("check", env=env), "THRIVE_TRUSTED_PROXY")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_keeps_the_data_folder_database_and_secret_key_private(tmp_path):
    data = tmp_path / "data"
    assert thrive("migrate", env={"THRIVE_DATA_DIR": str(data)}).returncode == 0
    assert mode(data) == 0o700
    assert mode(data / "thrive.sqlite3") == 0o600
    assert mode(data / "secret_key") == 0o600


def test_it_makes_an_existing_world_readable_data_folder_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "thrive.sqlite3").touch(mode=0o644)
    (data / "thrive.sqlite3").chmod(0o644)
    assert thrive("migrate", env={"THRIVE_DATA_DIR": str(data)}).returncode == 0
    assert mode(data) == 0o700
    assert mode(data / "thrive.sqlite3") == 0o600


@pytest.mark.django_db
def test_it_saves_uploads_readable_by_thrive_alone(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "uploads")
    name = storage.save("transcripts/2025/interview.txt", ContentFile(b"private words"))
    saved = tmp_path / "uploads" / name
    assert mode(saved) == 0o600
    assert mode(saved.parent) == 0o700
    assert mode(saved.parent.parent) == 0o700
