"""Withdrawal: when a participant withdrew, who recorded it and how."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inquiry", "0006_coding_external_coder"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When they withdrew; their words are hidden from then.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="withdrawn_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who recorded the withdrawal on their behalf (empty when they did it).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="withdrawn_via",
            field=models.CharField(
                blank=True,
                choices=[
                    ("link", "The participant, through their private link"),
                    ("team", "The team, on the participant's behalf"),
                    ("command", "The command line"),
                ],
                max_length=10,
            ),
        ),
    ]
