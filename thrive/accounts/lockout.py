"""The page shown when logging in is paused for one name at one address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def pause_minutes() -> int:
    """How long the pause lasts, in whole minutes, from AXES_COOLOFF_TIME (in hours)."""
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Tell the person, truthfully, how long the pause lasts and who it affects."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {"username": username, "minutes": pause_minutes()}
    return render(request, "accounts/locked_out.html", context, status=429)
