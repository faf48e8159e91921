"""Recorded interviews from the command line become timed transcripts; their audio is kept
under the transcript until the participant approves it or withdraws."""

import json

import jiwer
import numpy as np
import pytest
from click.testing import CliRunner
from django.urls import reverse

from tests.inquiry.recorded import INTERVIEW, encoded, interview_samples
from tests.inquiry.test_speech_core import SAID, words
from thrive.audit.models import Action, AuditEvent
from thrive.backup.housekeeping import housekeeping
from thrive.files.models import StoredFile
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core.audio import RATE, wav_clip
from thrive.inquiry.core.speech import BUNDLED
from thrive.inquiry.models import (
    Inquiry,
    MemberCheck,
    MemberCheckResponse,
    Recording,
    ResponseKind,
    Transcript,
)
from thrive.inquiry.recordings import hear, store_recording

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def inquiry():
    return Inquiry.objects.create_inquiry("Recorded interviews")


@pytest.fixture(scope="module")
def heard():
    """The short interview heard once by the model, for tests about what happens after."""
    return hear(INTERVIEW.name, INTERVIEW.read_bytes())


@pytest.fixture
def recorded(inquiry, heard):
    participant = inquiry.participants.create(label="P8")
    data = INTERVIEW.read_bytes()
    return store_recording(inquiry, INTERVIEW.name, data, heard, participant), participant


def audio_files() -> int:
    return StoredFile.objects.filter(kind="audio").count()


# From the command line ----------------------------------------------------------------------


def test_it_transcribes_a_recording_into_a_timed_transcript_with_its_audio_kept(inquiry):
    result = run("add-transcript", inquiry.pk, INTERVIEW, "--participant", "P8", "--json")
    assert result.exit_code == 0, result.output
    [shown] = json.loads(result.output)
    transcript = Transcript.objects.get(pk=shown["id"])
    segments = list(transcript.segments.order_by("position"))
    assert [(s.speaker, s.speaker_guessed) for s in segments] == [
        ("Interviewer", True),
        ("P8", True),
    ]
    assert segments[0].start_ms < 500 and 3000 <= segments[1].start_ms < 4800
    assert segments[1].end_ms <= 7700
    heard = " ".join(transcript.text[s.text_start : s.text_end] for s in segments)
    assert jiwer.wer(words(" ".join(SAID)), words(heard)) < 0.25
    assert transcript.text.startswith("Interviewer: ") and "\nP8: " in transcript.text
    assert transcript.participant.label == "P8" and shown["participant"] == "P8"
    # and keeps the audio under the transcript, with how it was heard
    recording = Recording.objects.get()
    assert recording.original.subject_type == "transcript"
    assert recording.original.subject_id == str(recording.transcript_id)
    assert recording.original.kind == "audio"
    assert recording.original.sha256 and recording.original.size == INTERVIEW.stat().st_size
    assert (recording.media_type, recording.speech_model) == ("audio/wav", BUNDLED)
    assert 7400 < recording.duration_ms < 7800 and recording.transcribed_at is not None
    assert AuditEvent.objects.filter(action=Action.CREATE, subject_type="transcript").exists()


def test_it_prints_the_new_transcript_line_by_line_with_times(inquiry):
    result = run("add-transcript", inquiry.pk, INTERVIEW, "--participant", "P8")
    lines = result.output.splitlines()
    assert lines[0].startswith("Added ") and lines[0].endswith("short_interview (P8)")
    assert lines[1].lstrip().startswith("0.0s  Interviewer:")
    assert "P8:" in lines[2] and "trusted" in lines[2].lower()


def test_an_mp3_recording_is_heard_too(inquiry, tmp_path):
    path = tmp_path / "P8.mp3"
    path.write_bytes(encoded(interview_samples(), ".mp3"))
    inquiry.participants.create(label="P8")
    result = run("add-transcript", inquiry.pk, path, "--json")
    assert result.exit_code == 0, result.output
    transcript = Transcript.objects.get()
    assert transcript.participant.label == "P8"  # named after the participant
    assert transcript.recording.media_type == "audio/mpeg"
    assert transcript.segments.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.mp3", b"Interviewer: this is a text file.\n" * 20, "could not be read as audio"),
        ("cut.mp3", encoded(interview_samples(), ".mp3")[:200], "could not be read as audio"),
        ("empty.wav", b"", "could not be read as audio"),
    ],
)
def test_bad_audio_gets_one_clear_line_and_stores_nothing(inquiry, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("add-transcript", inquiry.pk, path, "--participant", "P8")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert message in result.output and "Nothing was added." in result.output
    assert not Transcript.objects.exists() and not StoredFile.objects.exists()


def test_a_recording_of_silence_is_refused_as_no_speech(inquiry, tmp_path):
    path = tmp_path / "silence.wav"
    path.write_bytes(wav_clip(np.zeros(3 * RATE, dtype=np.float32), 0, 3000))
    result = run("add-transcript", inquiry.pk, path)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: No speech was heard in silence.wav. Nothing was added."
    assert not Transcript.objects.exists() and not StoredFile.objects.exists()


def test_a_recording_over_the_audio_limit_is_refused_unread(inquiry, settings):
    settings.THRIVE_MAX_AUDIO_BYTES = 104_858  # 0.1 MB
    result = run("add-transcript", inquiry.pk, INTERVIEW)
    assert result.exit_code == 1
    assert "short_interview.wav is 0.2 MB; the limit is 0.1 MB, so nothing was added." in (
        result.output
    )
    assert not Transcript.objects.exists() and not StoredFile.objects.exists()


def test_recordings_and_documents_are_added_apart(inquiry, tmp_path):
    text = tmp_path / "P1.txt"
    text.write_text("Interviewer: Hello.\nP1: Hello.\n")
    result = run("add-transcript", inquiry.pk, INTERVIEW, text)
    assert result.exit_code == 1 and "apart from transcript documents" in result.output
    assert not Transcript.objects.exists()


# Retention and erasure ----------------------------------------------------------------------


def test_the_audio_is_deleted_when_the_participant_approves(recorded):
    transcript, participant = recorded
    stored = transcript.recording.original
    MemberCheckResponse.make(participant, ResponseKind.APPROVE)
    recording = Recording.objects.get(transcript=transcript)
    assert recording.original is None and recording.audio_removed_at is not None
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
    assert not stored.file.storage.exists(stored.file.name)
    assert transcript.segments.count() == 2  # the words and their times stay
    assert AuditEvent.objects.filter(action=Action.DELETE, subject_type="recording").count() == 1


def test_the_audio_stays_after_approval_when_the_inquiry_keeps_it(recorded, inquiry):
    transcript, participant = recorded
    inquiry.keep_audio_after_approval = True
    inquiry.save()
    MemberCheckResponse.make(participant, ResponseKind.APPROVE)
    assert Recording.objects.get(transcript=transcript).original is not None
    assert audio_files() == 1


def test_housekeeping_deletes_approved_audio_that_was_missed(recorded):
    _, participant = recorded
    participant.__class__.objects.filter(pk=participant.pk).update(
        member_check=MemberCheck.APPROVED
    )  # approved without the rule running, as an older version of Thrive would have
    assert housekeeping(dry_run=True).counts["approved_audio"] == 1
    assert audio_files() == 1
    assert housekeeping().counts["approved_audio"] == 1
    assert audio_files() == 0 and Recording.objects.get().audio_removed_at is not None
    assert housekeeping().counts["approved_audio"] == 0


def test_erasing_a_withdrawn_participant_removes_their_audio(recorded):
    transcript, participant = recorded
    stored = transcript.recording.original
    participant.erase()
    assert not StoredFile.objects.exists()
    assert not stored.file.storage.exists(stored.file.name)
    assert not Recording.all_including_withdrawn.exists()


def test_the_inquiry_settings_say_plainly_whether_audio_is_kept_after_approval(
    inquiry, login_as, coordinator
):
    client = login_as(coordinator)
    edit = reverse("inquiry:edit", args=[inquiry.pk])
    page = client.get(edit).content.decode()
    assert "Keep interview recordings after approval" in page
    assert "deleted once the participant has approved their transcript" in page
    response = client.post(
        edit, {"title": inquiry.title, "keep_audio_after_approval": "on", "team": []}
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.keep_audio_after_approval is True
