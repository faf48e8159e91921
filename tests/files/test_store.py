"""Uploaded originals go through Django's storage API and leave with their subject."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thrive.files.models import StoredFile
from thrive.files.store import forget, keep, kept, stored_name
from thrive.inquiry.models import Inquiry, Participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_in")]


def test_it_never_uses_the_uploaders_file_name_on_disk():
    name = stored_name("Jo's interview (private).docx")
    assert name.endswith(".docx")
    assert "Jo" not in name
    assert stored_name("../../etc/passwd").endswith(".bin")


def test_it_keeps_an_original_where_the_storage_setting_says(storage_in, coordinator):
    stored = keep(
        b"Interviewer: Hello\n",
        "p1.txt",
        kind="upload",
        subject_type="transcript",
        subject_id=7,
        user=coordinator,
    )
    assert (storage_in / stored.file.name).read_bytes() == b"Interviewer: Hello\n"
    assert stored.size == 19
    assert stored.uploaded_by == coordinator


def test_it_reads_back_what_it_kept_for_a_subject_and_nothing_for_another():
    keep(b"first words", "a.txt", kind="upload", subject_type="job", subject_id=4)
    assert kept("job", 4) == b"first words"
    assert kept("job", 5) is None
    assert kept("transcript", 4) is None


def test_it_forgets_originals_files_and_rows(storage_in):
    stored = keep(b"text", "a.txt", kind="upload", subject_type="transcript", subject_id=3)
    path = storage_in / stored.file.name
    assert forget("transcript", [3]) == 1
    assert not path.exists()
    assert not StoredFile.objects.exists()


def test_it_keeps_each_uploaded_transcript_and_forgets_it_on_withdrawal(
    storage_in, coordinator, login_as
):
    inquiry = Inquiry.objects.create_inquiry("Storage check", user=coordinator)
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    upload = SimpleUploadedFile("P1.txt", b"Interviewer: How was it?\nP1: Good.\n", "text/plain")
    page = login_as(coordinator).post(
        reverse("inquiry:upload", args=[inquiry.pk]),
        {"files": [upload], "participant": participant.pk},
    )
    assert page.status_code == 302
    stored = StoredFile.objects.get(subject_type="transcript")
    assert (storage_in / stored.file.name).read_bytes().startswith(b"Interviewer:")
    participant.erase()
    assert not StoredFile.objects.exists()
    assert not (storage_in / stored.file.name).exists()
