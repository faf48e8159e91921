"""`thrive`: the one command for everything a person runs.

Django is set up lazily, only by the commands that need it, so pure commands
(the economic model) start fast. Known failures print one line and exit 1.
"""

from __future__ import annotations

import json
import socket
import sys

import click

from thrive import __version__
from thrive.lib.commands import migrate_database, setup_django


class ThriveGroup(click.Group):
    """A click group that turns configuration and database failures into one clear line."""

    def invoke(self, ctx: click.Context):
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management import CommandError

        try:
            return super().invoke(ctx)
        except (ImproperlyConfigured, CommandError) as error:
            raise click.ClickException(str(error).strip()) from None
        except Exception as error:
            message = database_problem(error)
            if message is None:
                raise
            raise click.ClickException(message) from None


def database_problem(error: Exception) -> str | None:
    """A one-line explanation when the error means the database is out of reach."""
    from django.db import DatabaseError

    if not isinstance(error, DatabaseError):
        return None
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = db.get("HOST") or db.get("NAME")
    if db.get("PORT"):
        where = f"{where}:{db['PORT']}"
    first_line = (str(error).strip().splitlines() or ["no detail"])[0]
    return f"Cannot use the database at {where}: {first_line}"


@click.group(cls=ThriveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thrive")
def main() -> None:
    """Thrive: journeys, inquiry and the economic case for a vocational and peer-support service."""


def port_is_free(host: str, port: int) -> bool:
    """Whether the server could listen on host:port right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--demo", is_flag=True, help="Load the demo service first.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--no-worker", is_flag=True, help="Start no background worker (run `thrive worker` apart)."
)
def serve(host: str, port: int, demo: bool, threads: int, no_worker: bool) -> None:
    """Migrate the database, optionally load the demo, and serve Thrive with waitress.

    One background worker starts alongside, for long jobs, and stops with the server.
    """
    if not port_is_free(host, port):
        raise click.ClickException(
            f"Port {port} on {host} is already in use; choose another with --port."
        )
    setup_django(migrate=False)
    from django.conf import settings

    if settings.DEBUG:
        raise click.ClickException(
            "THRIVE_DEBUG is on, which shows private data on error pages; "
            "thrive serve will not start with it (turn it off, or use `thrive manage runserver`)."
        )
    migrate_database()
    if demo:
        from thrive.demo.load import load_demo

        summary = load_demo()
        click.echo(f"Demo service loaded: {summary}.")
    from waitress import serve as waitress_serve

    from thrive.lib.proxy import waitress_options
    from thrive.lib.uploads import max_request_bytes
    from thrive.wsgi import application

    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"Thrive is running at http://{shown_host}:{port}/  (Ctrl+C to stop)")
    if demo:
        echo_demo_logins()
    sys.stdout.flush()
    from thrive.jobs import worker

    beside = None if no_worker else worker.start_beside_server()
    try:
        # Thrive's own 413 page answers requests a little over its limit; waitress stops
        # reading any far larger body at once rather than spooling it to disk first.
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="Thrive",
            **waitress_options(),
            max_request_body_size=2 * max_request_bytes(),
        )
    finally:
        if beside is not None:
            worker.stop(beside)


@main.command(name="worker")
@click.option("--batch", is_flag=True, help="Run the jobs waiting now, then stop.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def worker_command(batch: bool, quiet: bool) -> None:
    """Run long jobs (large economic runs and imports) until stopped with Ctrl+C."""
    setup_django()
    from thrive.jobs.worker import run_worker, where

    if not quiet:
        click.echo(f"Thrive worker taking jobs from {where()}  (Ctrl+C to stop)")
        sys.stdout.flush()
    run_worker(batch=batch, quiet=quiet)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was loaded as JSON.")
def demo(as_json: bool) -> None:
    """Load (or reload) the fictional demo service; running it twice gives the same data."""
    setup_django()
    from thrive.demo.load import load_demo

    summary = load_demo()
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
        return
    click.echo(f"Demo service loaded: {summary}.")
    echo_demo_logins()


def echo_demo_logins() -> None:
    """Each demo login with its role, then the one password they share."""
    from thrive.demo.load import DEMO_LOGINS, DEMO_PASSWORD

    click.echo("Demo logins (user name, role):")
    for username, role in DEMO_LOGINS:
        click.echo(f"  {username:<14} {role}")
    click.echo(f"Password for every demo login: {DEMO_PASSWORD}")


@main.command()
@click.argument("username")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["coordinator", "worker", "co_researcher", "viewer"]),
    help="What the person may do; see docs/roles.md.",
)
@click.option("--name", default="", help="Full name shown in the interface.")
@click.option("--email", default="")
@click.option("--peer-supporter", is_flag=True, help="A worker with lived experience.")
@click.password_option(envvar="THRIVE_NEW_PASSWORD", help="Asked for if not given.")
def createuser(
    username: str, role: str, name: str, email: str, peer_supporter: bool, password: str
) -> None:
    """Create a login with a role."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise click.ClickException(f"There is already a login called {username!r}.")
    user = User(username=username, role=role, email=email, is_peer_supporter=peer_supporter)
    first, _, last = name.partition(" ")
    user.first_name, user.last_name = first, last
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise click.ClickException(" ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    click.echo(f"Created {username} ({user.role_label}).")


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--deploy", is_flag=True, help="Also run Django's production checks.")
def check(deploy: bool) -> None:
    """Check the configuration (and, with --deploy, production hardening)."""
    setup_django(migrate=False)
    from django.core.management import call_command

    call_command("check", deploy=deploy, fail_level="WARNING")
    click.echo("No problems found.")


@main.command(name="migrate")
def migrate_command() -> None:
    """Create or update the database tables."""
    setup_django()
    click.echo("The database is up to date.")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (for administrators)."""
    setup_django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thrive manage", *args])


def add_area_commands() -> None:
    """Attach each area's commands; area modules import Django only when a command runs."""
    from thrive.backup.cli import backup, housekeeping, restore
    from thrive.economics.cli import economics
    from thrive.inquiry.cli import inquiry
    from thrive.journeys.cli import people_import
    from thrive.reports.cli import outcomes, report

    for command in (
        outcomes,
        report,
        people_import,
        inquiry,
        economics,
        backup,
        restore,
        housekeeping,
    ):
        main.add_command(command)


add_area_commands()
