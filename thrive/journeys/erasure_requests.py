"""A person's request to have everything erased, passed on by a worker to the coordinator,
who alone erases. The request goes with the person when they are erased."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from thrive.core.text import tidy

MAX_NOTE = 1000


class ErasureRequest(models.Model):
    person = models.ForeignKey(
        "journeys.Person", on_delete=models.CASCADE, related_name="erasure_requests"
    )
    note = models.TextField(blank=True, max_length=MAX_NOTE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "journeys"
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"Request to erase person #{self.person_id}"

    @classmethod
    def pass_on(cls, person, user, note: str = "") -> bool:
        """Record the request once; False when it had already been passed on."""
        if cls.objects.filter(person=person).exists():
            return False
        cls.objects.create(person=person, requested_by=user, note=tidy(note))
        return True
