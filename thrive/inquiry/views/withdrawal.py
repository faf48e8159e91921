"""Withdrawal: the team records a participant's withdrawal; a coordinator erases them at once.

Withdrawing hides the participant's words from every page, export and search straight
away; `thrive housekeeping` erases them after THRIVE_WITHDRAWAL_GRACE_DAYS, or a
coordinator presses "Erase now" when the participant asked for it to happen at once.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Role
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, erasing_inquiry_for, managed_inquiry_for
from thrive.inquiry.models import InquiryError, Participant, withdrawal_grace_days


def day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y")


def withdrawal_actions(user, participant: Participant) -> dict[str, bool]:
    """Which withdrawal buttons the participant's page offers this user."""
    inquiry = participant.inquiry
    return {
        "may_withdraw": not participant.is_withdrawn and inquiry.is_managed_by(user),
        "may_erase": participant.is_withdrawn and user.role == Role.COORDINATOR,
    }


@requires(WORK)
@require_http_methods(["GET", "POST"])
def participant_withdraw(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """Record a withdrawal on the participant's behalf (by letter, by phone or in person)."""
    inquiry = managed_inquiry_for(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, inquiry=inquiry)
    if request.method == "POST" and not participant.is_withdrawn:
        participant.withdraw(requested_by=request.user)  # audited by the model
        messages.success(
            request,
            f"{participant.label} has withdrawn. Their words are hidden from every page and "
            f"export now, and will be erased on {day(participant.erasure_due_at)}.",
        )
        return redirect("inquiry:participant_edit", inquiry.pk, participant.pk)
    context = {"inquiry": inquiry, "participant": participant, "days": withdrawal_grace_days()}
    return render(request, "inquiry/participant_withdraw.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def participant_erase(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """Erase a withdrawn participant at once, when they asked not to wait: coordinators only."""
    inquiry = erasing_inquiry_for(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, inquiry=inquiry)
    error = ""
    if request.method == "POST" and participant.is_withdrawn:
        if request.POST.get("confirm", "").strip() == participant.label:
            label, erased = participant.label, participant.pk
            try:
                participant.erase()
            except InquiryError as problem:
                error = str(problem)
            else:
                record(request, Action.ERASE, "participant", erased, "erased now by a coordinator")
                messages.success(request, f"Everything {label} said has been erased, for good.")
                return redirect("inquiry:participants", inquiry.pk)
        else:
            error = f"Type {participant.label} to confirm."
    context = {"inquiry": inquiry, "participant": participant, "error": error}
    return render(request, "inquiry/participant_erase.html", context)
