"""Building the study report: the page and its job, the downloads, the team's texts, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.pdf_text import pdf_text
from thrive.audit.models import AuditEvent
from thrive.files.models import StoredFile
from thrive.inquiry.models import REPORT_FILES, Inquiry, MemberCheck, Participant
from thrive.jobs.models import Job, run_job
from thrive.reports.cli import report as report_group
from thrive.reports.models import ReportText

pytestmark = pytest.mark.django_db

APPROVED_WORDS = "The kettle was always on and nobody rushed me out of the door."
WAITING_WORDS = "I have not read my record yet and would rather nobody quoted me."


@pytest.fixture
def inquiry(coordinator, worker):
    found = Inquiry.objects.create_inquiry("Small study", user=coordinator, aims="To learn.")
    found.team.set([worker])
    for label, words, state in (
        ("P1", APPROVED_WORDS, MemberCheck.APPROVED),
        ("P2", WAITING_WORDS, MemberCheck.SENT),
    ):
        person = Participant.objects.create(inquiry=found, label=label, member_check=state)
        found.add_transcript(f"Interview with {label}", f"{label}: {words}\n", person)
    return found


def page_url(inquiry: Inquiry, tail: str = "") -> str:
    return f"/reports/inquiry/{inquiry.pk}/report/{tail}"


def build(client, inquiry: Inquiry) -> Job:
    """Press the build button, then run the queued job as the worker would."""
    response = client.post(page_url(inquiry))
    assert response.status_code == 302 and response["Location"] == page_url(inquiry)
    job = Job.objects.get(kind="study_report")
    run_job.call(job.pk)
    job.refresh_from_db()
    return job


def test_it_builds_html_and_pdf_as_a_job_with_progress(login_as, worker, inquiry):
    client = login_as(worker)
    job = build(client, inquiry)
    assert job.status == Job.Status.DONE, job.error
    assert job.started_by == worker and job.params == {"inquiry": inquiry.pk}
    assert job.done == job.total == 8 and job.message == "Written"
    page = client.get(page_url(inquiry)).content.decode()
    assert f'href="{page_url(inquiry, "pdf/")}"' in page
    assert f'href="{page_url(inquiry, "html/")}"' in page


def test_it_shows_the_builds_progress_to_htmx_until_it_finishes(login_as, worker, inquiry):
    client = login_as(worker)
    client.post(page_url(inquiry))
    waiting = client.get(page_url(inquiry), headers={"HX-Request": "true"})
    assert waiting.status_code == 200 and "Waiting for a worker" in waiting.content.decode()
    run_job.call(Job.objects.get().pk)
    done = client.get(page_url(inquiry), headers={"HX-Request": "true"})
    assert done.status_code == 286  # htmx stops polling


def test_it_downloads_the_built_files_and_audits_the_export(login_as, worker, inquiry):
    client = login_as(worker)
    build(client, inquiry)
    pdf = client.get(page_url(inquiry, "pdf/"))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert APPROVED_WORDS not in text  # no theme holds it, so nothing quotes it
    assert WAITING_WORDS not in text
    assert "P2's summary waits for their approval" in text
    html = client.get(page_url(inquiry, "html/"))
    assert (
        html["Content-Type"].startswith("text/html") and "attachment" in html["Content-Disposition"]
    )
    assert AuditEvent.objects.filter(
        subject_type="inquiry", subject_id=str(inquiry.pk), detail="study report (pdf)"
    ).exists()


def test_it_sends_you_to_build_when_nothing_is_built_and_refuses_other_formats(
    login_as, worker, inquiry
):
    client = login_as(worker)
    assert client.get(page_url(inquiry, "pdf/"))["Location"] == page_url(inquiry)
    assert client.get(page_url(inquiry, "docx/")).status_code == 404


def test_it_forgets_the_built_files_when_a_participant_withdraws(login_as, worker, inquiry):
    build(login_as(worker), inquiry)
    assert StoredFile.objects.filter(subject_type=REPORT_FILES).count() == 2
    inquiry.participants.get(label="P1").withdraw(requested_by=worker)
    assert not StoredFile.objects.filter(subject_type=REPORT_FILES).exists()


def test_it_forgets_the_built_files_when_a_participant_is_erased(login_as, worker, inquiry):
    build(login_as(worker), inquiry)
    participant = inquiry.participants.get(label="P2")
    Participant.objects.filter(pk=participant.pk).update(withdrawn_at="2026-01-01T00:00Z")
    participant.refresh_from_db()
    participant.erase()
    assert not StoredFile.objects.filter(subject_type=REPORT_FILES).exists()


def test_it_refuses_the_page_to_someone_off_the_team(login_as, peer_supporter, viewer, inquiry):
    assert login_as(peer_supporter).post(page_url(inquiry)).status_code == 403
    assert login_as(viewer).get(page_url(inquiry)).status_code == 403
    assert not Job.objects.exists()


def test_it_keeps_each_earlier_wording_of_the_teams_texts(login_as, worker, inquiry):
    client = login_as(worker)
    first = {"conclusions": "Trust grew slowly.", "recommendations": "", "acknowledgements": ""}
    second = {**first, "conclusions": "Trust grew slowly, and it lasted."}
    for texts in (first, second, second):
        assert client.post(page_url(inquiry, "text/"), texts).status_code == 302
    text = ReportText.objects.get(inquiry=inquiry)
    assert text.conclusions == "Trust grew slowly, and it lasted." and text.updated_by == worker
    assert [v.conclusions for v in text.versions.all()] == ["Trust grew slowly."]
    page = client.get(page_url(inquiry, "text/")).content.decode()
    assert "Earlier wordings" in page and "Trust grew slowly." in page


def test_it_refuses_an_overlong_text_and_changes_nothing(login_as, worker, inquiry):
    client = login_as(worker)
    response = client.post(page_url(inquiry, "text/"), {"conclusions": "x" * 20_001})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page and "Please keep this under 20,000 characters." in page
    assert not ReportText.objects.exists()


def run(*args):
    return CliRunner().invoke(report_group, [str(a) for a in args], catch_exceptions=False)


def test_the_command_writes_both_formats_and_prints_their_paths(tmp_path, inquiry):
    result = run("inquiry", inquiry.title, "--out", tmp_path / "out", "--json")
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert [f.rsplit(".", 1)[1] for f in files] == ["html", "pdf"]
    assert (tmp_path / "out" / f"study-report-{inquiry.pk}.pdf").read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(detail="study report (html, pdf), command line").exists()


def test_the_command_writes_one_format_when_asked(tmp_path, inquiry):
    result = run("inquiry", inquiry.pk, "--format", "html", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in tmp_path.iterdir()] == [".html"]
    assert result.output.strip() == f"Wrote {tmp_path / f'study-report-{inquiry.pk}.html'}"


def test_the_command_answers_an_unknown_inquiry_in_one_line(tmp_path):
    result = run("inquiry", "No such study", "--out", tmp_path)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: There is no inquiry with the id or title 'No such study'; "
        "see `thrive inquiry list`."
    ]
    assert not list(tmp_path.iterdir())


def test_it_sends_you_to_build_again_when_the_kept_file_is_gone(login_as, worker, inquiry):
    client = login_as(worker)
    build(client, inquiry)
    for stored in StoredFile.objects.filter(subject_type=REPORT_FILES):
        stored.file.delete(save=False)
    assert client.get(page_url(inquiry, "pdf/"))["Location"] == page_url(inquiry)
