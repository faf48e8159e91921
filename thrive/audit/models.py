"""An append-only record of who saw or changed personal data, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    ERASE = "erase", "Erased"
    DENIED = "denied", "Was refused access to"


class AuditEvent(models.Model):
    """One read or change of personal data; written explicitly at each place it happens.

    The database refuses to change or delete a row (triggers, migration 0003); deleting a
    login only unlinks `user`, keeping `username`. Retention goes through
    thrive.audit.erasure, which leaves an event saying what it erased.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx"),
            models.Index(fields=["username", "at"], name="audit_username_idx"),
        ]

    def __str__(self) -> str:
        who = self.username or "someone"
        return f"{who} {self.get_action_display().lower()} {self.subject_type} {self.subject_id}"
