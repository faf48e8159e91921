"""`thrive housekeeping` deletes exactly what the retention settings no longer keep, audited."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thrive.audit.models import AuditEvent
from thrive.backup.housekeeping import housekeeping, months_before, unmatched_referrals
from thrive.cli import main
from thrive.files.models import StoredFile
from thrive.files.store import keep
from thrive.jobs.models import Job
from thrive.journeys.models import Goal, Meeting, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_in")]

TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=30 * 31)  # past the default 24 months
LATELY = TODAY - timedelta(days=30 * 6)


def referral(name: str, on: date, **details) -> Person:
    return Person.refer(on=on, journey={}, name=name, **details)


@pytest.fixture
def referrals(peer_supporter):
    """One person of each kind; only `never_met` is past keeping."""
    people = {
        "never_met": referral("Never met", LONG_AGO),
        "met": referral("Met", LONG_AGO),
        "goal_set": referral("Goal set", LONG_AGO),
        "lately": referral("Referred lately", LATELY),
        "own_record": referral("Peer's own record", LONG_AGO, user=peer_supporter),
        "came_back": referral("Came back", LONG_AGO),
    }
    people["met"].journeys.get().note_meeting(LONG_AGO + timedelta(days=7))
    Goal.objects.create(
        journey=people["goal_set"].journeys.get(), set_on=LONG_AGO, in_their_words="A job"
    )
    came_back = people["came_back"]
    came_back.journeys.get().end(LONG_AGO + timedelta(days=30), "chose_to_stop")
    came_back.start_again(LATELY)
    return people


def old_job(status: str, days_ago: int) -> Job:
    job = Job.objects.create(kind="people_import", title="Import", status=status)
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=days_ago))
    return job


def task_result(status: str, days_ago: int) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="thrive.jobs.models.run_job",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now() - timedelta(days=days_ago),
        exception_class_path="",
        traceback="",
    )


def deletions(subject_type: str) -> list[str]:
    return sorted(
        AuditEvent.objects.filter(
            action="delete", subject_type=subject_type, detail__startswith="housekeeping"
        ).values_list("subject_id", flat=True)
    )


def test_it_deletes_only_referrals_that_never_became_a_journey(referrals):
    tidied = housekeeping()
    assert tidied.counts["unmatched_referrals"] == 1
    left = set(Person.objects.values_list("name", flat=True))
    assert left == {p.name for key, p in referrals.items() if key != "never_met"}
    assert deletions("person") == [str(referrals["never_met"].pk)]


def test_it_keeps_a_referral_once_a_meeting_is_recorded(referrals):
    journey = referrals["never_met"].journeys.get()
    Meeting.objects.create(journey=journey, met_on=TODAY, in_their_words="We met at last")
    assert housekeeping().counts["unmatched_referrals"] == 0
    assert Person.objects.filter(pk=referrals["never_met"].pk).exists()


def test_it_deletes_finished_jobs_and_their_uploads_after_the_setting():
    done, failed = old_job("done", 91), old_job("failed", 200)
    recent, running = old_job("done", 10), old_job("running", 400)
    keep(b"name\nJo\n", "people.csv", kind="people_import", subject_type="job", subject_id=done.pk)
    tidied = housekeeping()
    assert tidied.counts["finished_jobs"] == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not StoredFile.objects.filter(subject_type="job").exists()
    assert deletions("job") == sorted([str(done.pk), str(failed.pk)])


def test_it_deletes_finished_task_results_and_expired_sessions():
    old, new, waiting = (
        task_result("SUCCESSFUL", 91),
        task_result("FAILED", 3),
        task_result("READY", 400),
    )
    Session.objects.create(session_key="gone", session_data="", expire_date=timezone.now())
    Session.objects.create(
        session_key="kept", session_data="", expire_date=timezone.now() + timedelta(hours=1)
    )
    tidied = housekeeping()
    assert tidied.counts["finished_task_results"] == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {new.pk, waiting.pk}
    assert old.pk not in set(DBTaskResult.objects.values_list("pk", flat=True))
    assert list(Session.objects.values_list("session_key", flat=True)) == ["kept"]
    assert deletions("task result") == [""] and deletions("session") == [""]


def test_it_deletes_nothing_in_a_dry_run_but_counts_it(referrals):
    old_job("done", 100)
    tidied = housekeeping(dry_run=True)
    assert tidied.counts["unmatched_referrals"] == 1 and tidied.counts["finished_jobs"] == 1
    assert Person.objects.count() == len(referrals) and Job.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_it_does_nothing_more_when_run_again(referrals):
    old_job("done", 100)
    housekeeping()
    audited = AuditEvent.objects.count()
    again = housekeeping()
    assert set(again.counts.values()) == {0}
    assert AuditEvent.objects.count() == audited


def test_it_keeps_everything_when_a_setting_is_zero(referrals, settings):
    settings.THRIVE_KEEP_UNMATCHED_REFERRALS_MONTHS = 0
    settings.THRIVE_KEEP_FINISHED_JOBS_DAYS = 0
    old_job("done", 1000)
    tidied = housekeeping()
    assert tidied.counts["unmatched_referrals"] == tidied.counts["finished_jobs"] == 0
    assert Person.objects.count() == len(referrals) and Job.objects.count() == 1


def test_it_counts_months_by_the_calendar():
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2025, 5, 15), 24) == date(2023, 5, 15)
    assert months_before(date(2025, 1, 10), 13) == date(2023, 12, 10)


def test_the_command_prints_counts_as_json(referrals):
    result = CliRunner().invoke(main, ["housekeeping", "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["unmatched_referrals"] == 1
    assert Person.objects.count() == len(referrals)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_delete_each_referral_once(peer_supporter):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is shared by threads without locking")
    names = [f"Never met {n}" for n in range(12)]
    for name in names:
        referral(name, LONG_AGO)
    counts: list[int] = []

    def run() -> None:
        try:
            counts.append(housekeeping().counts["unmatched_referrals"])
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == len(names)
    assert not unmatched_referrals(months_before(TODAY, 24)).exists()
    assert len(deletions("person")) == len(set(deletions("person"))) == len(names)
