"""The one gate for quoting: only passages from participants who approved their own record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from thrive.inquiry.models import Coding, Inquiry, MemberCheck, Participant


@dataclass(frozen=True)
class Quote:
    participant: str
    text: str
    code: str
    transcript_id: int
    start: int
    end: int
    url: str


def quote_of(coding: Coding) -> Quote:
    """A coded passage as a quote, with the address of its exact span in the transcript."""
    transcript = coding.transcript
    place = reverse("inquiry:transcript", args=[transcript.inquiry_id, transcript.pk])
    return Quote(
        participant=transcript.participant.label if transcript.participant else "",
        text=coding.quote,
        code=coding.code.name,
        transcript_id=transcript.pk,
        start=coding.start,
        end=coding.end,
        url=f"{place}?hl={coding.start}-{coding.end}#hl",
    )


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
