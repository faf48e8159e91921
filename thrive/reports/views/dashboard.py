from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
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
    context = {
        "figures": figures,
        "outcome_rows": [(kind.title(), count) for kind, count in figures.outcomes.items()],
        "inquiries": inquiries,
        "not_on_team": any(not row.may_open for row in inquiries or []),
        "waiting": data.waiting_referrals()
        if request.user.can(Capability.MANAGE_REFERRALS)
        else None,
    }
    return render(request, "reports/dashboard.html", context)
