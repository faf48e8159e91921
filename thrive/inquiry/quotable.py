"""The one gate for quoting: only passages from participants who approved their own record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from thrive.inquiry.models import Coding, Inquiry, MemberCheck, Participant


@dataclass(frozen=True)
class Quote:
    """An approved passage as a report shows it, with the link back to its exact span."""

    participant: str
    text: str
    code: str
    transcript_id: int
    start: int
    end: int
    url: str


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


def quote_of(coding: Coding) -> Quote:
    """The coding as a quote; refuses a passage whose speaker has not approved their record."""
    transcript = coding.transcript
    if not may_quote(transcript.participant):
        raise ValueError("Only passages of participants who approved their record may be quoted.")
    link = reverse("inquiry:transcript", args=[transcript.inquiry_id, transcript.pk])
    return Quote(
        participant=transcript.participant.label,
        text=coding.quote or transcript.span_text(coding.start, coding.end),
        code=coding.code.name,
        transcript_id=transcript.pk,
        start=coding.start,
        end=coding.end,
        url=f"{link}?hl={coding.start}-{coding.end}#hl",
    )
