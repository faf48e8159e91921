"""`thrive people-import`: bring existing records of people and outcomes into Thrive."""

from __future__ import annotations

import json
from pathlib import Path

import click

from thrive.lib.commands import setup_django
from thrive.lib.progress import working


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
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.journeys.people_import import MAX_UPLOAD_BYTES, ImportProblem, import_file

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
