"""Only participants who approved their own record may be quoted."""

from __future__ import annotations

import pytest
from django.utils import timezone

from thrive.inquiry.models import Code, Inquiry, MemberCheck, Participant
from thrive.inquiry.quotable import (
    Quote,
    may_quote,
    quotable_codings,
    quotable_participants,
    quote_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", [s for s in MemberCheck if s != MemberCheck.APPROVED])
def test_nobody_is_quotable_until_they_approve(coordinator, state):
    inquiry = Inquiry.objects.create_inquiry("Quotes", user=coordinator)
    code = Code.objects.create(inquiry=inquiry, name="Being trusted")
    people = {}
    for label, check in (("P1", MemberCheck.APPROVED), ("P2", state)):
        person = Participant.objects.create(inquiry=inquiry, label=label, member_check=check)
        text = f"{label}: I was trusted with the keys."
        transcript = inquiry.add_transcript(label, text, participant=person, user=coordinator)
        transcript.add_coding(code, 4, len(text), coordinator)
        people[label] = person

    assert list(quotable_participants(inquiry)) == [people["P1"]]
    assert {c.transcript.participant.label for c in quotable_codings(inquiry)} == {"P1"}
    assert may_quote(people["P1"]) and not may_quote(people["P2"]) and not may_quote(None)


def test_a_withdrawn_participant_is_never_quotable(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Quotes", user=coordinator)
    person = Participant.objects.create(
        inquiry=inquiry, label="P1", member_check=MemberCheck.APPROVED
    )
    person.withdrawn_at = timezone.now()
    assert not may_quote(person)
    person.save()
    assert not quotable_participants(inquiry).exists()


def test_a_quote_carries_the_words_and_links_back_to_its_exact_span(client, coordinator):
    inquiry = Inquiry.objects.create_inquiry("Quotes", user=coordinator)
    code = Code.objects.create(inquiry=inquiry, name="Being trusted")
    person = Participant.objects.create(
        inquiry=inquiry, label="P1", member_check=MemberCheck.APPROVED
    )
    text = "P1: I was trusted with the keys."
    transcript = inquiry.add_transcript("P1", text, participant=person, user=coordinator)
    transcript.add_coding(code, 4, len(text), coordinator)

    quote = quote_of(quotable_codings(inquiry).get())

    assert quote == Quote(
        participant="P1",
        text="I was trusted with the keys.",
        code="Being trusted",
        transcript_id=transcript.pk,
        start=4,
        end=len(text),
        url=f"/inquiries/{inquiry.pk}/transcripts/{transcript.pk}/?hl=4-{len(text)}#hl",
    )
    client.force_login(coordinator)
    page = client.get(quote.url).content.decode()
    assert '<span class="anchor" id="hl"></span>' in page


def test_a_passage_waiting_for_approval_cannot_become_a_quote(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Quotes", user=coordinator)
    code = Code.objects.create(inquiry=inquiry, name="Being trusted")
    person = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = inquiry.add_transcript("P1", "Trusted.", participant=person, user=coordinator)
    coding = transcript.add_coding(code, 0, 8, coordinator)

    with pytest.raises(ValueError, match="approved their record"):
        quote_of(coding)
