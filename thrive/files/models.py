"""Uploaded originals, kept through Django's storage API (data folder or object storage)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StoredFile(models.Model):
    """One uploaded file as it arrived, linked to what was made from it."""

    kind = models.CharField(max_length=40)
    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40)
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to="uploads/%Y/%m/")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="stored_subject_idx")]

    def __str__(self) -> str:
        return self.name
