"""A co-operative inquiry: its team, participants, transcripts, codebook and codings."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Inquiry(models.Model):
    """One piece of co-produced research, run with the people it is about."""

    title = models.CharField(max_length=200)
    aims = models.TextField(blank=True)
    information_sheet = models.TextField(blank=True)
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="inquiries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return self.title


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
    """An interview as canonical text (UTF-8, \\n line ends), unchanged once coded."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="transcripts")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="transcripts"
    )
    title = models.CharField(max_length=200)
    text = models.TextField()
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


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
    memo = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["transcript", "start", "id"]
        indexes = [models.Index(fields=["code", "transcript"], name="coding_code_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="coding_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.start}-{self.end}"

    @property
    def quote(self) -> str:
        return self.transcript.text[self.start : self.end]
