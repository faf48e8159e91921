"""`thrive backup`, `thrive restore` and `thrive housekeeping`: keeping an installation safe."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from thrive.lib.commands import migrate_database, setup_django
from thrive.lib.progress import working

PASSPHRASE_ENV = "THRIVE_BACKUP_PASSPHRASE"  # noqa: S105 (the name of a variable)


def read_passphrase(passphrase_file: Path | None) -> str | None:
    """The passphrase from a file (first line) or THRIVE_BACKUP_PASSPHRASE; never an argument."""
    if passphrase_file is not None:
        try:
            lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(
                f"Could not read the passphrase file {passphrase_file}: {error}"
            ) from None
        passphrase = lines[0] if lines else ""
        if not passphrase:
            raise click.ClickException(f"The passphrase file {passphrase_file} is empty.")
        return passphrase
    return os.environ.get(PASSPHRASE_ENV) or None


passphrase_option = click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Read the encryption passphrase from this file (or set {PASSPHRASE_ENV}).",
)


@click.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive to write (it must not exist yet).",
)
@passphrase_option
@click.option("--json", "as_json", is_flag=True, help="Print what was backed up as JSON.")
def backup(out: Path, passphrase_file: Path | None, as_json: bool) -> None:
    """Write one consistent archive of the database and uploaded files, while Thrive serves."""
    passphrase = read_passphrase(passphrase_file)
    setup_django(migrate=False)
    from thrive.backup.core.manifest import BackupRefused
    from thrive.backup.make import make_backup

    try:
        with working("Backing up Thrive", quiet=as_json):
            made = make_backup(out, passphrase=passphrase)
    except BackupRefused as problem:
        raise click.ClickException(str(problem)) from None
    if as_json:
        click.echo(json.dumps(made.as_dict()))
        return
    sealed = "encrypted, " if made.sealed else ""
    click.echo(
        f"Backed up the {made.manifest.database_vendor} database and "
        f"{len(made.manifest.file_members)} files to {made.path} "
        f"({sealed}{made.size:,} bytes)."
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@passphrase_option
@click.option("--json", "as_json", is_flag=True, help="Print what was restored as JSON.")
def restore(file: Path, passphrase_file: Path | None, as_json: bool) -> None:
    """Restore a backup into an empty data folder or database; a bad archive changes nothing."""
    passphrase = read_passphrase(passphrase_file)
    setup_django(migrate=False)
    from thrive.backup.core.manifest import BackupRefused
    from thrive.backup.restore import restore_backup

    try:
        with working(f"Restoring {file.name}", quiet=as_json):
            restored = restore_backup(file, passphrase=passphrase)
    except BackupRefused as problem:
        raise click.ClickException(str(problem)) from None
    migrate_database()  # a backup from an older Thrive is brought up to date
    if as_json:
        click.echo(json.dumps(restored.as_dict()))
        return
    click.echo(
        f"Restored the backup of {restored.manifest.created_at} "
        f"({len(restored.manifest.file_members)} files)."
    )


@click.command()
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def housekeeping(dry_run: bool, as_json: bool) -> None:
    """Delete what the retention settings no longer keep (safe to run from cron)."""
    setup_django()
    from thrive.backup.housekeeping import housekeeping as tidy

    tidied = tidy(dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(tidied.as_dict()))
        return
    verb = "Would delete" if dry_run else "Deleted"
    c = tidied.counts
    click.echo(
        f"{verb} {c['unmatched_referrals']} referrals that never became a journey, "
        f"{c['finished_jobs']} finished jobs, {c['finished_task_results']} task results, "
        f"{c['expired_sessions']} expired sessions, {c['withdrawn_participants']} "
        "participants who withdrew from an inquiry (their grace period over) and the audio "
        f"of {c['approved_audio']} recordings whose transcripts were approved."
    )
