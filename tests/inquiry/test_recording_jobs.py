"""A recording uploaded on the page is transcribed by a background job, with its progress and
the time left shown on the job's page; bad audio is refused on the form and starts nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.inquiry.recorded import INTERVIEW, encoded, interview_samples
from tests.jobs.conftest import run_waiting_jobs  # noqa: F401 (a fixture)
from thrive.files.models import StoredFile
from thrive.inquiry.models import Inquiry, Recording, Transcript
from thrive.inquiry.recordings import KIND, progress_for
from thrive.jobs.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inquiry(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Recorded interviews")
    inquiry.team.add(co_researcher)
    return inquiry


def upload(client, inquiry, name, data, participant=""):
    return client.post(
        reverse("inquiry:upload", args=[inquiry.pk]),
        {"files": [SimpleUploadedFile(name, data)], "participant": participant},
    )


def test_an_uploaded_recording_waits_as_a_job_with_its_audio_kept(inquiry, login_as, co_researcher):
    response = upload(login_as(co_researcher), inquiry, "P8 interview.wav", INTERVIEW.read_bytes())
    job = Job.objects.get(kind=KIND)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.started_by) == (KIND, "queued", co_researcher)
    assert job.title == "Transcription of “P8 interview.wav”"
    kept = StoredFile.objects.get()
    assert (kept.subject_type, kept.subject_id, kept.kind) == ("job", str(job.pk), "audio")
    assert not Transcript.objects.exists()


def test_the_job_stores_the_timed_transcript_and_moves_the_audio_under_it(
    inquiry,
    login_as,
    co_researcher,
    run_waiting_jobs,  # noqa: F811
):
    participant = inquiry.participants.create(label="P8")
    client = login_as(co_researcher)
    upload(client, inquiry, "interview.wav", INTERVIEW.read_bytes(), participant.pk)
    run_waiting_jobs()
    job = Job.objects.get(kind=KIND)
    assert job.status == Job.Status.DONE, job.error
    transcript = Transcript.objects.get()
    assert transcript.participant == participant and transcript.added_by == co_researcher
    assert [s.speaker for s in transcript.segments.order_by("position")] == ["Interviewer", "P8"]
    recording = Recording.objects.get()
    assert recording.original.subject_id == str(transcript.pk)
    assert StoredFile.objects.filter(subject_type="job").count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert (
        "Transcribed “interview” (8 seconds of recording, 2 lines); "
        "please check it against the recording." in page
    )
    assert reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]) in page


def test_the_job_page_shows_how_far_it_has_got_and_the_time_left(inquiry, login_as, co_researcher):
    upload(login_as(co_researcher), inquiry, "interview.ogg", encoded(interview_samples(), ".ogg"))
    job = Job.objects.get(kind=KIND)
    job.mark_running()
    progress_for(job)(1800, 3600, 150)
    page = login_as(co_researcher).get(job.get_absolute_url()).content.decode()
    assert "Transcribing, about 2 minutes left — 50% done." in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.mp3", b"P8: this is a text file.\n" * 20, "notes.mp3 could not be read as audio"),
        ("cut.mp3", encoded(interview_samples(), ".mp3")[:200], "could not be read as audio"),
        ("empty.wav", b"", "The submitted file is empty."),
    ],
)
def test_bad_audio_gets_one_message_and_starts_nothing(
    inquiry, login_as, co_researcher, name, data, message
):
    response = upload(login_as(co_researcher), inquiry, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Job.objects.exists() and not StoredFile.objects.exists()


def test_recordings_are_uploaded_apart_from_documents(inquiry, login_as, co_researcher):
    response = login_as(co_researcher).post(
        reverse("inquiry:upload", args=[inquiry.pk]),
        {
            "files": [
                SimpleUploadedFile("P8.wav", INTERVIEW.read_bytes()),
                SimpleUploadedFile("P1.txt", b"Interviewer: Hello.\nP1: Hello.\n"),
            ]
        },
    )
    assert "Upload recordings on their own, apart from transcript documents." in (
        response.content.decode()
    )
    assert not Job.objects.exists() and not Transcript.objects.exists()
    assert not StoredFile.objects.exists()


def test_a_recording_over_the_audio_limit_is_refused_by_its_streamed_size(
    inquiry, login_as, co_researcher, settings
):
    settings.THRIVE_MAX_AUDIO_BYTES = 104_858
    response = upload(login_as(co_researcher), inquiry, "long.wav", INTERVIEW.read_bytes())
    assert "long.wav is 0.2 MB; the limit is 0.1 MB per file" in response.content.decode()
    assert not Job.objects.exists() and not StoredFile.objects.exists()


def test_a_text_transcript_may_still_be_as_large_as_before_but_no_larger(
    inquiry, login_as, co_researcher
):
    response = upload(login_as(co_researcher), inquiry, "P1.txt", b"P1: words\n" * 600_000)
    assert "P1.txt is 5.7 MB; the limit is 5 MB per file" in response.content.decode()


def test_a_job_that_cannot_transcribe_says_why_in_one_sentence_and_keeps_nothing(
    inquiry,
    login_as,
    co_researcher,
    settings,
    tmp_path,
    run_waiting_jobs,  # noqa: F811
):
    settings.THRIVE_SPEECH_MODEL = str(tmp_path)
    client = login_as(co_researcher)
    upload(client, inquiry, "interview.wav", INTERVIEW.read_bytes())
    run_waiting_jobs()
    job = Job.objects.get(kind=KIND)
    assert job.status == Job.Status.FAILED
    assert job.error == (
        f"The speech model folder {tmp_path} has no model.bin; "
        "point THRIVE_SPEECH_MODEL at a CTranslate2 Whisper model folder."
    )
    assert not Transcript.objects.exists() and not StoredFile.objects.exists()
    assert (
        "It did not finish: The speech model folder"
        in client.get(job.get_absolute_url()).content.decode()
    )
