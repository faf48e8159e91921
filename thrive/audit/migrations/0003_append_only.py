"""The database itself refuses to change or delete an audit event (SQLite and PostgreSQL).

UPDATE is refused, except the one change Django makes when a login is deleted: `user_id`
set to NULL with every other column as it was (the username stays). DELETE (and TRUNCATE on
PostgreSQL) is refused unless the same transaction has put a row in `audit_erasure_allowed`,
which only thrive.audit.erasure does (retention, and `flush`, which empties the whole
database). That table is not a model, so `flush` never empties it. Anyone who can run SQL as
the owner could drop these triggers: they stop mistakes and casual edits, not the DBA.

On SQLite, a migration that makes Django rebuild audit_auditevent (most column changes) drops
its triggers with the old table: such a migration must run this file's SQL again.
"""

from django.db import migrations

MARKER_TABLE = "CREATE TABLE audit_erasure_allowed (reason varchar(200) NOT NULL)"

UNCHANGED_BUT_USER = " AND ".join(
    f"NEW.{column} IS OLD.{column}"
    for column in ("id", "at", "username", "action", "subject_type", "subject_id", "detail")
)

SQLITE = [
    MARKER_TABLE,
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    WHEN NOT (NEW.user_id IS NULL AND OLD.user_id IS NOT NULL AND {UNCHANGED_BUT_USER})
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM audit_erasure_allowed)
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TABLE IF EXISTS audit_erasure_allowed",
]

POSTGRESQL = [
    MARKER_TABLE,
    f"""CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.user_id IS NULL AND OLD.user_id IS NOT NULL
           AND {UNCHANGED_BUT_USER.replace(" IS ", " IS NOT DISTINCT FROM ")} THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events cannot be changed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF EXISTS (SELECT 1 FROM audit_erasure_allowed) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit events cannot be deleted' USING ERRCODE = 'insufficient_privilege';
    END
    $$""",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_event_no_delete ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
    "DROP TABLE IF EXISTS audit_erasure_allowed",
]

BY_VENDOR = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def run(statements_for):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in BY_VENDOR:
            raise RuntimeError(f"Thrive keeps audit events append-only on SQLite and PostgreSQL, not {vendor}.")
        for statement in statements_for(BY_VENDOR[vendor]):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_username_index")]

    operations = [
        migrations.RunPython(
            run(lambda pair: pair[0]), reverse_code=run(lambda pair: pair[1]), elidable=False
        )
    ]
