"""Each coding names the transcript version its offsets point into.

Existing codings were always carried to their transcript's current version, so they take it.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def name_current_versions(apps, schema_editor):
    Coding = apps.get_model("inquiry", "Coding")
    Transcript = apps.get_model("inquiry", "Transcript")
    current = Transcript.objects.filter(pk=OuterRef("transcript_id")).values("version")[:1]
    Coding.objects.update(transcript_version=Subquery(current))


class Migration(migrations.Migration):
    dependencies = [
        ("inquiry", "0004_transcript_imported_offsets"),
    ]

    operations = [
        migrations.AddField(
            model_name="coding",
            name="transcript_version",
            field=models.PositiveIntegerField(
                default=1,
                help_text=(
                    "The transcript version its offsets point into; carried codings move along."
                ),
            ),
        ),
        migrations.RunPython(name_current_versions, migrations.RunPython.noop, elidable=True),
    ]
