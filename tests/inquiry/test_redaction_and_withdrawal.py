"""A redaction keeps no earlier text; erasing a person withdraws their participation too."""

from datetime import date

import pytest
from django.urls import reverse

from thrive.files.models import StoredFile
from thrive.inquiry.models import (
    REDACTED,
    Code,
    Inquiry,
    Participant,
    Transcript,
    TranscriptVersion,
    UncarriedCoding,
)
from thrive.inquiry.transcript_import import add_transcript_files
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db

NAME = "Zephyrine Quillfeather"
TEXT = f"Interviewer: Who helped?\nP1: My neighbour {NAME} drove me to the interview.\n"


@pytest.fixture
def interview(co_researcher):
    """An uploaded transcript, corrected once, with the neighbour's name coded."""
    inquiry = Inquiry.objects.create_inquiry("Neighbours", from_template=False)
    inquiry.team.add(co_researcher)
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    [transcript] = add_transcript_files(inquiry, [("P1.txt", TEXT.encode())], participant)
    transcript.edit_text(TEXT + "Interviewer: Thank you.\n")
    code = Code.objects.create(inquiry=inquiry, name="Help from others")
    at = transcript.text.index(NAME)
    transcript.add_coding(code, at, at + len(NAME), co_researcher)
    return inquiry, participant, transcript


def test_it_keeps_the_earlier_version_on_an_ordinary_edit(interview):
    _, _, transcript = interview
    transcript.edit_text(transcript.text.replace("drove", "walked"))
    assert TranscriptVersion.objects.filter(transcript=transcript).count() == 2
    assert StoredFile.objects.filter(subject_type="transcript").count() == 1


def test_it_keeps_no_earlier_text_original_or_quote_after_a_redaction(interview):
    _, _, transcript = interview
    revision = transcript.edit_text(transcript.text.replace(NAME, "[name]"), redaction=True)
    assert revision.version == 3
    assert NAME not in Transcript.objects.get().text
    assert not TranscriptVersion.objects.filter(transcript=transcript).exists()
    assert not StoredFile.objects.exists()
    [lost] = UncarriedCoding.objects.all()
    assert lost.quote == REDACTED


def test_it_keeps_quotes_still_found_in_the_text_after_a_redaction(interview, co_researcher):
    inquiry, _, transcript = interview
    text = transcript.text
    code = Code.objects.get(inquiry=inquiry)
    at = text.index("drove")
    transcript.add_coding(code, at, at + len("drove me"), co_researcher)
    # An ordinary edit loses the coding of "drove me"; the redaction puts those words back.
    transcript.edit_text(text.replace("drove me", "took me"))
    redacted = transcript.text.replace(NAME, "[name]").replace("took me", "drove me")
    transcript.edit_text(redacted, redaction=True)
    quotes = sorted(UncarriedCoding.objects.values_list("quote", flat=True))
    assert quotes == sorted([REDACTED, "drove me"])


def test_it_offers_redaction_on_the_edit_page(login_as, co_researcher, interview):
    inquiry, participant, transcript = interview
    url = reverse("inquiry:transcript_edit", args=[inquiry.pk, transcript.pk])
    client = login_as(co_researcher)
    assert 'name="redaction"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": transcript.title,
            "participant": participant.pk,
            "text": transcript.text.replace(NAME, "[name]"),
            "version": transcript.version,
            "redaction": "on",
        },
    )
    assert response.status_code == 302
    assert not TranscriptVersion.objects.exists()
    assert not StoredFile.objects.exists()


def test_it_withdraws_a_persons_participation_when_the_person_is_erased(interview):
    _, participant, _ = interview
    person = Person.refer(on=date(2025, 4, 1), name=NAME, journey={})
    participant.person = person
    participant.save()
    other = Participant.objects.create(inquiry=participant.inquiry, label="P2")
    person.erase()
    assert list(Participant.objects.all()) == [other]
    assert not Transcript.objects.exists()
    assert not TranscriptVersion.objects.exists()
    assert not StoredFile.objects.exists()
