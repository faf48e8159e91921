"""Every address Thrive answers, one include per area."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import include, path

from thrive.lib.headers import brand_css


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """A plain answer for load balancers: the app is up and can reach its database."""
    from django.db import connection

    connection.ensure_connection()
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, branded from settings alone: the request or database may be what failed."""
    context = {
        "service_name": settings.THRIVE_SERVICE_NAME,
        "accent_colour": settings.THRIVE_ACCENT_COLOUR,
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))


# 403.html and 404.html extend the layout and are found by Django's own handlers.
handler500 = server_error

urlpatterns = [
    path("", include("thrive.reports.urls")),
    path("account/", include("thrive.accounts.urls")),
    path("framework/", include("thrive.framework.urls")),
    path("health/", health, name="health"),
    path("brand.css", brand_css, name="brand_css"),
    path("economics/", include("thrive.economics.urls")),
    path("inquiries/", include("thrive.inquiry.urls")),
    path("member-check/", include("thrive.inquiry.member_check_urls")),
    path("", include("thrive.journeys.urls")),
    path("audit/", include("thrive.audit.urls")),
    path("logins/", include("thrive.team.urls")),
    path("jobs/", include("thrive.jobs.urls")),
]
