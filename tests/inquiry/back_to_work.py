"""The small inquiry the search-by-meaning tests share: two interviews about going back to work."""

from __future__ import annotations

from thrive.accounts.models import User
from thrive.inquiry.models import Inquiry, Participant

FIRST = (
    "Interviewer: How did the first week at work go?\n"
    "P1: I was terrified of going back to work after so long off sick.\n"
    "Interviewer: And at home?\n"
    "P1: We grew tomatoes on the allotment with my brother.\n"
)
SECOND = (
    "Interviewer: What helped?\n"
    "P2: My manager let me start on shorter hours, which calmed my nerves about the job.\n"
)
TERRIFIED = "P1: I was terrified of going back to work after so long off sick."


def back_to_work(*team: User) -> Inquiry:
    """The inquiry "Back to work" with `team`, and transcripts First (P1) and Second (P2)."""
    inquiry = Inquiry.objects.create(title="Back to work")
    inquiry.team.add(*team)
    p1 = Participant.objects.create(inquiry=inquiry, label="P1")
    p2 = Participant.objects.create(inquiry=inquiry, label="P2")
    inquiry.add_transcripts([("First", FIRST, p1), ("Second", SECOND, p2)])
    return inquiry
