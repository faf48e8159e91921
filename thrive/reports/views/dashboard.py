from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.core.small_numbers import FEWER, NOT_SHOWN
from thrive.reports import dashboard_figures as data
from thrive.reports import outcome_report as outcomes
from thrive.reports.core.figures import OUTCOME_KINDS


@requires(Capability.SEE_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The first page after login: this year's figures and each inquiry's progress."""
    start, end = data.year_to(data.today())
    # The same figures as the outcome report for the same year, hidden by the same policy
    # for people who may only see aggregates, so neither page undoes the other's hiding.
    seen = outcomes.as_seen(
        outcomes.gather(start, end), hide_small=not request.user.can(Capability.SEE_NAMES)
    )
    figure = {line.key: line for line in outcomes.headline_lines(seen)}
    # Viewers (commissioners) see aggregates with small counts suppressed, so an inquiry's
    # small, unsuppressed counts are shown only to people who work on inquiries.
    inquiries = (
        data.inquiry_progress(request.user)
        if request.user.can(Capability.WORK_ON_INQUIRIES)
        else None
    )
    waiting = data.waiting_referrals() if request.user.can(Capability.MANAGE_REFERRALS) else None
    if waiting:
        # The list shows names: audited like the new referrals page, without the names.
        record(
            request, Action.VIEW, "person", "", f"dashboard: {len(waiting)} new referrals waiting"
        )
    context = {
        "figures": seen.report.figures,
        "figure": figure,
        "small_hidden": any(line.shown in (FEWER, NOT_SHOWN) for line in figure.values()),
        "outcome_rows": [
            (kind.title(), figure[f"outcomes_{kind}"].shown) for kind in OUTCOME_KINDS
        ],
        "inquiries": inquiries,
        "not_on_team": any(not row.may_open for row in inquiries or []),
        "waiting": waiting,
    }
    return render(request, "reports/dashboard.html", context)
