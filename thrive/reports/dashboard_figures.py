"""What the dashboard shows, gathered from the database into plain figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from thrive.inquiry.models import Inquiry, MemberCheck, not_withdrawn
from thrive.journeys.models import Journey, Outcome
from thrive.reports.core.figures import JourneyRow, OutcomeFigures, OutcomeRow, outcome_figures


def year_to(day: date) -> tuple[date, date]:
    """The twelve months ending on (and including) the given day."""
    try:
        start = day.replace(year=day.year - 1)
    except ValueError:
        start = day.replace(year=day.year - 1, day=28)
    return start + timedelta(days=1), day


def service_figures(start: date, end: date) -> OutcomeFigures:
    """Outcome figures for the period from every journey and outcome held."""
    journeys = [
        JourneyRow(*row)
        for row in Journey.objects.values_list("person_id", "first_met_on", "ended_on")
    ]
    outcomes = [
        OutcomeRow(*row)
        for row in Outcome.objects.filter(achieved_on__range=(start, end)).values_list(
            "journey__person_id", "kind", "achieved_on"
        )
    ]
    return outcome_figures(journeys, outcomes, start, end)


@dataclass(frozen=True)
class InquiryProgress:
    inquiry: Inquiry
    participants: int
    transcripts: int
    codes: int
    codings: int
    approved: int
    may_open: bool


def inquiry_progress(user) -> list[InquiryProgress]:
    """For each inquiry: participants, transcripts, codebook size, codings and member checks.

    Each row says whether the user may open the inquiry, by the same rule as the inquiry's
    pages (`Inquiry.is_open_to`), so the dashboard links only to what will open.
    """
    # Counts through a relation pass no manager: withdrawn participants are left out here.
    rows = Inquiry.objects.annotate(
        n_participants=Count(
            "participants", filter=Q(participants__withdrawn_at__isnull=True), distinct=True
        ),
        n_transcripts=Count("transcripts", filter=not_withdrawn(), distinct=True),
        n_codes=Count("codes", distinct=True),
        n_approved=Count(
            "participants",
            filter=Q(participants__member_check=MemberCheck.APPROVED),
            distinct=True,
        ),
    )
    coded = Count("transcripts__codings", filter=not_withdrawn())
    codings = dict(Inquiry.objects.annotate(n=coded).values_list("id", "n"))
    return [
        InquiryProgress(
            row,
            row.n_participants,
            row.n_transcripts,
            row.n_codes,
            codings[row.id],
            row.n_approved,
            may_open=row.is_open_to(user),
        )
        for row in rows
    ]


def waiting_referrals(limit: int = 10) -> list[Journey]:
    """Journeys not yet started with a first meeting, longest waiting first, with days waited."""
    journeys = list(
        Journey.objects.filter(first_met_on__isnull=True, ended_on__isnull=True)
        .select_related("person")
        .order_by("referred_on", "id")[:limit]
    )
    for journey in journeys:
        journey.days_waiting = (today() - journey.referred_on).days
    return journeys


def today() -> date:
    return timezone.localdate()
