"""The outcome report for any period: page, print page, CSV and XLSX."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.lib import downloads
from thrive.reports import dashboard_figures as dashboard
from thrive.reports import outcome_report as outcomes
from thrive.reports.core.figures import OUTCOME_KINDS

FORMATS = ("html", "print", "csv", "xlsx")


def period(request: HttpRequest) -> tuple[date, date, list[str]]:
    """The period from ?from=&to= (ISO dates), defaulting to the twelve months to today."""
    start, end = dashboard.year_to(dashboard.today())
    errors = []
    for name in ("from", "to"):
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        try:
            value = date.fromisoformat(raw[:10]) if len(raw) <= 10 else None
        except ValueError:
            value = None
        if value is None:
            errors.append(f"The '{name}' date should look like 2025-04-30.")
        elif name == "from":
            start = value
        else:
            end = value
    if not errors and start > end:
        errors.append("The period should start before it ends.")
    return start, end, errors


@requires(Capability.SEE_DASHBOARD)
@require_GET
def outcome_report(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """People supported, outcomes, IPS-comparable figures and breakdowns for a period."""
    start, end, errors = period(request)
    hide_small = not request.user.can(Capability.SEE_NAMES)
    if errors:
        return render(
            request,
            "reports/outcomes.html",
            {
                "errors": errors,
                "start": request.GET.get("from", ""),
                "end": request.GET.get("to", ""),
            },
            status=400,
        )
    report = outcomes.gather(start, end)
    seen = outcomes.as_seen(report, hide_small)
    if fmt in downloads.TABLE_FORMATS:
        rows = [
            (section, measure, outcomes.number(value), note)
            for section, measure, value, note in outcomes.table(seen)
        ]
        name = f"thrive-outcomes-{start.isoformat()}-to-{end.isoformat()}"
        return downloads.table_response(fmt, name, ("Section", "Measure", "Value", "Note"), rows)
    headline = outcomes.headline_lines(seen)
    by_key = {line.key: line for line in headline}
    kinds = [by_key[f"outcomes_{kind}"] for kind in OUTCOME_KINDS]
    biggest = max([line.value or 0 for line in kinds] + [1])
    context = {
        "report": report,
        "start": start,
        "end": end,
        "headline": headline,
        "figure": by_key,
        "ips": outcomes.ips_lines(seen),
        "bars": [(line, 100 * (line.value or 0) / biggest) for line in kinds],
        "breakdowns": outcomes.shown_breakdowns(seen),
        "hide_small": hide_small,
        "query": f"from={start.isoformat()}&to={end.isoformat()}",
    }
    template = "reports/outcomes_print.html" if fmt == "print" else "reports/outcomes.html"
    return render(request, template, context)
