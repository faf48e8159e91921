"""Set Django up for a console command: the one way every `thrive` command reaches the database."""

from __future__ import annotations

import os
from datetime import date

import click


def setup_django(*, migrate: bool = True) -> None:
    """Load settings and apps, then bring the database up to date unless told not to."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    if migrate:
        migrate_database()


def migrate_database() -> None:
    """Apply any outstanding migrations quietly."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A click callback: a YYYY-MM-DD option as a date, or a clear refusal."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-04-30.") from None
