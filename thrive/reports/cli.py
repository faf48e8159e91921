"""`thrive outcomes`: the outcome report for a period, on the terminal or as JSON."""

from __future__ import annotations

import json
from datetime import date

import click

from thrive.lib.commands import iso_date, setup_django


@click.command(name="outcomes")
@click.option("--from", "start", callback=iso_date, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", callback=iso_date, help="Last day (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option(
    "--hide-small",
    is_flag=True,
    help="Hide small numbers as a viewer sees them, for figures to share.",
)
def outcomes(start: date | None, end: date | None, as_json: bool, hide_small: bool) -> None:
    """The outcome report for a period (default: the twelve months to today).

    Unsuppressed unless --hide-small: it is run by an administrator on the server.
    """
    setup_django()
    from thrive.reports import dashboard_figures as dashboard
    from thrive.reports import outcome_report as report_data

    default_start, default_end = dashboard.year_to(end or dashboard.today())
    start, end = start or default_start, end or default_end
    if start > end:
        raise click.ClickException("--from must be on or before --to.")
    report = report_data.gather(start, end)
    if as_json:
        click.echo(json.dumps(report_data.as_json(report, hide_small)))
        return
    click.echo(f"Outcomes from {start.isoformat()} to {end.isoformat()}")
    for section, measure, value, note in report_data.table(report, hide_small):
        if section in ("Service", "IPS-comparable"):
            click.echo(f"  {measure:<56} {value:>10}  {note}".rstrip())
