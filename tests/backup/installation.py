"""A real Thrive installation for backup tests: its own data folder and database.

On PostgreSQL (when the suite runs with a postgresql:// DATABASE_URL) each
installation gets a new database `thrive_restore_<random>` on the same server,
dropped afterwards; on SQLite the database is the data folder's own file.
Commands run in a subprocess, exactly as a person would run them.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def on_server(url: str, name: str) -> str:
    """The same server as `url`, another database."""
    return url.rsplit("/", 1)[0] + "/" + name


@dataclass
class Installation:
    folder: Path
    database_url: str = ""

    @property
    def database_name(self) -> str:
        return self.database_url.rsplit("/", 1)[1] if self.database_url else ""

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "THRIVE_DATA_DIR": str(self.folder)}
        env["DATABASE_URL"] = self.database_url
        for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "THRIVE_BACKUP_PASSPHRASE"):
            env.pop(name, None)
        return {**env, **extra}

    def thrive(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "thrive", *args],
            capture_output=True,
            text=True,
            env=self.env(**extra_env),
            cwd=ROOT,
            timeout=300,
            check=False,
        )

    def start(self, module: str, *args: str) -> subprocess.Popen:
        """Start a helper script of this package against the installation."""
        return subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(),
            cwd=ROOT,
        )

    # Reading the installation directly, not through Thrive --------------------------

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            with psycopg.connect(self.database_url) as db:
                return [tuple(row) for row in db.execute(sql).fetchall()]
        path = self.folder / "thrive.sqlite3"
        if not path.exists():
            return []
        db = sqlite3.connect(path)
        try:
            return [tuple(row) for row in db.execute(sql).fetchall()]
        finally:
            db.close()

    def tables(self) -> list[str]:
        if self.database_url:
            sql = (
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
        return [row[0] for row in self.query(sql)]

    def rows(self) -> dict[str, list[tuple]]:
        """Every row of every table, in primary-key order (the first column)."""
        found = {
            table: self.query(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608
            for table in self.tables()
        }
        if self.database_url:
            found["(sequences)"] = self.query(
                "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            )
        return found

    def files(self) -> dict[str, bytes]:
        """Every uploaded file, by its path under the uploads folder, with its bytes."""
        uploads = self.folder / "uploads"
        return {
            str(path.relative_to(uploads)): path.read_bytes()
            for path in sorted(uploads.rglob("*"))
            if path.is_file()
        }


class Installations:
    """Makes new, empty installations and removes their databases afterwards."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.server = server_url()
        self.created: list[str] = []

    def new(self) -> Installation:
        name = f"thrive_restore_{uuid.uuid4().hex[:12]}"
        folder = self.base / name
        if not self.server:
            return Installation(folder)
        self.admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return Installation(folder, on_server(self.server, name))

    def admin(self, sql: str) -> None:
        with psycopg.connect(on_server(self.server, "postgres"), autocommit=True) as db:
            db.execute(sql)

    def remove_all(self) -> None:
        for name in self.created:
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
