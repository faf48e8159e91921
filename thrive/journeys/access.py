"""One scoping helper per model: every view fetches people and journeys through these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys.models import Journey, Person


def person_for(
    request: HttpRequest, pk: int, action: str = Action.VIEW, detail: str = ""
) -> Person:
    """The person if the user may see them (audited); 404 alike for unknown and out of scope.

    Someone outside the user's caseload answers exactly as an unknown id does, so the answer
    never tells which ids exist; the refusal is still audited. A role that sees no people at
    all (co-researcher, commissioner) is refused with 403 whatever the id.
    """
    user = request.user
    if not (user.can(Capability.SEE_ALL_PEOPLE) or user.can(Capability.SEE_CASELOAD)):
        record(request, Action.DENIED, "person", pk, detail=f"{action}: {detail}".strip(": "))
        raise PermissionDenied
    person = Person.objects.visible_to(user).filter(pk=pk).first()
    if person is None:
        if Person.objects.filter(pk=pk).exists():
            record(request, Action.DENIED, "person", pk, detail=f"{action}: {detail}".strip(": "))
        raise Http404("No such person.")
    if action != Action.CHANGE and action != Action.CREATE:
        record(request, action, "person", pk, detail=detail)
    return person


def person_to_change(request: HttpRequest, pk: int, detail: str) -> Person:
    """The person if the user may record on their journey; the change itself is audited after."""
    if not request.user.can(Capability.RECORD_JOURNEYS):
        record(request, Action.DENIED, "person", pk, detail=f"change: {detail}")
        raise PermissionDenied
    return person_for(request, pk, Action.CHANGE, detail)


def journey_for(request: HttpRequest, pk: int, detail: str) -> Journey:
    """A journey the user may change, through its person's scope (404 alike if out of scope)."""
    if not request.user.can(Capability.RECORD_JOURNEYS):
        record(request, Action.DENIED, "journey", pk, detail=f"change: {detail}")
        raise PermissionDenied
    journey = Journey.objects.select_related("person").filter(pk=pk).first()
    if journey is None:
        raise Http404("No such journey.")
    person_to_change(request, journey.person_id, detail)
    return journey
