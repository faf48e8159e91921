"""Scoping helpers: every inquiry view reaches inquiries and participants through these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.models import Inquiry, Participant

WORK = Capability.WORK_ON_INQUIRIES


def inquiry_for(request: HttpRequest, pk: int) -> Inquiry:
    """The inquiry if the user may work on it: 404 when it does not exist, 403 when not theirs."""
    inquiry = get_object_or_404(Inquiry, pk=pk)
    if not inquiry.is_open_to(request.user):
        record(request, Action.DENIED, "inquiry", pk)
        raise PermissionDenied
    return inquiry


def managed_inquiry_for(request: HttpRequest, pk: int) -> Inquiry:
    """The inquiry if the user may also change its settings and team."""
    inquiry = inquiry_for(request, pk)
    if not inquiry.is_managed_by(request.user):
        record(request, Action.DENIED, "inquiry", pk, "settings")
        raise PermissionDenied
    return inquiry


def person_visible(user, participant: Participant) -> bool:
    """Whether the user may see which journey the participant is linked to."""
    if participant.person_id is None:
        return False
    from thrive.journeys.models import Person

    return Person.objects.visible_to(user).filter(pk=participant.person_id).exists()


def erasing_inquiry_for(request: HttpRequest, pk: int) -> Inquiry:
    """The inquiry if the user is a coordinator: only coordinators erase a participant now."""
    from thrive.accounts.models import Role

    if request.user.role != Role.COORDINATOR:
        record(request, Action.DENIED, "inquiry", pk, "erase a participant")
        raise PermissionDenied
    return inquiry_for(request, pk)
