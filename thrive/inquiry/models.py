"""A co-operative inquiry: its team, participants, transcripts, codebook and codings."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Inquiry(models.Model):
    """One piece of co-produced research, run with the people it is about."""

    title = models.CharField(max_length=200)
    aims = models.TextField(blank=True)
    information_sheet = models.TextField(blank=True)
    consent_statement = models.TextField(
        blank=True, help_text="What each participant agrees to, in plain words."
    )
    quotes_need_approval = models.BooleanField(
        default=True, help_text="Quote only participants who approved their member check."
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="inquiries")
    created_at = models.DateTimeField(auto_now_add=True)

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


class GuideQuestion(models.Model):
    """One question of an inquiry's interview guide, in order."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="guide")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class MemberCheck(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SENT = "sent", "Sent to the participant"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


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

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "label"], name="participant_label_unique")
        ]

    def __str__(self) -> str:
        return self.label


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
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

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


class TranscriptVersion(models.Model):
    """The text of an earlier version of a transcript, kept when it is edited."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    text = models.TextField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["transcript", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "version"], name="transcript_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transcript} version {self.version}"


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

    class Meta:
        ordering = ["transcript", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="guide_answer_span"
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question} {self.start}-{self.end}"


class Valence(models.TextChoices):
    VALIDATING = "validating", "Validating"
    INVALIDATING = "invalidating", "Invalidating"
    NEUTRAL = "neutral", "Neutral"


class TreePart(models.TextChoices):
    ROOTS = "roots", "Roots"
    TRUNK = "trunk", "Trunk"
    BRANCHES = "branches", "Branches"
    FRUITS = "fruits", "Fruits"


class Code(models.Model):
    """A code in an inquiry's codebook; codes nest to any depth."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, default="#7a9e7e")
    memo = models.TextField(blank=True)
    valence = models.CharField(max_length=12, choices=Valence.choices, default=Valence.NEUTRAL)
    tree_part = models.CharField(max_length=10, choices=TreePart.choices, blank=True)
    area = models.CharField(max_length=20, blank=True)
    codable = models.BooleanField(
        default=True, help_text="Off for headings that only group other codes."
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Coding(models.Model):
    """A code applied to a span of a transcript: code-point offsets, exclusive end."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    quote = models.TextField(
        blank=True, help_text="The coded text, copied so retrieval never reads whole transcripts."
    )
    memo = models.TextField(blank=True)
    memo_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    memo_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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

    class Meta:
        ordering = ["transcript", "-lost_in_version", "start", "id"]

    def __str__(self) -> str:
        return f"{self.code} (lost in version {self.lost_in_version})"
