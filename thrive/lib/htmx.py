"""htmx requests: how a view tells a partial swap from a plain form post."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True when htmx sent the request (it asks for a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"
