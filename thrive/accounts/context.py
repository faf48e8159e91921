"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def branding(request: HttpRequest) -> dict:
    """The service's name and colour, configurable per installation."""
    return {
        "service_name": settings.THRIVE_SERVICE_NAME,
        "accent_colour": settings.THRIVE_ACCENT_COLOUR,
    }
