"""What the dashboard shows, gathered from the database into plain figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from thrive.inquiry.models import Code, Coding, Inquiry, MemberCheck, Participant, Transcript
from thrive.journeys.models import Journey, Outcome
from thrive.lib.counting import count_of
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
    # Counted through each model's default manager, which leaves out withdrawn participants.
    rows = Inquiry.objects.annotate(
        n_participants=count_of(Participant.objects.active(), per="inquiry"),
        n_transcripts=count_of(Transcript.objects.all(), per="inquiry"),
        n_codes=count_of(Code.objects.all(), per="inquiry"),
        n_approved=count_of(
            Participant.objects.active().filter(member_check=MemberCheck.APPROVED), per="inquiry"
        ),
        n_codings=count_of(Coding.objects.all(), per="transcript__inquiry"),
    )
    return [
        InquiryProgress(
            row,
            row.n_participants,
            row.n_transcripts,
            row.n_codes,
            row.n_codings,
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
