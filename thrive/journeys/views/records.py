"""The person's own copy (HTML and JSON) and erasure on request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys.access import person_for
from thrive.journeys.own_copy import export_person
from thrive.journeys.timeline import timeline


def export_html(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person, on one page made for printing and taking away."""
    found = person_for(request, pk, Action.EXPORT, "own copy (HTML)")
    data = export_person(found)
    return render(
        request,
        "journeys/export.html",
        {
            "person": found,
            "data": data,
            "journeys": [(journey, timeline(journey)) for journey in found.journeys.all()],
            "elsewhere": json.dumps(data["elsewhere"], indent=2, ensure_ascii=False),
        },
    )


def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person, machine-readable."""
    found = person_for(request, pk, Action.EXPORT, "own copy (JSON)")
    response = JsonResponse(
        export_person(found), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = f'attachment; filename="{found.reference}.json"'
    return response


@requires(Capability.SEE_ALL_PEOPLE)
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase the person completely, at their request, after the coordinator confirms."""
    found = person_for(request, pk, Action.VIEW, "erase: confirm")
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == found.reference:
            erased = found.erase()
            record(request, Action.ERASE, "person", erased, detail=f"person #{erased} erased")
            messages.success(request, f"Person #{erased} has been erased.")
            return redirect("journeys:people")
        error = f"Type {found.reference} to confirm."
    return render(
        request,
        "journeys/erase.html",
        {"person": found, "error": error},
        status=400 if error else 200,
    )
