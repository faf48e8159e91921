"""Member checks: a participant reads their own record behind a private link and answers.

A link is signed for this purpose only and carries the participant and a counter: renewing
bumps the counter, so every older token stops working; revoking closes the link. Every
answer (approve, comment, reword, remove, withdraw) is a response the team decides on: a
change to the transcript is never made until a person accepts it.

Statuses (Participant.member_check) move like this:
- not sent → sent when a link is issued (or renewed);
- sent → opened the first time the link is opened;
- commented when they comment, or ask for a rewording or a removal;
- amended when the team accepts a rewording or a removal (a new transcript version);
- approved when they approve with nothing they asked for still open, or, when something
  was still open, once the team accepts their approval;
- withdrawn when they withdraw (always last: nothing changes it afterwards).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from thrive.inquiry.models import (
    InquiryError,
    MemberCheck,
    Participant,
    Transcript,
    WithdrawnBy,
)
from thrive.lib.signing import LinkProblem, LinkRefused, make_link_token, read_link_token

PURPOSE = "member-check"
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
        return make_link_token(PURPOSE, [self.participant_id, self.counter])

    @property
    def is_working(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def open(cls, token: str) -> Participant:
        """The participant whose link this is, or LinkClosed; changes nothing."""
        value = read_link_token(PURPOSE, token, timedelta(days=LONGEST_DAYS))
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
            text[:start] + wording + text[end:], user=by, opened_at=transcript.version
        )


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
