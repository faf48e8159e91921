"""Large imports of people, outcomes and REFI-QDA projects run as jobs; small ones as before.

THRIVE_INLINE_IMPORT_BYTES is lowered by a setting so the files stay small.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from tests.inquiry.hostile_corpus import HOSTILE
from tests.inquiry.test_exchange_import import MINIMAL
from tests.journeys.test_import import people_csv
from thrive.audit.models import AuditEvent
from thrive.files.models import StoredFile
from thrive.inquiry.core.refi import RefiError
from thrive.inquiry.core.refi.container import opened_container
from thrive.inquiry.models import Coding, Inquiry
from thrive.jobs.models import Job
from thrive.journeys.models import Journey, Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.THRIVE_INLINE_IMPORT_BYTES = 100


def passes_the_container_check(data: bytes) -> bool:
    """A hostile project the page accepts, so it is refused by the job instead."""
    try:
        opened_container(data)
    except RefiError:
        return False
    return len(data) > 100


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def import_people(client, data: bytes, action: str = "import"):
    return client.post(
        reverse("journeys:import_records"),
        {"kind": "people", "file": upload("old.csv", data), "action": action},
    )


def import_project(client, data: bytes = MINIMAL, title: str = "From QualCoder"):
    return client.post(
        reverse("inquiry:project_import"), {"file": upload("minimal.qdpx", data), "title": title}
    )


# People and outcomes ---------------------------------------------------------


def test_it_sends_a_large_people_import_to_a_job_and_writes_nothing_yet(
    login_as, coordinator, worker
):
    response = import_people(login_as(coordinator), people_csv(5))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.started_by) == ("people_import", "queued", coordinator)
    assert job.title == "Import of people from “old.csv”"
    assert not Person.objects.exists()
    assert StoredFile.objects.filter(subject_type="job", subject_id=str(job.pk)).count() == 1


def test_it_imports_every_row_when_the_worker_runs(login_as, coordinator, worker, run_waiting_jobs):
    import_people(login_as(coordinator), people_csv(5))
    run_waiting_jobs()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    assert (job.done, job.total) == (5, 5)
    assert job.message == "Imported 5 people rows."
    assert job.result["rows"] == 5 and job.result["written"]
    assert job.result_url == reverse("journeys:people")
    assert Person.objects.count() == 5
    assert Journey.objects.count() == 5
    event = AuditEvent.objects.get(subject_type="person")
    assert (event.user, event.action) == (coordinator, "create")
    assert "imported 5 people rows" in event.detail
    assert not StoredFile.objects.exists()


def test_it_fails_the_job_in_one_line_for_a_bad_row_and_writes_nothing(
    login_as, coordinator, worker, run_waiting_jobs
):
    import_people(login_as(coordinator), people_csv(5, bad_row=3))
    run_waiting_jobs()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "\n" not in job.error
    assert job.error.startswith("1 of 5 rows refused; nothing was written.")
    assert "Row 4: first_met_on '2025-13-40' is not a date" in job.error
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(subject_type="person").exists()
    assert not StoredFile.objects.exists()
    page = login_as(coordinator).get(job.get_absolute_url()).content.decode()
    assert "<title>Error: " in page and "1 of 5 rows refused" in page


def test_it_refuses_a_file_it_cannot_read_before_starting_a_job(login_as, coordinator):
    response = login_as(coordinator).post(
        reverse("journeys:import_records"),
        {"kind": "people", "file": upload("old.xlsx", b"x" * 500), "action": "import"},
    )
    assert response.status_code == 400
    assert "The file is named .xlsx but is not a spreadsheet." in response.content.decode()
    assert not Job.objects.exists()
    assert not StoredFile.objects.exists()


def test_it_checks_a_large_file_inside_the_request_as_before(login_as, coordinator, worker):
    response = import_people(login_as(coordinator), people_csv(5), action="check")
    assert response.status_code == 200
    assert "All 5 rows can be imported" in response.content.decode()
    assert not Job.objects.exists() and not Person.objects.exists()


def test_it_imports_a_small_file_inside_the_request_as_before(
    login_as, coordinator, worker, settings
):
    settings.THRIVE_INLINE_IMPORT_BYTES = 1_048_576
    response = import_people(login_as(coordinator), people_csv(5))
    assert response.status_code == 200
    assert "Imported 5 rows" in response.content.decode()
    assert Person.objects.count() == 5
    assert not Job.objects.exists() and not StoredFile.objects.exists()


# REFI-QDA projects -----------------------------------------------------------


def test_it_sends_a_large_project_import_to_a_job_and_writes_nothing_yet(login_as, worker):
    response = import_project(login_as(worker))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.started_by) == ("project_import", "queued", worker)
    assert job.params["title"] == "From QualCoder"
    assert not Inquiry.objects.exists()


def test_it_imports_the_project_when_the_worker_runs_and_links_to_it(
    login_as, worker, run_waiting_jobs
):
    client = login_as(worker)
    import_project(client)
    run_waiting_jobs()
    job = Job.objects.get(kind="project_import")
    assert job.status == Job.Status.DONE, job.error
    inquiry = Inquiry.objects.get(title="From QualCoder")
    assert inquiry.team.filter(pk=worker.pk).exists()
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 2
    assert job.result["url"] == reverse("inquiry:detail", args=[inquiry.pk])
    assert job.result["label"] == "Open the inquiry"
    assert job.result["warnings"] and len(job.result["warnings"]) <= 20
    assert job.result["conventions"] == ["codepoint-crlf2-exclusive"]
    assert job.message == "Imported “From QualCoder” with 1 transcript."
    event = AuditEvent.objects.get(subject_type="inquiry", detail="REFI-QDA import")
    assert (event.user, event.subject_id) == (worker, str(inquiry.pk))
    assert not StoredFile.objects.exists()
    vectors = Job.objects.get(kind="passage_vectors")
    assert (vectors.status, vectors.params) == (Job.Status.DONE, {"inquiry": inquiry.pk})
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'href="{job.result["url"]}">Open the inquiry</a>' in page
    assert "<h3>Warnings</h3>" in page
    assert escape(job.result["warnings"][0]) in page


def test_it_fails_the_project_job_in_one_line_and_imports_nothing(
    login_as, worker, run_waiting_jobs
):
    data, words = next(
        (data, words) for data, words in HOSTILE.values() if passes_the_container_check(data)
    )
    import_project(login_as(worker), data)
    run_waiting_jobs()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "\n" not in job.error
    assert words.lower() in job.error.lower()
    assert not Inquiry.objects.exists()
    assert not AuditEvent.objects.filter(subject_type="inquiry").exists()
    assert not StoredFile.objects.exists()


def test_it_imports_a_small_project_inside_the_request_as_before(login_as, worker, settings):
    settings.THRIVE_INLINE_IMPORT_BYTES = 1_048_576
    response = import_project(login_as(worker))
    inquiry = Inquiry.objects.get(title="From QualCoder")
    assert response["Location"] == reverse("inquiry:detail", args=[inquiry.pk])
    assert not StoredFile.objects.exists()
    assert list(Job.objects.values_list("kind", flat=True)) == ["passage_vectors"]


# The setting ----------------------------------------------------------------


@pytest.mark.parametrize("raw", ["big", "-1", "1.5"])
def test_it_refuses_a_threshold_that_is_not_a_whole_number(raw, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from thrive.settings import env_int

    monkeypatch.setenv("THRIVE_INLINE_IMPORT_BYTES", raw)
    with pytest.raises(ImproperlyConfigured, match="THRIVE_INLINE_IMPORT_BYTES"):
        env_int("THRIVE_INLINE_IMPORT_BYTES", 1_048_576)


def test_it_reads_the_threshold_and_defaults_to_a_megabyte(monkeypatch):
    from thrive.settings import env_int

    monkeypatch.delenv("THRIVE_INLINE_IMPORT_BYTES", raising=False)
    assert env_int("THRIVE_INLINE_IMPORT_BYTES", 1_048_576) == 1_048_576
    monkeypatch.setenv("THRIVE_INLINE_IMPORT_BYTES", "2_000_000")
    assert env_int("THRIVE_INLINE_IMPORT_BYTES", 1_048_576) == 2_000_000


def test_it_refuses_an_unsafe_container_on_the_form_and_starts_no_job(login_as, worker):
    data, words = HOSTILE["too many members"]
    response = import_project(login_as(worker), data)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Job.objects.exists() and not StoredFile.objects.exists()
