"""People who use the service, their journeys and what they achieve, in their own words.

Structured tags (outcome type, framework area) always sit beside the person's
own words, never instead of them. Nothing here closes a journey on a clock.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery

from thrive.journeys.core.names import fold
from thrive.lib.concurrency import Versioned
from thrive.lib.disk import forget_on_disk_after_commit


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
    # Before 0.2 a pause ended the journey; those that could not be reopened keep this reason.
    PAUSED = "paused", "Paused (recorded as an ending before pauses kept journeys open)"


ENDINGS = [(key, label) for key, label in EndReason.choices if key != EndReason.PAUSED]


class OutcomeKind(models.TextChoices):
    """The vocational outcome categories of the framework."""

    EMPLOYMENT = "employment", "Employment"
    EDUCATION = "education", "Education"
    TRAINING = "training", "Training"
    VOLUNTEERING = "volunteering", "Volunteering"


class Area(models.TextChoices):
    """The six areas of living of the framework (keys of thrive/framework/framework.toml)."""

    DWELL = "dwell", "Somewhere to dwell"
    DO = "do", "Something to do"
    LOVE = "love", "Someone to love"
    ECONOMIC = "economic", "Economic inclusion"
    ACCEPTANCE = "acceptance", "Acceptance"
    COMMUNICATION = "communication", "Communication"


class WorkAtJoining(models.TextChoices):
    """Whether the person was in paid work when the journey began; optional, for IPS figures."""

    IN_WORK = "in_work", "In paid work"
    OUT_OF_WORK = "out_of_work", "Not in paid work"


class ActivityKind(models.TextChoices):
    VOLUNTEERING_PLACEMENT = "volunteering_placement", "Volunteering placement"
    COURSE = "course", "Course"
    JOB_SEARCH = "job_search", "Job search"
    PEER_SUPPORT_TRAINING = "peer_support_training", "Peer-support training"
    PAID_WORK_TRAINING = "paid_work_training", "Paid work training"
    OTHER = "other", "Something else"


class ServiceUseKind(models.TextChoices):
    """Changes in use of services that the economic model can cost."""

    ADMISSION = "admission", "Hospital admissions"
    BED_DAYS = "bed_days", "Days in hospital"
    CMHT_DISCHARGE = "cmht_discharge", "Discharged from a community mental health team"
    CPA_DISCHARGE = "cpa_discharge", "Discharged from the Care Programme Approach"
    CRISIS_CONTACTS = "crisis_contacts", "Crisis team contacts"
    HOME_TREATMENT = "home_treatment", "Home treatment contacts"
    MEDICATION_STOPPED = "medication_stopped", "Psychiatric medication stopped"
    MEDICATION_REDUCED = "medication_reduced", "Psychiatric medication reduced"
    MEDICATION_STARTED = "medication_started", "Psychiatric medication started"
    BENEFITS_ENDED = "benefits_ended", "Benefits ended"


# Kinds measured as a number before and after, over a period; the others are events.
COUNTED_KINDS = (
    ServiceUseKind.ADMISSION,
    ServiceUseKind.BED_DAYS,
    ServiceUseKind.CRISIS_CONTACTS,
    ServiceUseKind.HOME_TREATMENT,
)


class Period(models.TextChoices):
    WEEK = "week", "a week"
    MONTH = "month", "a month"
    YEAR = "year", "a year"


# Gender and ethnicity are free text, in the person's own words. Answers matching one of
# these (ignoring case and spacing) are reported as the category; any other answer is
# shown to viewers only as "Another answer" (docs/outcomes.md). Ethnicity follows the
# 2021 Census groups for England and Wales, shortened.
GENDER_CATEGORIES = ("Woman", "Man", "Non-binary", "Prefer not to say")
ETHNICITY_CATEGORIES = (
    "Asian British",
    "Bangladeshi",
    "Chinese",
    "Indian",
    "Pakistani",
    "Asian other",
    "Black British",
    "Black African",
    "Black Caribbean",
    "Black other",
    "Mixed",
    "Mixed White and Asian",
    "Mixed White and Black African",
    "Mixed White and Black Caribbean",
    "Mixed other",
    "White British",
    "White Irish",
    "White Gypsy or Irish Traveller",
    "White Roma",
    "White other",
    "Arab",
    "Another ethnic group",
    "Prefer not to say",
)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """Everyone for coordinators, their caseload for workers, nobody for other roles."""
        from thrive.accounts.models import Capability

        if user.can(Capability.SEE_ALL_PEOPLE):
            return self
        if user.can(Capability.SEE_CASELOAD):
            return self.filter(supporters=user)
        return self.none()

    def bulk_create(self, objs, *args, **kwargs):
        """Bulk writes (imports, benchmarks) keep the folded name search reads, as save does."""
        objs = list(objs)
        for person in objs:
            person.name_key = fold(person.name)
        return super().bulk_create(objs, *args, **kwargs)

    def named(self, words: str) -> PersonQuerySet:
        """People whose name holds the words (case and accents aside), or with that reference."""
        key = fold(words)
        return self.filter(Q(name_key__contains=key) | Q(reference__iexact=words.strip()))

    def supported_by(self, user) -> PersonQuerySet:
        return self.filter(supporters=user)

    def in_state(self, state: str) -> PersonQuerySet:
        """People whose journey is in `state` (JourneyState): waiting, open, paused or ended."""
        open_journeys = Journey.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
        # Ending a journey picks up its pause, so a pause not picked up is on an open journey.
        paused = Exists(
            Pause.objects.filter(journey__person=OuterRef("pk"), resumed_on__isnull=True)
        )
        if state == JourneyState.PAUSED:
            return self.filter(paused)
        if state == JourneyState.ENDED:
            return self.filter(
                ~Exists(open_journeys), Exists(Journey.objects.filter(person=OuterRef("pk")))
            )
        met = state == JourneyState.OPEN
        return self.filter(Exists(open_journeys.filter(first_met_on__isnull=not met)), ~paused)

    def last_contacts(self) -> dict[int, date]:
        """Each person's last contact (their latest meeting, on any journey), by id; read for
        a page's people only, so a deep page never works it out for the rows before it."""
        rows = Meeting.objects.filter(journey__person__in=self).values_list("journey__person")
        return dict(rows.annotate(Max("met_on")).order_by())

    def listed(
        self,
        *,
        q: str = "",
        worker=None,
        state: str = "",
        not_seen_since: date | None = None,
        sort: str = "name",
    ) -> PersonQuerySet:
        """The people list narrowed and sorted as asked (by name, last contact or referral)."""
        found = self
        if q:
            found = found.named(q)
        if worker is not None:
            found = found.supported_by(worker)
        if state:
            found = found.in_state(state)
        if not_seen_since is not None:
            found = found.not_seen_since(not_seen_since)
        if sort == "last_contact":
            meetings = Meeting.objects.filter(journey__person=OuterRef("pk")).order_by("-met_on")
            last = Subquery(meetings.values("met_on")[:1])
            return found.alias(last=last).order_by(F("last").asc(nulls_first=True), "name", "id")
        if sort == "referred":
            journeys = Journey.objects.filter(person=OuterRef("pk")).order_by("-referred_on")
            last = Subquery(journeys.values("referred_on")[:1])
            return found.alias(last=last).order_by(F("last").desc(nulls_last=True), "name", "id")
        return found.order_by("name", "id")

    def not_seen_since(self, day: date) -> PersonQuerySet:
        """People with no meeting on or after `day` (including those not met yet)."""
        recent = Meeting.objects.filter(journey__person=OuterRef("pk"), met_on__gte=day)
        return self.filter(~Exists(recent))


CASELOAD_SIZES = "journeys:caseload-sizes"
CASELOAD_SIZES_SECONDS = 60


def caseload_sizes() -> dict[int, int]:
    """How many people with an open journey (waiting, going on or paused) each supporter
    supports, by user id, for the pickers that match people with supporters.

    Counting them reads every open journey (about 100 ms with 150,000 people), so the answer
    is kept for a minute and forgotten when a match or a change of supporters moves it
    (forget_caseload_sizes); a journey ending shows within the minute.
    """
    sizes = cache.get(CASELOAD_SIZES)
    if sizes is None:
        rows = (
            Journey.objects.filter(ended_on__isnull=True)
            .values_list("person__supporters")
            .annotate(n=Count("id"))
            .order_by()
        )
        sizes = {user: n for user, n in rows if user is not None}
        cache.set(CASELOAD_SIZES, sizes, CASELOAD_SIZES_SECONDS)
    return sizes


def forget_caseload_sizes() -> None:
    cache.delete(CASELOAD_SIZES)


class JourneyState(models.TextChoices):
    """Where a journey stands (Journey.state), as the people list filters by it."""

    WAITING = "waiting", "Waiting for a first meeting"
    OPEN = "open", "Going on"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Person(models.Model):
    """Someone using the service, known by the name they chose."""

    reference = models.CharField(max_length=20, unique=True)
    name = models.CharField("Name you'd like us to use", max_length=100)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    name_key = models.CharField(max_length=100, blank=True, editable=False)  # fold(name)
    gender = models.CharField(max_length=40, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="caseload"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_person",
        help_text="A peer supporter's own record, when they use the service too.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="person_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"

    def save(self, *args, **kwargs) -> None:
        """Keep the folded name that search reads in step with the name."""
        self.name_key = fold(self.name)
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)

    @classmethod
    @transaction.atomic
    def refer(cls, *, on: date, journey: dict, **details) -> Person:
        """A new person with an open journey, given a reference from their id."""
        person = cls.objects.create(reference=uuid.uuid4().hex[:20], **details)
        person.reference = f"TH-{person.pk:05d}"
        person.save(update_fields=["reference"])
        Journey.objects.create(person=person, referred_on=on, **journey)
        return person

    def add_supporter(self, user) -> None:
        """Match them with a worker or peer supporter; caseload sizes count it at once."""
        self.supporters.add(user)
        forget_caseload_sizes()

    def set_supporters(self, users) -> None:
        """Who supports them from now on; caseload sizes count it at once."""
        self.supporters.set(users)
        forget_caseload_sizes()

    @property
    def open_journey(self) -> Journey | None:
        return next((j for j in self.journeys.all() if j.ended_on is None), None)

    def start_again(self, on: date, in_their_words: str = "") -> Journey:
        """A new journey after an ended one; the earlier journey stays as it was."""
        if self.open_journey is not None:
            raise ValueError("This person already has an open journey.")
        return Journey.objects.create(person=self, referred_on=on, in_their_words=in_their_words)

    @transaction.atomic
    def erase(self) -> int:
        """Delete the person and everything that hangs off them; returns the id erased.

        Rows elsewhere that point at the person and can erase themselves (an inquiry
        participant: transcripts, earlier versions, uploaded originals) are erased too; once
        committed the database file is cleaned so the deleted data leaves the disk.
        """
        pk = self.pk
        for linked in self.linked_erasable():
            linked.erase()
        self.supporters.clear()
        self.delete()
        tables = [model._meta.db_table for model in apps.get_app_config("journeys").get_models()]
        forget_on_disk_after_commit(self._state.db, tables)
        return pk

    def linked_erasable(self) -> list:
        """Rows in other apps that point at the person and have their own erase()."""
        found = []
        for model in apps.get_models():
            if model._meta.app_label == "journeys" or not callable(getattr(model, "erase", None)):
                continue
            for field in model._meta.get_fields():
                if field.is_relation and field.concrete and field.related_model is Person:
                    found += model.objects.filter(**{field.name: self})
        return found


class Journey(models.Model):
    """A person's time with the service; it ends only when the person says so."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="journeys")
    referred_on = models.DateField()
    referral_source = models.CharField(
        max_length=30, choices=ReferralSource.choices, default=ReferralSource.SELF, blank=True
    )
    in_their_words = models.TextField("What they would like help with", blank=True)
    work_at_joining = models.CharField(
        "Paid work when they joined", max_length=12, choices=WorkAtJoining.choices, blank=True
    )
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
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="journey_one_open_per_person",
            ),
        ]
        indexes = [
            # The referral list: only journeys waiting for a first meeting, longest waiting first.
            models.Index(
                fields=["referred_on", "id"],
                condition=Q(first_met_on__isnull=True, ended_on__isnull=True),
                name="journey_waiting_idx",
            )
        ]

    def __str__(self) -> str:
        return f"Journey of {self.person} from {self.referred_on}"

    @property
    def days_to_first_meeting(self) -> int | None:
        if self.first_met_on is None:
            return None
        return (self.first_met_on - self.referred_on).days

    def note_meeting(self, met_on: date) -> None:
        """Keep first_met_on as the earliest meeting: the wait from referral is measured to it."""
        if self.first_met_on is None or met_on < self.first_met_on:
            self.first_met_on = max(met_on, self.referred_on)
            self.save(update_fields=["first_met_on"])

    @transaction.atomic
    def end(self, on: date, reason: str) -> None:
        """End the journey because the person chose to; only a person's choice closes it."""
        if reason not in dict(ENDINGS):
            raise ValueError(f"Unknown reason {reason!r}.")
        self.ended_on, self.end_reason = on, reason
        self.save(update_fields=["ended_on", "end_reason"])
        self.pauses.filter(resumed_on__isnull=True).update(resumed_on=on)

    @property
    def current_pause(self) -> Pause | None:
        """The pause the journey is in now, if any (reads prefetched pauses when there are)."""
        if self.ended_on is not None:
            return None
        return next((p for p in self.pauses.all() if p.resumed_on is None), None)

    @property
    def state(self) -> str:
        """Where the journey stands: waiting, going on, paused or ended."""
        if self.ended_on is not None:
            return "ended"
        if self.current_pause is not None:
            return "paused"
        return "open" if self.first_met_on else "waiting"

    @property
    def state_in_words(self) -> str:
        """The state as the person page says it, in plain words."""
        pause = self.current_pause
        if self.ended_on is not None:
            return f"Ended: {self.get_end_reason_display().lower()}"
        if pause is not None:
            return (
                f"Paused since {pause.paused_on:%-d %B %Y}. Their goals and history are kept; "
                "they can pick up again whenever they like"
            )
        if self.first_met_on:
            return "Going on, with no end date: it ends only when they decide"
        return "Waiting for a first meeting"

    def pause(self, on: date, in_their_words: str = "", by=None) -> Pause:
        """Pause at the person's wish: the journey stays open and can be picked up again."""
        if self.ended_on is not None:
            raise ValueError("This journey has ended; start a new one instead.")
        if self.current_pause is not None:
            raise ValueError("This journey is already paused.")
        return Pause.objects.create(
            journey=self,
            paused_on=max(on, self.referred_on),
            in_their_words=in_their_words,
            recorded_by=by,
        )

    def resume(self, on: date) -> Pause:
        """Pick the journey up again where it was left."""
        pause = self.current_pause
        if pause is None:
            raise ValueError("This journey is not paused.")
        pause.resumed_on = max(on, pause.paused_on)
        pause.save(update_fields=["resumed_on"])
        return pause


class Pause(models.Model):
    """A pause the person chose; the journey stays open, with its goals and history."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="pauses")
    paused_on = models.DateField("Paused from")
    in_their_words = models.TextField("In their words", blank=True)
    resumed_on = models.DateField("Picked up again on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-paused_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey"],
                condition=Q(resumed_on__isnull=True),
                name="pause_one_open_per_journey",
            )
        ]

    def __str__(self) -> str:
        return f"Pause from {self.paused_on}"


class Entry(Versioned):
    """Something dated on a journey's timeline, in the person's words with an optional area tag."""

    in_their_words = models.TextField("In their words")
    area = models.CharField("Area of living", max_length=20, choices=Area.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    date_field = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} on {self.dated}"

    @property
    def dated(self) -> date:
        """The day this entry sits at on the timeline."""
        return getattr(self, self.date_field)


class Meeting(Entry):
    """A meeting and the note written with the person about it."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="meetings")
    met_on = models.DateField("Date of the meeting")

    date_field = "met_on"

    class Meta:
        ordering = ["-met_on", "-id"]


class Goal(Entry):
    """A goal the person set, as they put it; it may be reached, changed or set aside."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="goals")
    set_on = models.DateField("Date")
    reached_on = models.DateField("Reached on", null=True, blank=True)
    reached_in_their_words = models.TextField("What they said about reaching it", blank=True)
    set_aside_on = models.DateField("Set aside on", null=True, blank=True)

    date_field = "set_on"

    class Meta:
        ordering = ["-set_on", "-id"]

    @property
    def status(self) -> str:
        if self.reached_on:
            return f"reached {self.reached_on:%-d %b %Y}"
        if self.set_aside_on:
            return f"set aside {self.set_aside_on:%-d %b %Y}"
        return ""

    @transaction.atomic
    def reach(self, on: date, in_their_words: str, by=None) -> None:
        """Mark the goal reached, with the date and the person's words about it."""
        self.reached_on, self.reached_in_their_words = max(on, self.set_on), in_their_words
        self.set_aside_on = None
        self.save(update_fields=["reached_on", "reached_in_their_words", "set_aside_on"])
        EntryChange.note(self, EntryChange.What.REACHED, by, words=in_their_words)

    @transaction.atomic
    def set_aside(self, on: date, why: str = "", by=None) -> None:
        """Put the goal down for now, at the person's wish; it can be picked up again."""
        self.set_aside_on, self.reached_on, self.reached_in_their_words = (
            max(on, self.set_on),
            None,
            "",
        )
        self.save(update_fields=["set_aside_on", "reached_on", "reached_in_their_words"])
        EntryChange.note(self, EntryChange.What.SET_ASIDE, by, why=why)

    @transaction.atomic
    def pick_up(self, by=None) -> None:
        """Work on the goal again after it was set aside or marked reached by mistake."""
        self.set_aside_on, self.reached_on, self.reached_in_their_words = None, None, ""
        self.save(update_fields=["set_aside_on", "reached_on", "reached_in_their_words"])
        EntryChange.note(self, EntryChange.What.PICKED_UP, by)


class Activity(Entry):
    """Something the person is doing along the way: a placement, course, job search…"""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=30, choices=ActivityKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    date_field = "started_on"

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = "activities"


class Achievement(Entry):
    """Something the person is proud of that is not a vocational outcome."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="achievements")
    achieved_on = models.DateField()

    date_field = "achieved_on"

    class Meta:
        ordering = ["-achieved_on", "-id"]


class Outcome(Versioned):
    """A vocational outcome, recorded as the person describes it, with its category beside."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    achieved_on = models.DateField()
    in_their_words = models.TextField(blank=True)
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    off_benefits = models.BooleanField(null=True, blank=True)
    hourly_pay = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    had_lcwra = models.BooleanField(null=True, blank=True)
    housing_element = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    area = models.CharField("Area of living", max_length=20, choices=Area.choices, blank=True)

    class Meta:
        ordering = ["-achieved_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.achieved_on}"

    def tags(self) -> list[str]:
        """What the timeline shows beside the words: the kind, paid hours, off benefits."""
        tags = [self.get_kind_display()]
        if self.hours_per_week is not None:
            tags.append(f"{self.hours_per_week.normalize():f} paid hours a week")
        if self.off_benefits is True:
            tags.append("off benefits")
        return tags


class ServiceUseChange(Versioned):
    """A change in use of services, as the person reports it; feeds the economic model."""

    journey = models.ForeignKey(
        Journey, on_delete=models.CASCADE, related_name="service_use_changes"
    )
    kind = models.CharField(max_length=30, choices=ServiceUseKind.choices)
    units_before = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    units_after = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    period = models.CharField(max_length=10, choices=Period.choices, blank=True)
    reported_on = models.DateField()
    in_their_words = models.TextField(blank=True)

    class Meta:
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reported on {self.reported_on}"

    def tags(self) -> list[str]:
        """What the timeline shows beside the words: the kind, and the units before and after."""
        tags = [self.get_kind_display()]
        if self.units_before is not None or self.units_after is not None:
            before = "?" if self.units_before is None else f"{self.units_before.normalize():f}"
            after = "?" if self.units_after is None else f"{self.units_after.normalize():f}"
            over = f" in {self.get_period_display()}" if self.period else ""
            tags.append(f"from {before} to {after}{over}")
        return tags


class PeerTraining(models.Model):
    """Training a peer supporter has done or is doing."""

    peer_supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_training"
    )
    title = models.CharField(max_length=200)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Supervision(models.Model):
    """A supervision session for a peer supporter."""

    peer_supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisions"
    )
    held_on = models.DateField()
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Supervision on {self.held_on}"


class EntryChange(models.Model):
    """What happened to a timeline entry after it was written: corrected (with the earlier
    words), a goal reached, set aside or picked up again, or removed as made in error."""

    class What(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        REACHED = "reached", "Reached"
        SET_ASIDE = "set_aside", "Set aside"
        PICKED_UP = "picked_up", "Picked up again"
        REMOVED = "removed", "Removed as made in error"

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="entry_changes")
    kind = models.CharField(max_length=20)  # the timeline's kind: meeting, goal, outcome…
    entry_id = models.PositiveIntegerField()
    what = models.CharField(max_length=12, choices=What.choices)
    words_before = models.TextField(blank=True)
    words = models.TextField(blank=True)
    why = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["journey", "kind", "entry_id"], name="entry_change_idx")]

    def __str__(self) -> str:
        return f"{self.get_what_display()} {self.kind} #{self.entry_id}"

    @classmethod
    def note(cls, entry, what: str, by=None, **text: str) -> EntryChange:
        return cls.objects.create(
            journey_id=entry.journey_id,
            kind=kind_of(entry),
            entry_id=entry.pk,
            what=what,
            changed_by=by,
            **text,
        )


def kind_of(entry) -> str:
    """The timeline's name for an entry's kind."""
    name = entry._meta.model_name
    return "service_use" if name == "serviceusechange" else name


def entry_day(entry) -> date:
    """The day an entry sits at on the timeline, whatever its kind."""
    for name in ("met_on", "set_on", "started_on", "achieved_on", "reported_on"):
        if hasattr(entry, name):
            return getattr(entry, name)
    raise TypeError(f"{entry!r} is not a timeline entry")


@transaction.atomic
def remove_entry(entry, why: str, by=None) -> EntryChange:
    """Remove an entry made in error. Its words (and earlier words) go; a note says who removed
    what kind of entry from which day, and why."""
    what = f"{entry._meta.verbose_name} from {entry_day(entry):%-d %B %Y}"
    EntryChange.objects.filter(
        journey_id=entry.journey_id, kind=kind_of(entry), entry_id=entry.pk
    ).delete()
    change = EntryChange.note(entry, EntryChange.What.REMOVED, by, why=why, words=what)
    entry.delete()
    return change
