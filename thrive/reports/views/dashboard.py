from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.reports import dashboard_figures as data


@requires(Capability.SEE_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The first page after login: this year's figures and each inquiry's progress."""
    start, end = data.year_to(data.today())
    figures = data.service_figures(start, end)
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
        "figures": figures,
        "outcome_rows": [(kind.title(), count) for kind, count in figures.outcomes.items()],
        "inquiries": inquiries,
        "not_on_team": any(not row.may_open for row in inquiries or []),
        "waiting": waiting,
    }
    return render(request, "reports/dashboard.html", context)
