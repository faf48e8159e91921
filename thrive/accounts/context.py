"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest

from thrive.accounts.models import Capability


def branding(request: HttpRequest) -> dict:
    """The service's name and colour, and what the user may do (for the navigation)."""
    user = getattr(request, "user", None)
    allowed = {}
    if user is not None and user.is_authenticated:
        allowed = {capability: user.can(capability) for capability in Capability.values}
    return {
        "service_name": settings.THRIVE_SERVICE_NAME,
        "accent_colour": settings.THRIVE_ACCENT_COLOUR,
        "perms_for": allowed,
    }
