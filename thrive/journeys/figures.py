"""The service's headline figures, computed from plain rows (no Django).

Definitions (docs/outcomes.md):
- people supported: people with a journey whose first meeting happened on or
  before the period's end and which had not ended before the period began;
- outcomes: vocational outcomes achieved within the period, by category;
- outcome ratio: outcomes ÷ people supported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OUTCOME_KINDS = ("employment", "education", "training", "volunteering")


@dataclass(frozen=True)
class JourneyRow:
    person_id: int
    first_met_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class OutcomeRow:
    person_id: int
    kind: str
    achieved_on: date


@dataclass(frozen=True)
class OutcomeFigures:
    period_start: date
    period_end: date
    people_supported: int
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def total_outcomes(self) -> int:
        return sum(self.outcomes.values())

    @property
    def outcome_ratio(self) -> float:
        """Outcomes per person supported; 0 when nobody was supported."""
        if not self.people_supported:
            return 0.0
        return self.total_outcomes / self.people_supported


def supported_in(journey: JourneyRow, start: date, end: date) -> bool:
    """Whether a journey counts as support given within the period."""
    met = journey.first_met_on is not None and journey.first_met_on <= end
    return met and (journey.ended_on is None or journey.ended_on >= start)


def outcome_figures(
    journeys: list[JourneyRow], outcomes: list[OutcomeRow], start: date, end: date
) -> OutcomeFigures:
    """People supported and outcomes by category for the period [start, end]."""
    people = {j.person_id for j in journeys if supported_in(j, start, end)}
    counts = dict.fromkeys(OUTCOME_KINDS, 0)
    for outcome in outcomes:
        if start <= outcome.achieved_on <= end and outcome.kind in counts:
            counts[outcome.kind] += 1
    return OutcomeFigures(start, end, len(people), counts)
