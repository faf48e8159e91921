"""Full-text search over transcripts: SQLite FTS5 kept by triggers, or a PostgreSQL GIN index."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE inquiry_transcript_fts USING fts5("
    "text, content='inquiry_transcript', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER inquiry_transcript_fts_insert AFTER INSERT ON inquiry_transcript BEGIN "
    "INSERT INTO inquiry_transcript_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER inquiry_transcript_fts_delete AFTER DELETE ON inquiry_transcript BEGIN "
    "INSERT INTO inquiry_transcript_fts(inquiry_transcript_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER inquiry_transcript_fts_update AFTER UPDATE OF text ON inquiry_transcript "
    "BEGIN INSERT INTO inquiry_transcript_fts(inquiry_transcript_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO inquiry_transcript_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO inquiry_transcript_fts(inquiry_transcript_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS inquiry_transcript_fts_insert",
    "DROP TRIGGER IF EXISTS inquiry_transcript_fts_delete",
    "DROP TRIGGER IF EXISTS inquiry_transcript_fts_update",
    "DROP TABLE IF EXISTS inquiry_transcript_fts",
]
# Only transcripts short enough for a tsvector (1 MB) are indexed; search scans longer ones.
POSTGRES_UP = [
    "CREATE INDEX inquiry_transcript_fts ON inquiry_transcript USING gin "
    "(to_tsvector('simple'::regconfig, regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))) "
    "WHERE length <= 200000",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS inquiry_transcript_fts"]


def run(statements: dict):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


def fill_lengths_and_quotes(apps, schema_editor):
    Transcript = apps.get_model("inquiry", "Transcript")
    Coding = apps.get_model("inquiry", "Coding")
    for transcript in Transcript.objects.only("id", "text"):
        Transcript.objects.filter(pk=transcript.pk).update(length=len(transcript.text))
        for coding in Coding.objects.filter(transcript=transcript, quote=""):
            coding.quote = transcript.text[coding.start : coding.end]
            coding.save(update_fields=["quote"])


class Migration(migrations.Migration):
    dependencies = [("inquiry", "0002_workbench")]

    operations = [
        migrations.RunPython(fill_lengths_and_quotes, migrations.RunPython.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
