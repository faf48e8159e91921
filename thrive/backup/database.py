"""Dump and load the whole database: SQLite's online backup API, or pg_dump and pg_restore.

Both make a consistent copy while Thrive serves: SQLite copies every page in one
step under a read snapshot (WAL lets writers carry on), pg_dump reads inside one
repeatable-read transaction.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from thrive.backup.core.manifest import BackupRefused

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupRefused(f"Thrive cannot back up a {connection.vendor} database.")
    return connection.vendor


def dump_name() -> str:
    return DUMP_NAMES[vendor()]


def schema_version() -> dict[str, str]:
    """The latest applied migration of each app, as the database records it."""
    latest: dict[str, str] = {}
    for row in MigrationRecorder(connection).migration_qs.order_by("id"):
        latest[row.app] = row.name
    return latest


def known_migrations() -> dict[str, set[str]]:
    """Every migration this version of Thrive ships, by app."""
    known: dict[str, set[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations:
        known.setdefault(app, set()).add(name)
    return known


def is_empty() -> bool:
    """Whether the database has no tables yet (a place a backup may be restored into)."""
    return not connection.introspection.table_names()


# Dumping -------------------------------------------------------------------------


def dump(target: Path) -> str:
    """Write a consistent copy of the database to `target`; returns the server's version."""
    if vendor() == "sqlite":
        return dump_sqlite(target)
    return dump_postgresql(target)


def dump_sqlite(target: Path) -> str:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return sqlite3.sqlite_version


def dump_postgresql(target: Path) -> str:
    server = server_major()
    tool = postgres_tool("pg_dump")
    client = client_major(tool)
    if client < server:
        raise BackupRefused(
            f"pg_dump {client} cannot back up PostgreSQL {server}; "
            f"install the PostgreSQL {server} client tools."
        )
    run_tool([tool, "--format=custom", f"--file={target}", *connection_arguments()], "pg_dump")
    return str(server)


# Loading -------------------------------------------------------------------------


def load(dump_path: Path, backup_vendor: str, backup_version: str = "") -> None:
    """Load a dump into this empty database."""
    if backup_vendor != vendor():
        raise BackupRefused(
            f"This backup is of a {VENDOR_NAMES.get(backup_vendor, backup_vendor)} database "
            f"and Thrive is set up for {VENDOR_NAMES[vendor()]}; set DATABASE_URL to match."
        )
    if backup_vendor == "sqlite":
        load_sqlite(dump_path)
    else:
        load_postgresql(dump_path, backup_version)
    connection.close()


def load_sqlite(dump_path: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump_path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def load_postgresql(dump_path: Path, backup_version: str) -> None:
    tool = postgres_tool("pg_restore")
    server, client = server_major(), client_major(tool)
    connection.close()
    if backup_version.isdigit() and int(backup_version) > client:
        raise BackupRefused(
            f"This backup is of PostgreSQL {backup_version} and pg_restore here is version "
            f"{client} (the server is {server}); install the PostgreSQL {backup_version} "
            "client tools to restore it."
        )
    run_tool(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *connection_arguments(),
            str(dump_path),
        ],
        "pg_restore",
    )


# PostgreSQL client tools ---------------------------------------------------------


def postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupRefused(
            f"{name} was not found; install the PostgreSQL client tools "
            "(e.g. apt install postgresql-client)."
        )
    return found


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def client_major(tool: str) -> int:
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else 0


def connection_arguments() -> list[str]:
    """pg_dump/pg_restore options naming the database Django uses (the password goes by env)."""
    db = connection.settings_dict
    arguments = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        arguments.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        arguments.append(f"--port={db['PORT']}")
    if db.get("USER"):
        arguments.append(f"--username={db['USER']}")
    return [*arguments, "--no-password"]


def tool_environment() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def run_tool(arguments: list[str], name: str) -> None:
    result = subprocess.run(
        arguments, capture_output=True, text=True, env=tool_environment(), check=False
    )
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        first = lines[0] if lines else f"exit status {result.returncode}"
        raise BackupRefused(f"{name} did not finish: {first}")
