"""People who use the service, their journeys and what they achieve, in their own words."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ContactPreference(models.TextChoices):
    PHONE = "phone", "Phone or text"
    EMAIL = "email", "Email"
    DROP_IN = "drop_in", "I'll drop in"


class ReferralSource(models.TextChoices):
    SELF = "self", "I found it myself"
    CARE_COORDINATOR = "care_coordinator", "My care coordinator"
    OCCUPATIONAL_THERAPIST = "occupational_therapist", "An occupational therapist"
    OTHER = "other", "Someone else"


class EndReason(models.TextChoices):
    MOVED_ON = "moved_on", "Moved on"
    CHOSE_TO_STOP = "chose_to_stop", "Chose to stop"
    PAUSED = "paused", "Paused"


class OutcomeKind(models.TextChoices):
    """The vocational outcome categories of the framework."""

    EMPLOYMENT = "employment", "Employment"
    EDUCATION = "education", "Education"
    TRAINING = "training", "Training"
    VOLUNTEERING = "volunteering", "Volunteering"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """Everyone for coordinators, their caseload for workers, nobody for other roles."""
        from thrive.accounts.models import Capability

        if user.can(Capability.SEE_ALL_PEOPLE):
            return self
        if user.can(Capability.SEE_CASELOAD):
            return self.filter(supporters=user)
        return self.none()


class Person(models.Model):
    """Someone using the service, known by the name they chose."""

    reference = models.CharField(max_length=20, unique=True)
    name = models.CharField("Name you'd like us to use", max_length=100)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    gender = models.CharField(max_length=40, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="caseload"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class Journey(models.Model):
    """A person's time with the service; it ends only when the person says so."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="journeys")
    referred_on = models.DateField()
    referral_source = models.CharField(
        max_length=30, choices=ReferralSource.choices, default=ReferralSource.SELF
    )
    in_their_words = models.TextField("What they would like help with", blank=True)
    first_met_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="journey_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Journey of {self.person} from {self.referred_on}"


class Outcome(models.Model):
    """A vocational outcome, recorded as the person describes it, with its category beside."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    achieved_on = models.DateField()
    in_their_words = models.TextField(blank=True)
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    off_benefits = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-achieved_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.achieved_on}"
