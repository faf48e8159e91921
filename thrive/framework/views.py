from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.framework.models import ServiceFramework


@requires(Capability.SEE_FRAMEWORK)
def framework(request: HttpRequest) -> HttpResponse:
    """The framework, read-only: areas of living, model of change, tree parts, outcomes."""
    return render(request, "framework/framework.html", {"framework": ServiceFramework.current()})
