"""A recorded interview for tests: the real 7.6 s WAV of tests/inquiry/data, kept as audio."""

from __future__ import annotations

from pathlib import Path

from thrive.files.store import keep
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Inquiry, Participant, Recording, Transcript

WAV = Path(__file__).parent / "data" / "short_interview.wav"
CUES = [
    Cue(0.0, 2.2, "What helped you most when you started?", "Interviewer"),
    Cue(3.9, 5.4, "Being paid for the work.", "P8"),
    Cue(5.6, 7.5, "It meant I was trusted.", "P8"),
]


def recorded_transcript(
    inquiry: Inquiry, title: str = "P8 recorded", participant: Participant | None = None, user=None
) -> Transcript:
    """A timed transcript of the short interview with its audio kept as the recording."""
    transcript = inquiry.add_timed_transcript(title, CUES, participant, user)
    data = WAV.read_bytes()
    stored = keep(
        data, "P8 interview.wav", kind="audio", subject_type="transcript",
        subject_id=transcript.pk, user=user,
    )  # fmt: skip
    Recording.objects.create(
        transcript=transcript, original=stored, media_type="audio/wav", duration_ms=7590
    )
    return transcript
