"""Uploads refused by their size before anything reads them.

Two checks, both before a view calls ``.read()``:

- ``RequestSizeLimitMiddleware`` answers 413 with a kind page to any request whose declared
  Content-Length is over ``THRIVE_MAX_REQUEST_BYTES`` (the largest upload Thrive accepts:
  a 100 MB project file, or 20 transcripts of 5 MB, plus the form around them). Django reads
  a body no further than its Content-Length, so this bounds what is streamed too.
- ``size_limit(bytes)`` is a form-field validator: Django counts each file's size as it
  streams it to memory (up to FILE_UPLOAD_MAX_MEMORY_SIZE) or to a temporary file, and the
  form refuses a file over the limit by that count, naming it, so the view never reads it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MB = 1024 * 1024
MAX_REQUEST_BYTES = 101 * MB


def max_request_bytes() -> int:
    return getattr(settings, "THRIVE_MAX_REQUEST_BYTES", MAX_REQUEST_BYTES)


def megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB" if size % MB == 0 else f"{size / MB:.1f} MB"


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """Refuse, with a 413 page, a request larger than any upload Thrive accepts, unread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        if declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    response = render(request, "413.html", {"limit": megabytes(limit)}, status=413)
    # The body was never read; closing the connection spares the browser sending the rest.
    response["Connection"] = "close"
    return response


def size_limit(limit: int) -> Callable[[object], None]:
    """A validator refusing an uploaded file over `limit` bytes, by the size Django counted."""

    def validate(upload: object) -> None:
        size = getattr(upload, "size", 0) or 0
        if size > limit:
            name = getattr(upload, "name", "") or "The file"
            raise ValidationError(
                f"{name} is {size / MB:.1f} MB; the limit is {megabytes(limit)} per file, "
                "so nothing was saved.",
                code="too_large",
            )

    return validate
