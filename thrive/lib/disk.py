"""Make erased rows leave the disk, not only the tables, once the erasing transaction commits.

Deleting a row only marks its space free: on SQLite the old bytes stay in free pages, in the
write-ahead log (thrive.sqlite3-wal) and in the full-text index's older segments until they
happen to be overwritten. ``forget_on_disk`` merges every FTS5 index (so deleted words leave
it), checkpoints the log, runs VACUUM (which rewrites the file without free pages) and
truncates the log again. VACUUM cannot run inside a transaction, so erasure calls
``forget_on_disk_after_commit``.

PostgreSQL keeps dead rows in its table files and its own write-ahead log until VACUUM and
later writes reuse the space. Thrive runs a plain VACUUM of the tables it erased from (safe
while the service runs: it takes no lock that stops reading or writing). It does not run
VACUUM FULL, which rewrites the files but locks the tables; an administrator runs it in a
quiet hour when old bytes must be gone from the data files (see docs/data-protection.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError, connections, transaction

log = logging.getLogger(__name__)


PENDING = "thrive_forget_on_disk"


def forget_on_disk_after_commit(using: str = "default", tables: Iterable[str] = ()) -> None:
    """Run forget_on_disk once the current transaction commits (at once outside one).

    Several erasures in one transaction (a person and their participations) share one run:
    the first callback takes every pending table and the others find nothing left to do.
    """
    connection = connections[using]
    pending = getattr(connection, PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, PENDING, pending)
    pending.update(tables)
    pending.add("")  # marks that a run is due even when no table was named

    def run() -> None:
        due = set(pending)
        pending.clear()
        if due:
            forget_on_disk(using, sorted(due - {""}))

    transaction.on_commit(run, using=using)


def forget_on_disk(using: str = "default", tables: Iterable[str] = ()) -> bool:
    """Push deleted data out of the database's files; False if it could not run (logged)."""
    connection = connections[using]
    if connection.in_atomic_block:
        log.warning("forget_on_disk skipped: it cannot run inside a transaction.")
        return False
    try:
        if connection.vendor == "sqlite":
            forget_on_sqlite(connection)
        elif connection.vendor == "postgresql":
            vacuum_on_postgresql(connection, tables)
    except DatabaseError as error:
        # The erasure itself has committed; what is left is only making the space reused.
        log.warning("forget_on_disk could not finish on %s: %s", using, error)
        return False
    return True


def forget_on_sqlite(connection) -> None:
    """Merge FTS5 indexes, checkpoint and truncate the log, VACUUM, truncate the log again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE %s",
            ["CREATE VIRTUAL TABLE % USING fts5%"],
        )
        for (name,) in cursor.fetchall():
            quoted = connection.ops.quote_name(name)
            # The name comes from sqlite_master and is quoted, never from input.
            cursor.execute(f"INSERT INTO {quoted}({quoted}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def vacuum_on_postgresql(connection, tables: Iterable[str]) -> None:
    """A plain VACUUM of each table erased from, so its dead rows' space is reused soon."""
    with connection.cursor() as cursor:
        for table in dict.fromkeys(tables):
            cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
