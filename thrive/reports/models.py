"""The study report's team-written parts, one set per inquiry, with every earlier wording kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from thrive.inquiry.models import Inquiry

WRITTEN = ("conclusions", "recommendations", "acknowledgements")
LONGEST = 20_000


class ReportText(models.Model):
    """Conclusions, recommendations and acknowledgements of an inquiry's study report."""

    inquiry = models.OneToOneField(Inquiry, on_delete=models.CASCADE, related_name="report_text")
    conclusions = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    acknowledgements = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Report text of {self.inquiry}"

    @classmethod
    def of(cls, inquiry: Inquiry) -> ReportText:
        """The inquiry's texts, empty until someone writes them (nothing is saved by reading)."""
        return cls.objects.filter(inquiry=inquiry).first() or cls(inquiry=inquiry)

    @transaction.atomic
    def write(self, texts: dict[str, str], user) -> bool:
        """Save new wording, keeping the earlier wording as a version; False when unchanged."""
        texts = {name: (texts.get(name) or "").strip() for name in WRITTEN}
        if all(getattr(self, name) == texts[name] for name in WRITTEN):
            return False
        if self.pk:
            ReportTextVersion.objects.create(
                report_text=self,
                **{name: getattr(self, name) for name in WRITTEN},
                written_by=self.updated_by,
                written_at=self.updated_at,
            )
        for name, text in texts.items():
            setattr(self, name, text)
        self.updated_by, self.updated_at = user, timezone.now()
        self.save()
        return True


class ReportTextVersion(models.Model):
    """An earlier wording of the report's texts, as it stood before a change."""

    report_text = models.ForeignKey(ReportText, on_delete=models.CASCADE, related_name="versions")
    conclusions = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    acknowledgements = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"Earlier report text of {self.report_text.inquiry}"
