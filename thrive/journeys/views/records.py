"""The person's own copy (HTML and JSON) and erasure on request.

``?for=person`` is the copy given to the person themselves: it always holds all of their
research data, and only coordinators (who handle requests for a copy) may make it. Without
it the copy is the one a member of staff reads, with research data only from inquiries
they may open.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys.access import person_for
from thrive.journeys.models import Person
from thrive.journeys.own_copy import export_person
from thrive.journeys.timeline import timeline

RECIPIENTS = ("staff", "person")


def copy_for(request: HttpRequest, pk: int, kind: str) -> tuple[Person, dict, bool]:
    """The person, their copy for the recipient asked for, and whether it is theirs to keep."""
    recipient = request.GET.get("for", "staff")
    if recipient not in RECIPIENTS:
        raise ValueError(recipient)
    for_person = recipient == "person"
    detail = f"own copy ({kind})" + (", given to the person" if for_person else "")
    if for_person and not request.user.can(Capability.SEE_ALL_PEOPLE):
        record(request, Action.DENIED, "person", pk, detail=detail)
        raise PermissionDenied
    found = person_for(request, pk, Action.EXPORT, detail)
    return found, export_person(found, None if for_person else request.user), for_person


UNKNOWN_RECIPIENT = "A copy can be for staff or for the person (for=person); nothing else."


def export_html(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person, on one page made for printing and taking away."""
    try:
        found, data, for_person = copy_for(request, pk, "HTML")
    except ValueError:
        return HttpResponseBadRequest(UNKNOWN_RECIPIENT)
    return render(
        request,
        "journeys/export.html",
        {
            "person": found,
            "data": data,
            "for_person": for_person,
            "journeys": [(journey, timeline(journey)) for journey in found.journeys.all()],
            "elsewhere": json.dumps(data["elsewhere"], indent=2, ensure_ascii=False),
        },
    )


def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person, machine-readable."""
    try:
        found, data, _for_person = copy_for(request, pk, "JSON")
    except ValueError:
        return HttpResponseBadRequest(UNKNOWN_RECIPIENT)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
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
