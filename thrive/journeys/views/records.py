"""The person's own copy (HTML and JSON), and erasure at their request (passed on by a worker).

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
from thrive.journeys.access import person_for, person_to_change
from thrive.journeys.erasure_requests import ErasureRequest
from thrive.journeys.forms import ErasureRequestForm
from thrive.journeys.models import Person
from thrive.journeys.own_copy import export_person
from thrive.journeys.timeline import timeline
from thrive.lib.forms import posted, render_form

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


def same_name(typed: str, name: str) -> bool:
    """Whether what was typed is the person's name, ignoring case and extra spaces."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


@requires(Capability.SEE_ALL_PEOPLE)
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase the person completely, at their request, once the coordinator types their name."""
    found = person_for(request, pk, Action.VIEW, "erase: confirm")
    error = ""
    if request.method == "POST":
        if same_name(request.POST.get("confirm", ""), found.name):
            erased = found.erase()
            record(request, Action.ERASE, "person", erased, detail=f"person #{erased} erased")
            messages.success(request, f"Person #{erased} has been erased.")
            return redirect("journeys:people")
        error = f"Type their name, {found.name}, exactly as it is shown, to erase."
    return render(
        request,
        "journeys/erase.html",
        {"person": found, "error": error, "requests": found.erasure_requests.all()},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def erasure_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker passes the person's request to be erased on to the coordinator."""
    found = person_to_change(request, pk, "pass on a request to erase")
    form = ErasureRequestForm(posted(request))
    if form.is_valid():
        if ErasureRequest.pass_on(found, request.user, form.cleaned_data["note"]):
            record(request, Action.CHANGE, "person", found.pk, "request to erase passed on")
            messages.success(
                request,
                "Passed on. A coordinator will erase their record and can tell them when it "
                "is done.",
            )
        else:
            messages.info(request, "Their request had already been passed on.")
        return redirect("journeys:person", pk=found.pk)
    return render_form(request, "journeys/erasure_request.html", {"person": found, "form": form})


@requires(Capability.SEE_ALL_PEOPLE)
def erasure_requests(request: HttpRequest) -> HttpResponse:
    """Requests to erase waiting for a coordinator, oldest first."""
    waiting = ErasureRequest.objects.select_related("person", "requested_by")
    record(request, Action.VIEW, "person", "", f"requests to erase ({waiting.count()})")
    return render(request, "journeys/erasure_requests.html", {"waiting": waiting})
