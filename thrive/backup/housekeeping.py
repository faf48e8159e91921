"""Housekeeping: delete what the retention settings say is no longer kept, audited.

Safe to run from cron, twice at once, or again straight away: each record is
deleted in its own transaction only if it still qualifies, and only a deletion
that happened is audited and counted.

- Referrals that never became a journey: a person whose every journey still has
  no first meeting and nothing on its timeline, last referred more than
  THRIVE_KEEP_UNMATCHED_REFERRALS_MONTHS months ago (and who is not a peer
  supporter's own record).
- Finished jobs: Job rows done or failed more than THRIVE_KEEP_FINISHED_JOBS_DAYS
  days ago, with any upload still kept for them, and the task queue's finished
  result rows of the same age.
- Withdrawn inquiry participants: a participant withdrawn more than
  THRIVE_WITHDRAWAL_GRACE_DAYS days ago is erased (`Participant.erase`: their
  transcripts, every version, codings, memos, quotes, answers, search index
  entries and uploaded originals, then the database file is cleaned).
- Interview audio the retention rule missed: a recording whose participant has approved
  their transcript, in an inquiry that does not keep audio after approval
  (`thrive.inquiry.recordings.sweep_approved_audio`; normally deleted at approval).
- Expired login sessions. (Signed links are never stored: they expire by
  themselves.)
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.files.store import forget
from thrive.inquiry.models import Participant, Recording
from thrive.inquiry.recordings import sweep_approved_audio
from thrive.jobs.models import Job
from thrive.journeys import models as journeys

TIMELINE = (
    journeys.Meeting,
    journeys.Goal,
    journeys.Activity,
    journeys.Achievement,
    journeys.Outcome,
    journeys.ServiceUseChange,
)
FINISHED_TASK_STATUSES = ("SUCCESSFUL", "FAILED")
BATCH = 500


@dataclass
class Tidied:
    """How many of each kind were deleted (or, in a dry run, would be)."""

    dry_run: bool
    referrals_before: date | None
    jobs_before: datetime | None
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "unmatched_referrals_before": str(self.referrals_before or ""),
            "finished_jobs_before": self.jobs_before.isoformat() if self.jobs_before else "",
            **self.counts,
        }


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def unmatched_referrals(before: date) -> QuerySet[journeys.Person]:
    """People referred before `before` who never had a first meeting or anything recorded."""
    journey = journeys.Journey.objects.filter(person=OuterRef("pk"))
    people = (
        journeys.Person.objects.filter(user__isnull=True)
        .filter(Exists(journey))
        .exclude(Exists(journey.filter(referred_on__gte=before)))
        .exclude(Exists(journey.filter(first_met_on__isnull=False)))
    )
    for model in TIMELINE:
        people = people.exclude(Exists(model.objects.filter(journey__person=OuterRef("pk"))))
    return people


def finished_jobs(before: datetime) -> QuerySet[Job]:
    return Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=before
    )


def finished_task_results(before: datetime) -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.filter(status__in=FINISHED_TASK_STATUSES, finished_at__lt=before)


def housekeeping(*, dry_run: bool = False, now: datetime | None = None) -> Tidied:
    """Apply every retention setting once; returns what was (or would be) deleted."""
    now = now or timezone.now()
    months = settings.THRIVE_KEEP_UNMATCHED_REFERRALS_MONTHS
    days = settings.THRIVE_KEEP_FINISHED_JOBS_DAYS
    referrals_before = months_before(timezone.localdate(now), months) if months else None
    jobs_before = now - timedelta(days=days) if days else None
    tidied = Tidied(dry_run, referrals_before, jobs_before)
    counts = tidied.counts
    if dry_run:
        counts["unmatched_referrals"] = (
            unmatched_referrals(referrals_before).count() if referrals_before else 0
        )
        counts["finished_jobs"] = finished_jobs(jobs_before).count() if jobs_before else 0
        counts["finished_task_results"] = (
            finished_task_results(jobs_before).count() if jobs_before else 0
        )
        counts["expired_sessions"] = Session.objects.filter(expire_date__lt=now).count()
        counts["withdrawn_participants"] = Participant.objects.due_for_erasure(now).count()
        counts["approved_audio"] = Recording.approved_with_audio().count()
        return tidied
    counts["unmatched_referrals"] = (
        delete_unmatched_referrals(referrals_before, months) if referrals_before else 0
    )
    counts["finished_jobs"] = delete_finished_jobs(jobs_before, days) if jobs_before else 0
    counts["finished_task_results"] = (
        delete_in_bulk(finished_task_results(jobs_before), "task result", days)
        if jobs_before
        else 0
    )
    counts["expired_sessions"] = delete_in_bulk(
        Session.objects.filter(expire_date__lt=now), "session", None
    )
    counts["withdrawn_participants"] = erase_withdrawn_participants(now)
    counts["approved_audio"] = sweep_approved_audio()
    return tidied


def delete_unmatched_referrals(before: date, months: int) -> int:
    """Erase each person who still qualifies, one transaction each, audited."""
    deleted = 0
    for pk in list(unmatched_referrals(before).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                still = unmatched_referrals(before).select_for_update().filter(pk=pk)
                if not list(still.values_list("pk", flat=True)):
                    continue  # another run got there first, or something was recorded
                journeys.Person.objects.get(pk=pk).erase()
                record(
                    None,
                    Action.DELETE,
                    "person",
                    pk,
                    detail=(
                        f"housekeeping: referred, never met, nothing recorded, kept {months} months"
                    ),
                )
        except IntegrityError:
            continue  # something was recorded for them as we deleted: keep them
        deleted += 1
    return deleted


def erase_withdrawn_participants(now: datetime) -> int:
    """Erase each participant whose grace period after withdrawing is over; audited."""
    days = settings.THRIVE_WITHDRAWAL_GRACE_DAYS
    erased = 0
    for pk in list(Participant.objects.due_for_erasure(now).values_list("pk", flat=True)):
        with transaction.atomic():
            participant = (
                Participant.objects.due_for_erasure(now).select_for_update().filter(pk=pk).first()
            )
            if participant is None:
                continue  # another run got there first
            withdrawn_on = f"{participant.withdrawn_at:%Y-%m-%d}"
            participant.erase()
            record(
                None,
                Action.DELETE,
                "participant",
                pk,
                detail=f"housekeeping: withdrew on {withdrawn_on}, {days} days ago or more",
            )
        erased += 1
    return erased


def delete_finished_jobs(before: datetime, days: int) -> int:
    """Delete finished jobs (and uploads still kept for them) in batches, audited one by one."""
    deleted = 0
    while True:
        with transaction.atomic():
            pks = list(
                finished_jobs(before)
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not pks:
                return deleted
            forget("job", pks)
            Job.objects.filter(pk__in=pks).delete()
            for pk in pks:
                record(
                    None,
                    Action.DELETE,
                    "job",
                    pk,
                    detail=f"housekeeping: finished more than {days} days ago",
                )
        deleted += len(pks)


def delete_in_bulk(rows: QuerySet, what: str, days: int | None) -> int:
    """Delete rows that hold no record of their own worth auditing singly; one audit line."""
    with transaction.atomic():
        count, _ = rows.delete()
        if count:
            age = f" finished more than {days} days ago" if days else " expired"
            record(
                None,
                Action.DELETE,
                what,
                "",
                detail=f"housekeeping: {count} {what} rows{age}",
            )
    return count
