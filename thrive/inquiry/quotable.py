"""The one gate for quoting: only passages from participants who approved their own record."""

from __future__ import annotations

from django.db.models import QuerySet

from thrive.inquiry.models import Coding, Inquiry, MemberCheck, Participant


def quotable_participants(inquiry: Inquiry) -> QuerySet[Participant]:
    """Participants whose record may be quoted: approved by them, and not withdrawn."""
    return Participant.objects.active().filter(inquiry=inquiry, member_check=MemberCheck.APPROVED)


def quotable_codings(inquiry: Inquiry) -> QuerySet[Coding]:
    """Coded passages that a report may quote; anything else stays inside the team."""
    return Coding.objects.filter(
        transcript__inquiry=inquiry,
        transcript__participant__in=quotable_participants(inquiry),
    )


def may_quote(participant: Participant | None) -> bool:
    """Whether one participant's words may appear in a report."""
    return (
        participant is not None
        and participant.withdrawn_at is None
        and participant.member_check == MemberCheck.APPROVED
    )
