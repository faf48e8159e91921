"""What the service tells people who refer themselves: when it is open, where it is, how it
will reply and where to turn in a crisis. Set by a coordinator in the browser."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

DEFAULT_REPLY = (
    "Someone from the team will get back to you within two working days, the way you chose."
)
DEFAULT_CRISIS = (
    "If you need help now: in an emergency call 999 or go to A&E. "
    "For urgent mental-health help call NHS 111 and choose the mental-health option. "
    "Samaritans listen any time, day or night, free on 116 123."
)


class ServiceSettings(models.Model):
    """One row: the words the self-referral thanks page shows; blank parts are left out."""

    opening_hours = models.TextField(blank=True, max_length=1000)
    address = models.TextField(blank=True, max_length=1000)
    how_we_reply = models.TextField(blank=True, max_length=1000, default=DEFAULT_REPLY)
    in_a_crisis = models.TextField(blank=True, max_length=1000, default=DEFAULT_CRISIS)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "journeys"
        verbose_name_plural = "service settings"

    def __str__(self) -> str:
        return "Service settings"

    @classmethod
    def current(cls) -> ServiceSettings:
        """The service's settings; the defaults until a coordinator saves their own."""
        return cls.objects.order_by("pk").first() or cls()

    def save_by(self, user) -> None:
        self.pk = ServiceSettings.objects.order_by("pk").values_list("pk", flat=True).first()
        self.updated_at = timezone.now()
        self.updated_by = user
        self.save()
