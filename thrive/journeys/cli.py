"""Commands for journeys: the outcome report and importing existing records.

Registered into the `thrive` group in thrive/cli.py as `outcomes` and `people-import`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from thrive.progress import working


def setup() -> None:
    from thrive.cli import migrate, setup_django

    setup_django()
    migrate()


def iso_date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-04-30.") from None


@click.command(name="outcomes")
@click.option("--from", "start", callback=iso_date, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", callback=iso_date, help="Last day (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
def outcomes(start: date | None, end: date | None, as_json: bool) -> None:
    """The outcome report for a period (default: the twelve months to today)."""
    setup()
    from thrive.reports import dashboard
    from thrive.reports import outcomes as report_data

    default_start, default_end = dashboard.year_to(end or dashboard.today())
    start, end = start or default_start, end or default_end
    if start > end:
        raise click.ClickException("--from must be on or before --to.")
    report = report_data.gather(start, end)
    if as_json:
        click.echo(json.dumps(report_data.as_json(report)))
        return
    click.echo(f"Outcomes from {start.isoformat()} to {end.isoformat()}")
    for section, measure, value, note in report_data.table(report, hide_small=False):
        if section in ("Service", "IPS-comparable"):
            click.echo(f"  {measure:<56} {value:>10}  {note}".rstrip())


@click.command(name="people-import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["people", "outcomes"]),
    default="people",
    show_default=True,
    help="What the file holds.",
)
@click.option("--dry-run", is_flag=True, help="Check every row and write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def people_import(file: Path, kind: str, dry_run: bool, as_json: bool) -> None:
    """Import people or outcomes from CSV or XLSX: every row is checked, then all or none."""
    setup()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.journeys.imports import MAX_UPLOAD_BYTES, ImportProblem, import_file

    if file.stat().st_size > MAX_UPLOAD_BYTES:
        raise click.ClickException(f"{file.name} is larger than {MAX_UPLOAD_BYTES // 2**20} MB.")
    try:
        with working(f"Checking {file.name}", quiet=as_json):
            result = import_file(kind, file.name, file.read_bytes(), dry_run=dry_run)
    except ImportProblem as problem:
        raise click.ClickException(str(problem)) from None
    if result.written:
        record(
            None,
            Action.CREATE,
            "person",
            "",
            detail=f"imported {result.rows} {kind} rows (command)",
        )
    if as_json:
        click.echo(json.dumps(result.as_dict()))
    else:
        for refusal in result.refused:
            click.echo(str(refusal))
        if result.refused:
            click.echo(f"{len(result.refused)} of {result.rows} rows refused; nothing was written.")
        elif result.written:
            click.echo(f"Imported {result.rows} {kind} rows.")
        else:
            click.echo(f"All {result.rows} rows can be imported (dry run: nothing was written).")
    if result.refused:
        raise SystemExit(1)
