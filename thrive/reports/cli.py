"""`thrive outcomes` (the outcome report of a period) and `thrive report` (inquiry reports)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

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


@click.group(name="report")
def report() -> None:
    """Reports of an inquiry: the one-page commissioner summary."""


def inquiry_named(value: str):
    """The inquiry with this id or exactly this title; one clear line when there is none."""
    from thrive.inquiry.models import Inquiry

    found = Inquiry.objects.filter(title=value)
    if value.isdigit():
        found = Inquiry.objects.filter(pk=int(value)) | found
    found = list(found[:2])
    if not found:
        raise click.ClickException(
            f"There is no inquiry with the id or title {value!r}; see `thrive inquiry list`."
        )
    if len(found) > 1:
        raise click.ClickException(f"{value!r} names more than one inquiry; give its id.")
    return found[0]


@report.command()
@click.argument("inquiry")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The PDF file to write.",
)
def summary(inquiry: str, out: Path) -> None:
    """The one-page PDF summary for commissioners: outcomes, the two trees, the economic case.

    INQUIRY is the inquiry's id or its exact title. Counts under 5 are hidden.
    """
    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.lib.pdf import PdfUnavailable
    from thrive.reports.commissioner_summary import summary_pdf

    found = inquiry_named(inquiry)
    try:
        pdf = summary_pdf(found)
    except PdfUnavailable as problem:
        raise click.ClickException(str(problem)) from None
    try:
        out.write_bytes(pdf)
    except OSError as error:
        raise click.ClickException(f"Cannot write {out}: {error.strerror}.") from None
    record(None, Action.EXPORT, "inquiry", found.pk, "commissioner summary, command line")
    click.echo(f"Wrote the commissioner summary of {found.title} to {out}.")
