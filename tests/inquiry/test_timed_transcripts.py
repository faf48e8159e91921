"""A transcript made from timed cues keeps each cue's time and where its words are."""

import pytest

from thrive.inquiry.core.timing import Cue, Placed
from thrive.inquiry.models import Inquiry, InquiryError, TimedSegment

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    return Inquiry.objects.create_inquiry(title="Timed interviews")


def test_a_timed_transcript_stores_its_segments_in_order(inquiry):
    participant = inquiry.participants.create(label="P8")
    cues = [Cue(0.0, 2.0, "What helped?", "Interviewer"), Cue(2.4, 5.0, "Being paid.", "P8")]
    transcript = inquiry.add_timed_transcript("P8 interview", cues, participant)
    segments = list(transcript.segments.all())
    assert transcript.text == "Interviewer: What helped?\nP8: Being paid.\n"
    assert [(s.position, s.start_ms, s.end_ms, s.speaker) for s in segments] == [
        (0, 0, 2000, "Interviewer"),
        (1, 2400, 5000, "P8"),
    ]
    assert [transcript.text[s.text_start : s.text_end] for s in segments] == [
        "What helped?",
        "Being paid.",
    ]


def test_segments_outside_the_text_are_refused_and_nothing_changes(inquiry):
    transcript = inquiry.add_timed_transcript("Short", [Cue(0.0, 1.0, "Yes.")])
    with pytest.raises(InquiryError, match="outside"):
        transcript.set_segments([Placed(0, 1000, 0, 400)])
    assert TimedSegment.objects.filter(transcript=transcript).count() == 1


def test_a_withdrawn_participants_segments_are_hidden(inquiry):
    participant = inquiry.participants.create(label="P2")
    inquiry.add_timed_transcript("P2", [Cue(0.0, 1.0, "Hello.")], participant)
    participant.withdraw()
    assert not TimedSegment.objects.filter(transcript__inquiry=inquiry).exists()
    assert TimedSegment.all_including_withdrawn.filter(transcript__inquiry=inquiry).count() == 1
