"""A co-operative inquiry: its team, participants, transcripts, codebook and codings.

Each record carries its own rules: a method checks them and raises InquiryError with one
plain sentence, so a view, a command or a REFI-QDA importer can show the message as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from thrive.core.text import without_controls
from thrive.files.store import forget
from thrive.inquiry.core.carry import carried_codings, carried_segments
from thrive.inquiry.core.case_sections import SECTIONS
from thrive.inquiry.core.codebook import CodeRow, rows_from_specs
from thrive.inquiry.core.formats import canonical_text
from thrive.inquiry.core.guide import DEFAULT_GUIDE
from thrive.inquiry.core.segments import descendants, would_cycle
from thrive.inquiry.core.starting_codebook import CodeSpec, starting_codebook
from thrive.inquiry.core.timing import Cue, Placed, timed_text
from thrive.jobs.models import Job
from thrive.lib.concurrency import still_at
from thrive.lib.disk import forget_on_disk_after_commit
from thrive.lib.signing import LinkProblem, LinkRefused, make_link_token, read_link_token


class InquiryError(ValueError):
    """A request the inquiry cannot carry out; the message is one plain sentence."""


STALE_PAGE = (
    "The transcript changed since you opened this page: reload it to code the current words."
)


class TranscriptChanged(InquiryError):
    """Someone saved a new version of the transcript since the page was opened."""

    def __init__(self, message: str = STALE_PAGE):
        super().__init__(message)


class InquiryManager(models.Manager):
    @transaction.atomic
    def create_inquiry(
        self, title: str, *, user=None, aims: str = "", from_template: bool = True
    ) -> Inquiry:
        """A new inquiry; from the template it gets the default guide and the framework codebook."""
        from thrive.framework.models import ServiceFramework

        title = title.strip()
        if not title:
            raise InquiryError("Give the inquiry a title.")
        if len(title) > 200:
            raise InquiryError("The title is longer than 200 characters.")
        inquiry = self.create(title=title, aims=aims)
        if user is not None:
            inquiry.team.add(user)
        if from_template:
            GuideQuestion.objects.bulk_create(
                GuideQuestion(inquiry=inquiry, position=i, text=text)
                for i, text in enumerate(DEFAULT_GUIDE, 1)
            )
            inquiry.apply_codebook(starting_codebook(ServiceFramework.current()))
        return inquiry


class Inquiry(models.Model):
    """One piece of co-produced research, run with the people it is about."""

    title = models.CharField(max_length=200)
    aims = models.TextField(blank=True)
    information_sheet = models.TextField(blank=True)
    consent_statement = models.TextField(
        blank=True, help_text="What each participant agrees to, in plain words."
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="inquiries")
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(
        default=False, help_text="Made by `thrive demo`, which replaces only inquiries marked so."
    )
    keep_audio_after_approval = models.BooleanField(
        default=False,
        help_text="Keep a recording's audio once its participant has approved the transcript "
        "(by default the audio is deleted then).",
    )

    objects = InquiryManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return self.title

    def is_open_to(self, user) -> bool:
        """Coordinators see every inquiry; others only the inquiries whose team they are on."""
        from thrive.accounts.models import Capability, Role

        if not user.can(Capability.WORK_ON_INQUIRIES):
            return False
        if user.role == Role.COORDINATOR:
            return True
        return self.team.filter(pk=user.pk).exists()

    def is_managed_by(self, user) -> bool:
        """Coordinators and staff on the team may change its title, team and consent settings."""
        from thrive.accounts.models import Role

        return user.role == Role.COORDINATOR or (
            user.role == Role.WORKER and self.team.filter(pk=user.pk).exists()
        )

    # The guide

    def add_question(self, text: str) -> GuideQuestion:
        """A new question at the end of the guide."""
        last = self.guide.aggregate(last=Max("position"))["last"] or 0
        return GuideQuestion.objects.create(inquiry=self, position=last + 1, text=text)

    def renumber_guide(self) -> None:
        """Number the guide's questions 1, 2, 3… in their current order."""
        questions = list(self.guide.all())
        for position, question in enumerate(questions, 1):
            question.position = position
        GuideQuestion.objects.bulk_update(questions, ["position"])

    # The codebook

    def apply_codebook(self, specs: Sequence[CodeSpec]) -> tuple[int, int]:
        """Add a nested codebook, updating codes whose path exists; (added, updated)."""
        return self.apply_code_rows(rows_from_specs(specs))

    @transaction.atomic
    def apply_code_rows(self, rows: Iterable[CodeRow]) -> tuple[int, int]:
        """Merge flat rows into the codebook by path; never deletes a code. (added, updated)."""
        existing = self.codes.by_path()
        added = updated = 0
        for row in sorted(rows, key=lambda r: len(r.path)):
            values = {
                "description": row.description,
                "colour": row.colour,
                "valence": row.valence,
                "tree_part": row.tree_part,
                "area": row.area,
                "codable": row.codable,
            }
            if row.memo is not None:
                values["memo"] = row.memo
            code = existing.get(row.path)
            if code is not None:
                changed = [name for name, value in values.items() if getattr(code, name) != value]
                if changed:
                    for name in changed:
                        setattr(code, name, values[name])
                    code.save(update_fields=changed)
                    updated += 1
                continue
            parent = None
            for depth in range(1, len(row.path)):
                above = row.path[:depth]
                if above not in existing:
                    existing[above] = Code.objects.create(
                        inquiry=self, parent=parent, name=above[-1]
                    )
                    added += 1
                parent = existing[above]
            existing[row.path] = Code.objects.create(
                inquiry=self, parent=parent, name=row.path[-1], **values
            )
            added += 1
        return added, updated

    # Transcripts

    def add_transcript(
        self, title: str, text: str, participant: Participant | None = None, user=None
    ) -> Transcript:
        """Store one interview as canonical text; the search index follows by itself."""
        transcript = self._unsaved_transcript(title, text, participant, user)
        transcript.save()
        self.queue_passage_vectors(user)
        return transcript

    @transaction.atomic
    def add_transcripts(
        self,
        items: Iterable[tuple[str, str, Participant | None]],
        user=None,
        batch_size: int = 200,
    ) -> list[Transcript]:
        """Store many interviews at once, all or nothing: (title, text, participant) each."""
        transcripts = [self._unsaved_transcript(*item, user) for item in items]
        self.queue_passage_vectors(user)
        return Transcript.objects.bulk_create(transcripts, batch_size=batch_size)

    @transaction.atomic
    def add_timed_transcript(
        self, title: str, cues: Sequence[Cue], participant: Participant | None = None, user=None
    ) -> Transcript:
        """Store an interview from timed cues: its text, one line per cue, and its segments."""
        text, placed = timed_text(cues)
        transcript = self.add_transcript(title, text, participant, user)
        transcript.set_segments(placed)
        return transcript

    def queue_passage_vectors(self, user=None) -> None:
        """Once the transaction commits, have a worker work out the vectors of new or changed
        passages for search by meaning (see thrive.inquiry.meaning)."""
        transaction.on_commit(lambda: self.start_passage_vectors(user))

    def start_passage_vectors(self, user=None) -> Job:
        """A job working out the vectors search by meaning needs; one already waiting will do."""
        waiting = Job.objects.filter(
            kind=PASSAGE_VECTORS_JOB, status=Job.Status.QUEUED, params__inquiry=self.pk
        ).first()
        if waiting is not None:
            return waiting
        return Job.start(
            PASSAGE_VECTORS_JOB,
            f"Getting “{self.title}” ready for search by meaning",
            user=user,
            params={"inquiry": self.pk},
        )

    def _unsaved_transcript(self, title, text, participant, user) -> Transcript:
        """A checked transcript of this inquiry, not yet saved."""
        if participant is not None and participant.inquiry_id != self.pk:
            raise InquiryError("That participant belongs to another inquiry.")
        if participant is not None and participant.withdrawn_at is not None:
            raise InquiryError(f"{participant.label} has withdrawn from the inquiry.")
        text = Transcript.checked_text(text)
        title = (title.strip() or "Untitled transcript")[:200]
        return Transcript(
            inquiry=self,
            participant=participant,
            title=title,
            text=text,
            length=len(text),
            added_by=user,
        )


class GuideQuestion(models.Model):
    """One question of an inquiry's interview guide, in order."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="guide")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    def move(self, step: int) -> None:
        """Move up (step -1) or down (+1) the guide, renumbering it 1, 2, 3…"""
        questions = list(GuideQuestion.objects.filter(inquiry_id=self.inquiry_id))
        index = next(i for i, q in enumerate(questions) if q.pk == self.pk)
        other = index + step
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
        for position, item in enumerate(questions, 1):
            item.position = position
        GuideQuestion.objects.bulk_update(questions, ["position"])

    @transaction.atomic
    def remove(self) -> None:
        """Remove the question (answers marked against it go with it) and renumber the guide."""
        self.delete()
        self.inquiry.renumber_guide()


class MemberCheck(models.TextChoices):
    """Where a participant's check of their own record stands (see docs/inquiry.md)."""

    NOT_STARTED = "not_started", "Not sent"
    SENT = "sent", "Sent"
    OPENED = "opened", "Opened"
    COMMENTED = "commented", "Commented"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    AMENDED = "amended", "Amended"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class WithdrawnBy(models.TextChoices):
    LINK = "link", "The participant, through their private link"
    TEAM = "team", "The team, on the participant's behalf"
    COMMAND = "command", "The command line"


REPORT_FILES = "study_report"  # kept study reports of an inquiry (thrive/reports/jobs.py)


def withdrawal_grace_days() -> int:
    """Days between a withdrawal and its erasure (THRIVE_WITHDRAWAL_GRACE_DAYS, default 14)."""
    return getattr(settings, "THRIVE_WITHDRAWAL_GRACE_DAYS", 14)


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> ParticipantQuerySet:
        """Participants who have not withdrawn: the only ones analyses and exports show."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self) -> ParticipantQuerySet:
        return self.filter(withdrawn_at__isnull=False)

    def due_for_erasure(self, now: datetime | None = None) -> ParticipantQuerySet:
        """Withdrawn participants whose grace period (THRIVE_WITHDRAWAL_GRACE_DAYS) is over."""
        now = now or timezone.now()
        return self.filter(withdrawn_at__lte=now - timedelta(days=withdrawal_grace_days()))


class Participant(models.Model):
    """A pseudonymous case (P1, P2…) with only the attributes they agreed to share."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="participants")
    label = models.CharField(max_length=40)
    attributes = models.JSONField(default=dict, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    consent_notes = models.TextField(blank=True)
    member_check = models.CharField(
        max_length=20, choices=MemberCheck.choices, default=MemberCheck.NOT_STARTED
    )
    person = models.ForeignKey(
        "journeys.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When they withdrew; their words are hidden from then."
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded the withdrawal on their behalf (empty when they did it).",
    )
    withdrawn_via = models.CharField(max_length=10, choices=WithdrawnBy.choices, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "label"], name="participant_label_unique")
        ]

    def __str__(self) -> str:
        return self.label

    def is_open_to(self, user) -> bool:
        """Whether the user may read this participant's research data (their inquiry's rule)."""
        return self.inquiry.is_open_to(user)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def erasure_due_at(self) -> datetime | None:
        """When housekeeping erases a withdrawn participant (None while they take part)."""
        if self.withdrawn_at is None:
            return None
        return self.withdrawn_at + timedelta(days=withdrawal_grace_days())

    @transaction.atomic
    def withdraw(self, requested_by=None, now: bool = False, *, via: str = "") -> bool:
        """Withdraw the participant from the inquiry; True when they were erased at once.

        From this moment their transcripts, versions, codings, memos, quotes and answers are
        hidden from every page, export, search and count (the default managers leave them
        out). They are erased for good at once with now=True, otherwise by `thrive
        housekeeping` after THRIVE_WITHDRAWAL_GRACE_DAYS. requested_by is the worker who
        records it on their behalf (None when the participant did it through their link).
        Withdrawing twice keeps the first date. Audited here, so callers need not.
        """
        from thrive.audit.log import record
        from thrive.audit.models import Action

        held = Participant.objects.select_for_update().filter(pk=self.pk).first()
        if held is None:
            raise InquiryError("That participant has already been erased.")
        if held.withdrawn_at is None:
            self.withdrawn_at = timezone.now()
            self.withdrawn_by = requested_by
            self.withdrawn_via = via or (WithdrawnBy.TEAM if requested_by else WithdrawnBy.LINK)
            self.member_check = MemberCheck.WITHDRAWN
            self.save(
                update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_via", "member_check"]
            )
            record(
                None,
                Action.CHANGE,
                "participant",
                self.pk,
                f"withdrawn ({self.get_withdrawn_via_display().lower()})",
                user=requested_by,
            )
        else:
            self.withdrawn_at = held.withdrawn_at
        forget(REPORT_FILES, [self.inquiry_id])  # a kept report may quote them
        if now:
            pk = self.pk
            self.erase()
            record(None, Action.ERASE, "participant", pk, "erased at withdrawal", user=requested_by)
        return now

    @transaction.atomic
    def erase(self) -> None:
        """Withdrawal: remove the participant with their transcripts, every earlier version,
        codings with their memos and quotes, codings an edit could not carry, answers to the
        guide, the search index's entries and the uploaded originals; once committed the
        database file is cleaned so the deleted text leaves the disk (thrive.lib.disk)."""
        transcripts = Transcript.all_including_withdrawn.filter(participant=self)
        forget("transcript", list(transcripts.values_list("pk", flat=True)))
        forget(REPORT_FILES, [self.inquiry_id])
        transcripts.delete()
        self.delete()
        forget_on_disk_after_commit(self._state.db, erased_tables())


def not_withdrawn(path: str = "transcripts") -> Q:
    """For a Count() through a relation (which no manager filters): leave out withdrawn
    participants' rows. path leads to a transcript, e.g. "transcripts" from an inquiry."""
    return Q(**{f"{path}__participant__withdrawn_at__isnull": True})


def withdrawn_transcripts():
    """Ids of the transcripts of withdrawn participants, as a subquery."""
    return Transcript.all_including_withdrawn.filter(
        participant__withdrawn_at__isnull=False
    ).values("pk")


class AllRows(models.Manager):
    """Every row, withdrawn participants' too: for erasure and housekeeping only."""


class ShownTranscripts(models.Manager):
    """Transcripts of participants who have not withdrawn (and of no participant).

    The default manager, so every view, export, search, count and related manager
    (inquiry.transcripts) leaves withdrawn participants' words out; erasure and
    housekeeping use ``all_including_withdrawn``.
    """

    def get_queryset(self):
        withdrawn = Participant.objects.withdrawn().values("pk")
        return super().get_queryset().exclude(participant__in=withdrawn)


class ShownOfTranscripts(models.Manager):
    """Rows that belong to a transcript, without those of withdrawn participants."""

    def get_queryset(self):
        return super().get_queryset().exclude(transcript__in=withdrawn_transcripts())


@dataclass
class Revision:
    """What an edit did to a transcript's codings."""

    version: int
    carried: int = 0
    lost: list[UncarriedCoding] = field(default_factory=list)
    answers_lost: int = 0


class Transcript(models.Model):
    """An interview as canonical text (UTF-8, \\n line ends); edits make a new version."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="transcripts")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="transcripts"
    )
    title = models.CharField(max_length=200)
    text = models.TextField()
    length = models.PositiveIntegerField(
        default=0, help_text="Code points in text, so spans are checked without reading it."
    )
    version = models.PositiveIntegerField(default=1)
    imported_offsets = models.CharField(
        max_length=40,
        blank=True,
        help_text="How its REFI-QDA file counted positions (blank if not imported).",
    )
    refi_guid = models.CharField(
        max_length=36,
        blank=True,
        db_index=True,
        help_text="The GUID its REFI-QDA file gave it, so importing again finds it.",
    )
    imported_author = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who made it, as named by the REFI-QDA file it came from (not an account).",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShownTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["title", "id"]
        indexes = [
            # Covers the transcript list of an inquiry, so SQLite never walks the long text.
            models.Index(fields=["inquiry", "participant", "title"], name="transcript_place_idx")
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.length = len(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "length"}
        super().save(*args, **kwargs)

    @staticmethod
    def checked_text(text: str) -> str:
        """Canonical transcript text with control characters removed; refuses blank text."""
        text = canonical_text(without_controls(text))
        if not text.strip():
            raise InquiryError("The transcript has no text.")
        return text

    # Editing the text

    def hold(self, opened_at: int | None = None) -> None:
        """Hold the transcript at the version a page showed (self.version when not named).

        Until the transaction ends nobody can save another version, so offsets taken from
        that version's text stay true; raises TranscriptChanged when it is no longer current.
        """
        opened_at = self.version if opened_at is None else opened_at
        if not still_at(Transcript, self.pk, opened_at):
            raise TranscriptChanged
        if opened_at != self.version:
            loaded = "text" not in self.get_deferred_fields()
            self.refresh_from_db(fields=["version", "length", *(["text"] if loaded else [])])

    @transaction.atomic
    def edit_text(
        self,
        new_text: str,
        user=None,
        opened_at: int | None = None,
        *,
        redaction: bool = False,
        segments: Sequence[Placed] | None = None,
    ) -> Revision:
        """Save an edited text as a new version, carrying each coding whose text is unchanged.

        opened_at is the version the editor started from (self.version when not named); an
        edit of an older version is refused with TranscriptChanged, so it never reverts one.
        A redaction (words removed that must not be kept) keeps no earlier version: every
        earlier version's text, the passage vectors and the uploaded original are deleted,
        quotes of uncarried codings no longer in the text are blanked, and once committed the
        database file is cleaned so the words leave the disk. Timed segments follow their
        words, unless the caller already knows where they are in the new text (segments).
        """
        new_text = self.checked_text(new_text)
        self.hold(opened_at)
        old_text = Transcript.objects.values_list("text", flat=True).get(pk=self.pk)
        if new_text == old_text:
            self.text = old_text
            return Revision(self.version)
        if redaction:
            self.versions.all().delete()
            self.passage_vectors.all().delete()
            forget("transcript", [self.pk])
        else:
            TranscriptVersion.objects.create(
                transcript=self, version=self.version, text=old_text, replaced_by=user
            )
        carried, uncarried = self._carry_codings(old_text, new_text)
        answers_lost = self._carry_answers(old_text, new_text)
        self.text = new_text
        self.version += 1
        self.save(update_fields=["text", "version"])
        if segments is None:
            self._carry_segments(old_text, new_text)
        else:
            self.set_segments(segments)
        self.inquiry.queue_passage_vectors(user)
        if redaction:
            self._blank_removed_quotes(new_text)
            forget_on_disk_after_commit(self._state.db, erased_tables())
        return Revision(self.version, carried, uncarried, answers_lost)

    def _blank_removed_quotes(self, new_text: str) -> None:
        """Blank the quote of each uncarried coding that is no longer found in the text."""
        gone = [u.pk for u in self.uncarried.only("quote") if u.quote not in new_text]
        UncarriedCoding.objects.filter(pk__in=gone).update(quote=REDACTED)

    def _carry_codings(self, old_text: str, new_text: str) -> tuple[int, list[UncarriedCoding]]:
        """Move codings to their place in the new text; keep the rest as uncarried codings."""
        codings = list(self.codings.all())
        places = carried_codings(old_text, new_text, [(c.start, c.end) for c in codings])
        kept, lost = [], []
        for coding, place in zip(codings, places, strict=True):
            if place is None or place[0] >= place[1]:
                lost.append(coding)
            else:
                coding.start, coding.end = place
                coding.transcript_version = self.version + 1
                kept.append(coding)
        Coding.objects.bulk_update(kept, ["start", "end", "transcript_version"], batch_size=500)
        uncarried = UncarriedCoding.objects.bulk_create(
            UncarriedCoding(
                transcript=self,
                lost_in_version=self.version + 1,
                code_id=c.code_id,
                start=c.start,
                end=c.end,
                quote=c.quote or old_text[c.start : c.end],
                coder_id=c.coder_id,
                memo=c.memo,
            )
            for c in lost
        )
        Coding.objects.filter(pk__in=[c.pk for c in lost]).delete()
        return len(kept), uncarried

    def _carry_answers(self, old_text: str, new_text: str) -> int:
        """Move guide answers to their place in the new text; remove the rest and count them."""
        answers = list(self.answers.all())
        places = carried_codings(old_text, new_text, [(a.start, a.end) for a in answers])
        moved, gone = [], []
        for answer, place in zip(answers, places, strict=True):
            if place is None or place[0] >= place[1]:
                gone.append(answer.pk)
            else:
                answer.start, answer.end = place
                moved.append(answer)
        GuideAnswer.objects.bulk_update(moved, ["start", "end"])
        GuideAnswer.objects.filter(pk__in=gone).delete()
        return len(gone)

    # Time

    def _carry_segments(self, old_text: str, new_text: str) -> None:
        """Move timed segments to their (possibly corrected) words; drop those that vanished."""
        segments = list(self.segments.all())
        if not segments:
            return
        spans = [(s.text_start, s.text_end) for s in segments]
        kept = [
            Placed(s.start_ms, s.end_ms, place[0], place[1], s.speaker, s.speaker_guessed)
            for s, place in zip(segments, carried_segments(old_text, new_text, spans), strict=True)
            if place is not None
        ]
        self.set_segments(kept)

    def set_segments(self, placed: Sequence[Placed]) -> list[TimedSegment]:
        """Replace the timed segments with these, in order (their words must lie in the text)."""
        for part in placed:
            if not 0 <= part.text_start <= part.text_end <= self.length:
                raise InquiryError("A timed segment points outside the transcript's text.")
        self.segments.all().delete()
        return TimedSegment.objects.bulk_create(
            TimedSegment(
                transcript=self,
                position=position,
                start_ms=part.start_ms,
                end_ms=part.end_ms,
                text_start=part.text_start,
                text_end=part.text_end,
                speaker=part.speaker[:40],
                speaker_guessed=part.guessed,
            )
            for position, part in enumerate(placed)
        )

    # Spans, codings and answers

    def check_span(self, start: object, end: object) -> tuple[int, int]:
        """Whole-number code-point offsets inside the transcript with end after start."""
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError):
            raise InquiryError("The start and end of a passage must be whole numbers.") from None
        if start < 0 or end < 0:
            raise InquiryError("The start and end of a passage cannot be negative.")
        if end <= start:
            raise InquiryError("A passage must end after it starts; select some text first.")
        if end > self.length:
            raise InquiryError(
                f"The passage ends at {end}, beyond the transcript's {self.length} characters."
            )
        return start, end

    def span_text(self, start: int, end: int) -> str:
        """The text of a span, read by the database when the transcript's text is not loaded."""
        if "text" not in self.get_deferred_fields() and "text" in self.__dict__:
            return self.text[start:end]
        return (
            Transcript.objects.filter(pk=self.pk)
            .annotate(part=Substr("text", start + 1, end - start))
            .values_list("part", flat=True)
            .get()
        )

    @transaction.atomic
    def add_coding(
        self,
        code: Code,
        start: int,
        end: int,
        coder,
        memo: str = "",
        opened_at: int | None = None,
        *,
        external_coder: str = "",
    ) -> Coding:
        """Apply a code to a span; the same coder coding the same span twice keeps one coding.

        opened_at is the version whose text the offsets were taken from (self.version when not
        named); a coding of an older version is refused with TranscriptChanged. With no coder,
        external_coder names a coder from an imported file (never an account).
        """
        self.hold(opened_at)
        return self._add_coding(code, start, end, coder, memo, external_coder)

    def _add_coding(
        self, code: Code, start: int, end: int, coder, memo: str, external_coder: str = ""
    ) -> Coding:
        start, end = self.check_span(start, end)
        if code.inquiry_id != self.inquiry_id:
            raise InquiryError(f"{code.name} belongs to another inquiry's codebook.")
        external_coder = "" if coder is not None else external_coder
        same = Coding.objects.filter(
            transcript=self,
            code=code,
            start=start,
            end=end,
            coder=coder,
            external_coder=external_coder,
        ).first()
        if same is not None:
            return same
        return Coding.objects.create(
            transcript=self,
            code=code,
            start=start,
            end=end,
            coder=coder,
            external_coder=external_coder,
            memo=memo,
            memo_by=coder if memo else None,
            memo_at=timezone.now() if memo else None,
            quote=self.span_text(start, end),
            transcript_version=self.version,
        )

    @transaction.atomic
    def add_codings(
        self,
        codes: Iterable[Code],
        start: int,
        end: int,
        coder,
        memo: str = "",
        opened_at: int | None = None,
    ) -> list[Coding]:
        """Apply several codes to one span at once (opened_at as for add_coding)."""
        codes = list(codes)
        if not codes:
            raise InquiryError("Choose at least one code to apply.")
        self.hold(opened_at)
        return [self._add_coding(code, start, end, coder, memo) for code in codes]

    @transaction.atomic
    def restore_coding(self, snapshot: dict) -> Coding:
        """Put back a removed coding (see Coding.remove), unless the transcript has changed."""
        changed = "That coding cannot be restored: the transcript has changed since."
        if snapshot.get("transcript") != self.pk or not isinstance(snapshot.get("version"), int):
            raise InquiryError(changed)
        try:
            self.hold(snapshot["version"])
        except TranscriptChanged:
            raise InquiryError(changed) from None
        if not Code.objects.filter(pk=snapshot["code"], inquiry_id=self.inquiry_id).exists():
            raise InquiryError("That coding cannot be restored: its code has been removed.")
        coding = Coding.objects.create(
            transcript=self,
            code_id=snapshot["code"],
            start=snapshot["start"],
            end=snapshot["end"],
            coder_id=snapshot["coder"],
            memo=snapshot["memo"],
            quote=snapshot["quote"],
            memo_by_id=snapshot["memo_by"],
            memo_at=parse_datetime(snapshot["memo_at"]) if snapshot["memo_at"] else None,
            transcript_version=self.version,
            suggested=bool(snapshot.get("suggested")),
        )
        created_at = parse_datetime(snapshot["created_at"])
        Coding.objects.filter(pk=coding.pk).update(created_at=created_at)
        return coding

    @transaction.atomic
    def mark_answer(
        self, question: GuideQuestion, start: int, end: int, user, opened_at: int | None = None
    ) -> GuideAnswer:
        """Record that a span of the transcript answers one question of the guide."""
        self.hold(opened_at)
        start, end = self.check_span(start, end)
        if question.inquiry_id != self.inquiry_id:
            raise InquiryError("That question belongs to another inquiry's guide.")
        return GuideAnswer.objects.create(
            transcript=self, question=question, start=start, end=end, marked_by=user
        )


REDACTED = "[removed in a redaction]"


def erased_tables() -> list[str]:
    """The tables withdrawal and redaction delete from (vacuumed afterwards on PostgreSQL):
    every table of the inquiry app, so records added later that hang off a participant or
    a transcript are covered too, and the stored files' table."""
    from django.apps import apps

    from thrive.files.models import StoredFile

    erased = apps.get_app_config("inquiry").get_models()
    return [model._meta.db_table for model in (*erased, StoredFile)]


class TranscriptVersion(models.Model):
    """The text of an earlier version of a transcript, kept when it is edited."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    text = models.TextField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "version"], name="transcript_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transcript} version {self.version}"


class TimedSegment(models.Model):
    """A stretch of a recorded interview: when it was said and where its words are in the text."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    start_ms = models.PositiveIntegerField(help_text="Milliseconds from the recording's start.")
    end_ms = models.PositiveIntegerField()
    text_start = models.PositiveIntegerField(help_text="Code-point offset of its first word.")
    text_end = models.PositiveIntegerField()
    speaker = models.CharField(max_length=40, blank=True)
    speaker_guessed = models.BooleanField(
        default=False, help_text="Thrive's first guess at who spoke, not yet confirmed."
    )

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "position"], name="one_segment_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transcript_id} #{self.position} ({self.start_ms}-{self.end_ms} ms)"


class Recording(models.Model):
    """The audio of a recorded interview, kept through the storage API, and how it was heard."""

    transcript = models.OneToOneField(
        Transcript, on_delete=models.CASCADE, related_name="recording"
    )
    original = models.OneToOneField(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    media_type = models.CharField(max_length=60, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    speech_model = models.CharField(
        max_length=200, blank=True, help_text="The speech model that transcribed it, if any."
    )
    transcribed_at = models.DateTimeField(null=True, blank=True)
    audio_removed_at = models.DateTimeField(
        null=True, blank=True, help_text="When its audio was deleted under the retention rule."
    )

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    def __str__(self) -> str:
        return f"Recording of {self.transcript_id}"

    def remove_audio(self, why: str) -> bool:
        """Delete the audio (file and record), keeping the words and when it was removed;
        audited with `why`. False when there was no audio left to delete."""
        from thrive.audit.log import record
        from thrive.audit.models import Action

        stored = self.original
        if stored is None:
            return False
        stored.file.delete(save=False)
        self.original, self.audio_removed_at = None, timezone.now()
        self.save(update_fields=["original", "audio_removed_at"])
        stored.delete()
        record(None, Action.DELETE, "recording", self.pk, detail=why)
        return True

    @classmethod
    def approved_with_audio(cls):
        """Recordings whose audio the retention rule says should go: the participant approved
        their transcript and the inquiry does not keep audio after approval."""
        return cls.objects.filter(
            original__isnull=False,
            transcript__participant__member_check=MemberCheck.APPROVED,
            transcript__inquiry__keep_audio_after_approval=False,
        ).select_related("original")


def remove_approved_audio(participant: Participant) -> int:
    """The retention rule, when a participant approves: their recordings' audio is deleted
    unless the inquiry keeps audio after approval. Returns how many were deleted."""
    recordings = Recording.approved_with_audio().filter(transcript__participant=participant)
    why = "retention: the participant approved the transcript"
    return sum(recording.remove_audio(why) for recording in recordings)


class GuideAnswer(models.Model):
    """A span of a transcript marked as the answer to one question of the guide."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuideQuestion, on_delete=models.CASCADE, related_name="answers")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="guide_answer_span"
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question} {self.start}-{self.end}"


PASSAGE_VECTORS_JOB = "passage_vectors"


class PassageVector(models.Model):
    """The text model's vector for one passage of a transcript, for search by meaning.

    A passage is a speaker turn or a paragraph (thrive.inquiry.core.agreement.passages). The
    hash of its text lets an edit reuse the vectors of passages it left alone; the model's name
    and the transcript's version say whether the vector still belongs to the current text.
    """

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="+")
    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="passage_vectors"
    )
    transcript_version = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text_hash = models.CharField(max_length=64, help_text="SHA-256 of the passage's text.")
    model = models.CharField(max_length=200, help_text="The text model that made the vector.")
    vector = models.BinaryField(help_text="float32 values, unit length, in machine order.")

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "start"]
        indexes = [
            models.Index(fields=["inquiry", "model", "id"], name="passage_vector_inquiry_idx"),
            models.Index(fields=["transcript", "model"], name="passage_vector_transcript_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="passage_vector_span"
            )
        ]

    def __str__(self) -> str:
        return f"Vector of {self.transcript_id} {self.start}-{self.end}"


SHOWN_COLOURS = ("#7a9e7e", "#5b7fa6", "#b07d48", "#8a6aa8", "#4f8f8f", "#a65b6b")


class Valence(models.TextChoices):
    VALIDATING = "validating", "Validating"
    INVALIDATING = "invalidating", "Invalidating"
    NEUTRAL = "neutral", "Neutral"


class TreePart(models.TextChoices):
    ROOTS = "roots", "Roots"
    TRUNK = "trunk", "Trunk"
    BRANCHES = "branches", "Branches"
    FRUITS = "fruits", "Fruits"


class CodeQuerySet(models.QuerySet):
    """Queries over the codes of one codebook (usually ``inquiry.codes``)."""

    def by_path(self) -> dict[tuple[str, ...], Code]:
        """Every code by its path of names from the top of the tree."""
        codes = {code.pk: code for code in self}
        paths: dict[int, tuple[str, ...]] = {}

        def path_of(code: Code, seen: frozenset = frozenset()) -> tuple[str, ...]:
            if code.pk not in paths:
                parent = codes.get(code.parent_id)
                known = parent is not None and parent.pk not in seen
                above = path_of(parent, seen | {code.pk}) if known else ()
                paths[code.pk] = (*above, code.name)
            return paths[code.pk]

        return {path_of(code): code for code in codes.values()}

    def as_specs(self) -> list[CodeSpec]:
        """The codebook as nested CodeSpecs (the shape starting_codebook returns)."""
        children: dict[int | None, list[Code]] = {}
        for code in self:
            children.setdefault(code.parent_id, []).append(code)

        def specs(parent_id: int | None) -> tuple[CodeSpec, ...]:
            return tuple(
                CodeSpec(
                    code.name,
                    code.description,
                    code.valence,
                    code.tree_part,
                    code.area,
                    code.colour,
                    code.codable,
                    specs(code.pk),
                )
                for code in children.get(parent_id, [])
            )

        return list(specs(None))

    def parents(self) -> dict[int, int | None]:
        """Each code's id mapped to its parent's id (None at the top)."""
        return dict(self.values_list("id", "parent_id"))

    def find(self, name: str) -> Code:
        """The code with this name, or this path of names joined by ' / '."""
        matches = list(self.filter(name=name.strip()))
        if len(matches) == 1:
            return matches[0]
        by_path = self.by_path().get(tuple(part.strip() for part in name.split("/")))
        if by_path is not None:
            return by_path
        if matches:
            raise InquiryError(f"More than one code is called {name!r}; give its path, e.g. A / B.")
        raise InquiryError(f"There is no code called {name!r} in this inquiry.")

    def check_sibling_name(self, parent: Code | None, name: str, code: Code | None = None) -> None:
        """Refuse a name another code under the same parent already has."""
        siblings = self.filter(parent=parent, name=name)
        if code is not None:
            siblings = siblings.exclude(pk=code.pk)
        if siblings.exists():
            where = f"under {parent.name}" if parent else "at the top of the codebook"
            raise InquiryError(f"There is already a code called {name!r} {where}.")


class Code(models.Model):
    """A code in an inquiry's codebook; codes nest to any depth."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    colour = models.CharField(
        max_length=7,
        blank=True,
        default="#7a9e7e",
        help_text="Blank when an imported file gave none; pages then choose one to show.",
    )
    memo = models.TextField(blank=True)
    memo_author = models.CharField(
        max_length=150, blank=True, help_text="Who wrote the memo, as an imported file named them."
    )
    memo_at = models.DateTimeField(
        null=True, blank=True, help_text="When the memo was written, as an imported file dated it."
    )
    valence = models.CharField(
        max_length=12,
        choices=Valence.choices,
        blank=True,
        default=Valence.NEUTRAL,
        help_text="Blank when an imported file did not say.",
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order among its siblings as an imported file gave it (0 if none)."
    )
    tree_part = models.CharField(max_length=10, choices=TreePart.choices, blank=True)
    area = models.CharField(max_length=20, blank=True)
    codable = models.BooleanField(
        default=True, help_text="Off for headings that only group other codes."
    )
    case_section = models.CharField(
        max_length=20,
        blank=True,
        choices=[(section.key, section.title) for section in SECTIONS],
        help_text="Where its passages go in case summaries; blank lets Thrive decide from its "
        "name, valence and part of the tree.",
    )

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_colour(self) -> str:
        """The colour pages show: its own, or one chosen from the palette and never stored."""
        return self.colour or SHOWN_COLOURS[(self.pk or 0) % len(SHOWN_COLOURS)]

    def _codebook(self) -> CodeQuerySet:
        """Every code of this code's inquiry."""
        return Code.objects.filter(inquiry_id=self.inquiry_id)

    def move_under(self, new_parent: Code | None) -> None:
        """Put the code under another (or at the top); refuses to put a code inside itself."""
        if new_parent is not None:
            if new_parent.inquiry_id != self.inquiry_id:
                raise InquiryError("A code can only move within its own inquiry.")
            if would_cycle(self._codebook().parents(), self.pk, new_parent.pk):
                raise InquiryError(f"{self.name} cannot go inside itself or one of its own codes.")
        self._codebook().check_sibling_name(new_parent, self.name, self)
        self.parent = new_parent
        self.save(update_fields=["parent"])

    @transaction.atomic
    def merge_into(self, target: Code) -> int:
        """Move every coding and child code into target, then remove this code; codings moved."""
        if self.pk == target.pk:
            raise InquiryError("Choose a different code to merge into.")
        if self.inquiry_id != target.inquiry_id:
            raise InquiryError("Codes can only be merged within one inquiry.")
        if target.pk in descendants(self._codebook().parents(), self.pk):
            raise InquiryError(f"{self.name} cannot merge into one of its own codes.")
        moved = Coding.objects.filter(code=self).update(code=target)
        UncarriedCoding.objects.filter(code=self).update(code=target)
        Code.objects.filter(parent=self).update(parent=target)
        if self.memo:
            target.memo = f"{target.memo}\n\nFrom {self.name}: {self.memo}".strip()
            target.save(update_fields=["memo"])
        self.delete()
        return moved

    @transaction.atomic
    def split(self, coding_ids: Iterable[int], name: str) -> Code:
        """Move the chosen codings to a new code beside this one (same parent and kind)."""
        name = name.strip()
        if not name:
            raise InquiryError("Give the new code a name.")
        chosen = Coding.objects.filter(code=self, pk__in=list(coding_ids))
        if not chosen.exists():
            raise InquiryError("Choose at least one coded passage to move to the new code.")
        self._codebook().check_sibling_name(self.parent, name)
        new = Code.objects.create(
            inquiry_id=self.inquiry_id,
            parent_id=self.parent_id,
            name=name,
            colour=self.colour,
            valence=self.valence,
            tree_part=self.tree_part,
            area=self.area,
            case_section=self.case_section,
        )
        chosen.update(code=new)
        return new

    def remove(self) -> None:
        """Remove the code if it holds no codings and no child codes."""
        if self.children.exists() or self.codings.exists():
            raise InquiryError(
                f"{self.name} still holds codings or codes; merge it into another code instead."
            )
        self.delete()


class Coding(models.Model):
    """A code applied to a span of a transcript: code-point offsets, exclusive end."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    external_coder = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who coded it, as named in an imported file; never matched to an account.",
    )
    quote = models.TextField(
        blank=True, help_text="The coded text, copied so retrieval never reads whole transcripts."
    )
    memo = models.TextField(blank=True)
    memo_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    memo_at = models.DateTimeField(null=True, blank=True)
    memo_author = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who wrote the memo, as an imported file named them (not an account).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    transcript_version = models.PositiveIntegerField(
        default=1,
        help_text="The transcript version its offsets point into; carried codings move along.",
    )
    suggested = models.BooleanField(
        default=False, help_text="Suggested by Thrive and accepted by its coder."
    )

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "start", "id"]
        indexes = [
            models.Index(fields=["code", "transcript"], name="coding_code_idx"),
            models.Index(fields=["transcript", "start"], name="coding_place_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="coding_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.start}-{self.end}"

    @property
    def coder_name(self) -> str:
        """Who coded it, for people to read ("" when nobody is known)."""
        if self.coder is not None:
            return self.coder.name_as_coder
        if self.external_coder:
            return f"{self.external_coder} (from the imported file)"
        return ""

    def may_be_removed_by(self, user) -> bool:
        """Coders remove their own codings; coordinators may remove any."""
        from thrive.accounts.models import Role

        return self.coder_id == user.pk or user.role == Role.COORDINATOR

    def may_change_memo(self, user) -> bool:
        """Only the coder (or a coordinator) writes a coding's memo; others add their own."""
        return self.may_be_removed_by(user)

    def set_memo(self, memo: str, user) -> None:
        """Write (or clear) the memo, remembering who wrote it and when."""
        self.memo = memo.strip()
        self.memo_by = user if self.memo else None
        self.memo_at = timezone.now() if self.memo else None
        self.memo_author = ""
        self.save(update_fields=["memo", "memo_by", "memo_at", "memo_author"])

    def snapshot(self) -> dict:
        """What Transcript.restore_coding needs to put this coding back exactly."""
        return {
            "transcript": self.transcript_id,
            "version": self.transcript.version,
            "code": self.code_id,
            "start": self.start,
            "end": self.end,
            "coder": self.coder_id,
            "memo": self.memo,
            "quote": self.quote,
            "memo_by": self.memo_by_id,
            "memo_at": self.memo_at.isoformat() if self.memo_at else None,
            "created_at": self.created_at.isoformat(),
            "suggested": self.suggested,
        }

    def remove(self) -> dict:
        """Remove the coding; returns the snapshot from which it can be restored."""
        snapshot = self.snapshot()
        self.delete()
        return snapshot


class SuggestionDecision(models.Model):
    """A person's answer to a code Thrive suggested for a passage.

    Kept so a rejected suggestion is never offered again for that passage and code; the
    passage's text is kept too, so the decision follows the passage when an edit moves it.
    """

    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    passage = models.TextField(help_text="The passage's text when the person decided.")
    accepted = models.BooleanField()
    score = models.FloatField()
    coding = models.ForeignKey(
        Coding, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "start", "id"]
        indexes = [models.Index(fields=["transcript", "code"], name="suggestion_decision_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.start}-{self.end}: {'accepted' if self.accepted else 'rejected'}"


class SuggestionEvaluation(models.Model):
    """Leave-one-participant-out agreement between suggestions and an inquiry's coding, kept
    until the coding or the passages change (the fingerprint says which state it measured).

    coder is empty for the whole team's coding, or the coder working blind it was measured for.
    """

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="+")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Suggestions measured on {self.inquiry}"


class UncarriedCoding(models.Model):
    """A coding an edit could not carry to the new version, kept so the team can recode it."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="uncarried")
    lost_in_version = models.PositiveIntegerField()
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    memo = models.TextField(blank=True)

    objects = ShownOfTranscripts()
    all_including_withdrawn = AllRows()

    class Meta:
        ordering = ["transcript", "-lost_in_version", "start", "id"]

    def __str__(self) -> str:
        return f"{self.code} (lost in version {self.lost_in_version})"


class Group(models.Model):
    """A named group of an inquiry's transcripts or codes, as other tools' sets hold them."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="%(class)ss")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DocumentGroup(Group):
    """Transcripts grouped together (a REFI-QDA set of sources, MAXQDA's document set)."""

    transcripts = models.ManyToManyField(Transcript, blank=True, related_name="groups")

    class Meta(Group.Meta):
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "name"], name="document_group_name_unique")
        ]


class CodeGroup(Group):
    """Codes grouped together across the tree (a REFI-QDA set of codes)."""

    codes = models.ManyToManyField(Code, blank=True, related_name="groups")

    class Meta(Group.Meta):
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "name"], name="code_group_name_unique")
        ]


class CoderPreference(models.Model):
    """How one person codes in one inquiry: blind hides other coders' codings until they compare."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blind = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "user"], name="coder_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.inquiry}: {'blind' if self.blind else 'sees every coder'}"

    @classmethod
    def is_blind(cls, inquiry: Inquiry, user) -> bool:
        return cls.objects.filter(inquiry=inquiry, user=user, blind=True).exists()

    @classmethod
    def set_blind(cls, inquiry: Inquiry, user, blind: bool) -> None:
        cls.objects.update_or_create(inquiry=inquiry, user=user, defaults={"blind": blind})


class Decision(models.TextChoices):
    KEEP = "keep", "Keep one coder's codes"
    BOTH = "both", "Keep every code any of them gave"
    NEITHER = "neither", "Keep none of the codes they disagreed on"


class Settlement(models.Model):
    """A passage where coders disagreed, and what the team decided (applied to the codings).

    before and after keep each coder's codes on the passage, so the disagreement stays on
    record after the codings change.
    """

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="settlements")
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="settlements")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    kept = models.CharField(max_length=160, blank=True, help_text="Whose codes were kept.")
    note = models.TextField(blank=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    settled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-settled_at", "-id"]

    def __str__(self) -> str:
        return f"{self.transcript} {self.start}-{self.end}: {self.get_decision_display()}"


# Member checks (see thrive/inquiry/member_checks.py for how statuses move) ---------

MEMBER_CHECK_PURPOSE = "member-check"
LONGEST_DAYS = 365
REMOVED = "[removed at the participant's request]"


def member_check_days() -> int:
    """How long a new link works (THRIVE_MEMBER_CHECK_DAYS, default 28)."""
    return getattr(settings, "THRIVE_MEMBER_CHECK_DAYS", 28)


class LinkClosed(LinkRefused):
    """A member-check link that cannot be used; `reason` is expired, revoked, not valid or
    withdrawn (the page says what to do next for each)."""

    def __init__(self, reason: str) -> None:
        problem = LinkProblem.NOT_VALID if reason == "not valid" else LinkProblem.EXPIRED
        super().__init__(problem)
        self.reason = reason


def set_status(participant: Participant, status: str) -> None:
    """Move the member-check status, never away from withdrawn."""
    if participant.member_check == MemberCheck.WITHDRAWN or participant.member_check == status:
        return
    participant.member_check = status
    Participant.objects.filter(pk=participant.pk).update(member_check=status)
    if status == MemberCheck.APPROVED:
        remove_approved_audio(participant)


class MemberCheckLink(models.Model):
    """The one private link of a participant: renewing it makes every older token useless."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="member_check_link"
    )
    counter = models.PositiveIntegerField(default=0)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Member-check link for {self.participant}"

    @classmethod
    @transaction.atomic
    def issue(cls, participant: Participant, by=None, days: int | None = None) -> MemberCheckLink:
        """A new link for the participant, working for `days`; any earlier link stops."""
        days = member_check_days() if days is None else days
        if not 1 <= days <= LONGEST_DAYS:
            raise InquiryError(f"A link can work for 1 to {LONGEST_DAYS} days.")
        if participant.is_withdrawn:
            raise InquiryError(f"{participant.label} has withdrawn, so they get no link.")
        now = timezone.now()
        link = cls.objects.select_for_update().filter(participant=participant).first()
        if link is None:
            link = cls(participant=participant)
        link.counter += 1
        link.issued_at, link.issued_by = now, by
        link.expires_at = now + timedelta(days=days)
        link.revoked_at = None
        link.save()
        if participant.member_check == MemberCheck.NOT_STARTED:
            set_status(participant, MemberCheck.SENT)
        return link

    def revoke(self) -> None:
        """Close the link now; a renewed link works again."""
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def token(self) -> str:
        return make_link_token(MEMBER_CHECK_PURPOSE, [self.participant_id, self.counter])

    @property
    def is_working(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def open(cls, token: str) -> Participant:
        """The participant whose link this is, or LinkClosed; changes nothing."""
        value = read_link_token(MEMBER_CHECK_PURPOSE, token, timedelta(days=LONGEST_DAYS))
        if not (
            isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
        ):
            raise LinkClosed("not valid")
        participant_pk, counter = value
        link = (
            cls.objects.select_related("participant__inquiry")
            .filter(participant_id=participant_pk)
            .first()
        )
        if link is None:
            raise LinkClosed("not valid")
        if link.participant.is_withdrawn:
            raise LinkClosed("withdrawn")
        if link.counter != counter or link.revoked_at is not None:
            raise LinkClosed("revoked")
        if link.expires_at <= timezone.now():
            raise LinkClosed("expired")
        return link.participant

    def note_opening(self) -> None:
        """Remember when the participant opened it (first and last)."""
        now = timezone.now()
        self.opened_at = self.opened_at or now
        self.last_opened_at = now
        self.save(update_fields=["opened_at", "last_opened_at"])
        if self.participant.member_check in (MemberCheck.NOT_STARTED, MemberCheck.SENT):
            set_status(self.participant, MemberCheck.OPENED)


class ResponseKind(models.TextChoices):
    APPROVE = "approve", "Approved the record"
    COMMENT = "comment", "Commented"
    REWORD = "reword", "Asked for a rewording"
    REMOVE = "remove", "Asked for a passage to be removed"
    WITHDRAW = "withdraw", "Withdrew from the inquiry"


class ResponseState(models.TextChoices):
    OPEN = "open", "Waiting for the team"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not changed"


CHANGES = (ResponseKind.COMMENT, ResponseKind.REWORD, ResponseKind.REMOVE)
ABOUT_A_PASSAGE = CHANGES


class MemberCheckResponse(models.Model):
    """One answer from a participant, a task for the team until it is decided."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="member_check_responses"
    )
    kind = models.CharField(max_length=10, choices=ResponseKind.choices)
    transcript = models.ForeignKey(
        Transcript, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    transcript_version = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    passage = models.TextField(blank=True, help_text="The passage as they read it.")
    text = models.TextField(blank=True, help_text="Their comment or their wording.")
    created_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded it on their behalf (empty when they answered through the link).",
    )
    state = models.CharField(
        max_length=10, choices=ResponseState.choices, default=ResponseState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    team_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.participant}: {self.get_kind_display()}"

    @classmethod
    @transaction.atomic
    def make(
        cls,
        participant: Participant,
        kind: str,
        *,
        transcript: Transcript | None = None,
        start: int | None = None,
        end: int | None = None,
        text: str = "",
        recorded_by=None,
    ) -> MemberCheckResponse:
        """Store an answer and move the status; nothing in the transcript changes."""
        if kind not in ResponseKind.values:
            raise InquiryError("Choose what you would like to do.")
        if participant.is_withdrawn:
            raise InquiryError("You have withdrawn, so nothing more is needed from you.")
        text = text.strip()
        response = cls(participant=participant, kind=kind, text=text, recorded_by=recorded_by)
        if kind in ABOUT_A_PASSAGE:
            if transcript is None or transcript.participant_id != participant.pk:
                raise InquiryError("Choose the passage you mean.")
            start, end = transcript.check_span(start, end)
            response.transcript, response.transcript_version = transcript, transcript.version
            response.start, response.end = start, end
            response.passage = transcript.span_text(start, end)
        if kind == ResponseKind.COMMENT and not text:
            raise InquiryError("Write your comment in the box.")
        if kind == ResponseKind.REWORD and not text:
            raise InquiryError("Write how you would like the passage to read.")
        if kind == ResponseKind.APPROVE and not cls.open_changes(participant).exists():
            response.state, response.decided_at = ResponseState.ACCEPTED, timezone.now()
        response.save()
        if kind in CHANGES:
            set_status(participant, MemberCheck.COMMENTED)
        elif kind == ResponseKind.APPROVE and response.state == ResponseState.ACCEPTED:
            set_status(participant, MemberCheck.APPROVED)
        elif kind == ResponseKind.WITHDRAW:
            response.state, response.decided_at = ResponseState.ACCEPTED, timezone.now()
            response.save(update_fields=["state", "decided_at"])
            participant.withdraw(
                requested_by=recorded_by, via=WithdrawnBy.TEAM if recorded_by else WithdrawnBy.LINK
            )
        return response

    @staticmethod
    def open_changes(participant: Participant):
        return MemberCheckResponse.objects.filter(
            participant=participant, kind__in=CHANGES, state=ResponseState.OPEN
        )

    @staticmethod
    def open_tasks(participant: Participant):
        return MemberCheckResponse.objects.filter(participant=participant, state=ResponseState.OPEN)

    @property
    def changes_text(self) -> bool:
        return self.kind in (ResponseKind.REWORD, ResponseKind.REMOVE)

    def suggested_wording(self) -> str:
        return self.text if self.kind == ResponseKind.REWORD else REMOVED

    @transaction.atomic
    def accept(self, by, note: str = "", wording: str | None = None) -> None:
        """Accept the answer; a rewording or removal becomes a new transcript version (codings
        carry across) with the wording the team gives."""
        self._check_open()
        if self.changes_text:
            self._apply(by, self.suggested_wording() if wording is None else wording)
            set_status(self.participant, MemberCheck.AMENDED)
            if self.kind == ResponseKind.REMOVE:
                self._forget_removed_passage()
        elif self.kind == ResponseKind.APPROVE:
            set_status(self.participant, MemberCheck.APPROVED)
        self._decide(ResponseState.ACCEPTED, by, note)

    def decline(self, by, note: str = "") -> None:
        """Leave the record as it is; the note tells the participant why."""
        self._check_open()
        self._decide(ResponseState.DECLINED, by, note)

    def _check_open(self) -> None:
        if self.state != ResponseState.OPEN:
            raise InquiryError("Someone has already decided on this; reload to see what.")

    def _decide(self, state: str, by, note: str) -> None:
        self.state, self.decided_by, self.decided_at = state, by, timezone.now()
        self.team_note = note.strip()
        self.save(update_fields=["state", "decided_by", "decided_at", "team_note"])

    def _apply(self, by, wording: str) -> None:
        wording = wording.strip()
        if not wording:
            raise InquiryError("Give the wording the passage should have.")
        transcript = Transcript.objects.get(pk=self.transcript_id)
        text = transcript.text
        start, end = self.start, self.end
        if transcript.version != self.transcript_version or text[start:end] != self.passage:
            if text.count(self.passage) != 1:
                raise InquiryError(
                    "The passage has changed since they asked; change the transcript by hand."
                )
            start = text.index(self.passage)
            end = start + len(self.passage)
        transcript.edit_text(
            text[:start] + wording + text[end:],
            user=by,
            opened_at=transcript.version,
            redaction=self.kind == ResponseKind.REMOVE,
        )

    def _forget_removed_passage(self) -> None:
        """A removal keeps none of the removed words: answers quoting them lose the quote."""
        removed = self.passage
        quoting = MemberCheckResponse.objects.filter(participant=self.participant_id).exclude(
            passage=""
        )
        for response in quoting.only("passage"):
            if removed in response.passage or response.passage in removed:
                response.passage = REMOVED
                response.save(update_fields=["passage"])
        self.passage = REMOVED


def status_board(inquiry) -> list[dict]:
    """Each participant's member check: status, dates and open tasks (withdrawn ones too,
    without any of their words)."""
    links = {
        link.participant_id: link
        for link in MemberCheckLink.objects.filter(participant__inquiry=inquiry)
    }
    open_tasks: dict[int, int] = {}
    approved: dict[int, object] = {}
    answered: dict[int, object] = {}
    for participant_id, kind, state, created, decided in MemberCheckResponse.objects.filter(
        participant__inquiry=inquiry
    ).values_list("participant_id", "kind", "state", "created_at", "decided_at"):
        answered[participant_id] = created
        if state == ResponseState.OPEN:
            open_tasks[participant_id] = open_tasks.get(participant_id, 0) + 1
        elif kind == ResponseKind.APPROVE and state == ResponseState.ACCEPTED:
            approved[participant_id] = decided
    rows = []
    for participant in Participant.objects.filter(inquiry=inquiry).order_by("label"):
        link = links.get(participant.pk)
        rows.append(
            {
                "participant": participant,
                "label": participant.label,
                "status": participant.member_check,
                "status_label": participant.get_member_check_display(),
                "sent": link.issued_at if link else None,
                "expires": link.expires_at if link else None,
                "revoked": link.revoked_at if link else None,
                "opened": link.opened_at if link else None,
                "last_answer": answered.get(participant.pk),
                "approved": approved.get(participant.pk),
                "withdrawn": participant.withdrawn_at,
                "open_tasks": open_tasks.get(participant.pk, 0),
            }
        )
    return rows
