"""Thrive's URL conf plus one page the access table has no row for (to test the test)."""

from django.http import HttpResponse
from django.urls import path

from thrive.urls import urlpatterns as thrive_urlpatterns


def unlisted(request):
    return HttpResponse("A page nobody wrote an expectation for.")


urlpatterns = [*thrive_urlpatterns, path("unlisted/", unlisted, name="unlisted")]
