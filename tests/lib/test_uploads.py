"""Uploads are refused by their size before any view reads them, kindly and changing nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thrive.inquiry.models import Code, Inquiry, Transcript
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def inquiry(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Uploads", from_template=False)
    inquiry.team.add(co_researcher)
    return inquiry


def test_it_answers_413_to_a_request_declaring_more_than_thrive_ever_accepts(client, settings):
    response = client.generic(
        "POST",
        reverse("journeys:refer"),
        b"name=Sam",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.THRIVE_MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "<title>That file is too large" in page
    assert "Nothing was saved" in page
    assert not Person.objects.exists()


def test_it_refuses_five_large_transcripts_before_the_page_reads_them(
    login_as, co_researcher, inquiry, settings
):
    settings.THRIVE_MAX_REQUEST_BYTES = 20 * MB
    files = [SimpleUploadedFile(f"p{n}.txt", b"P1: hello\n" * (MB // 2)) for n in range(5)]
    response = login_as(co_researcher).post(
        reverse("inquiry:upload", args=[inquiry.pk]), {"files": files}
    )
    assert response.status_code == 413
    assert "The largest upload Thrive accepts is 20 MB" in response.content.decode()
    assert not Transcript.objects.exists()


def test_it_refuses_one_transcript_over_five_megabytes_by_its_size(
    login_as, co_researcher, inquiry
):
    big = SimpleUploadedFile("long.txt", b"P1: hello\n" * (MB // 10 * 6))
    response = login_as(co_researcher).post(
        reverse("inquiry:upload", args=[inquiry.pk]), {"files": [big]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "long.txt is 6.0 MB; the limit is 5 MB per file" in page
    assert not Transcript.objects.exists()


def test_it_refuses_a_codebook_over_two_megabytes_by_its_size(login_as, co_researcher, inquiry):
    big = SimpleUploadedFile("codes.csv", b"code\n" + b"A\n" * (3 * MB // 2))
    response = login_as(co_researcher).post(
        reverse("inquiry:codebook_import", args=[inquiry.pk]), {"file": big}
    )
    assert "codes.csv is 3.0 MB; the limit is 2 MB per file" in (response.content.decode())
    assert not Code.objects.filter(inquiry=inquiry).exists()


def test_it_refuses_a_people_file_over_five_megabytes_by_its_size(login_as, coordinator):
    big = SimpleUploadedFile("people.csv", b"reference,name,referred_on\n" + b"x" * (6 * MB))
    response = login_as(coordinator).post(
        reverse("journeys:import_records"), {"kind": "people", "file": big, "action": "import"}
    )
    assert response.status_code == 400
    assert "people.csv is 6.0 MB; the limit is 5 MB per file" in (response.content.decode())
    assert not Person.objects.exists()


def test_it_streams_large_files_to_disk_rather_than_memory(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert settings.THRIVE_MAX_REQUEST_BYTES >= 100 * MB
