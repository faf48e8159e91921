"""Every address Thrive answers, one include per area."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """A plain answer for load balancers: the app is up and can reach its database."""
    from django.db import connection

    connection.ensure_connection()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("thrive.reports.urls")),
    path("account/", include("thrive.accounts.urls")),
    path("framework/", include("thrive.framework.urls")),
    path("health/", health, name="health"),
    path("economics/", include("thrive.economics.urls")),
    path("inquiries/", include("thrive.inquiry.urls")),
    path("", include("thrive.journeys.urls")),
    path("audit/", include("thrive.audit.urls")),
    path("reports/", include("thrive.reports.outcomes_urls")),
    path("jobs/", include("thrive.jobs.urls")),
]
