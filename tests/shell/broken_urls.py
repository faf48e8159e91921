"""Thrive's addresses plus one that fails, to see the 500 page (tests only)."""

from django.urls import path

from thrive.urls import handler500  # noqa: F401
from thrive.urls import urlpatterns as thrive_urlpatterns


def broken(request):
    raise RuntimeError("A failure the 500 page must hide.")


urlpatterns = [path("broken/", broken), *thrive_urlpatterns]
