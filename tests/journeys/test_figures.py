"""The headline figures, computed by hand on a small made-up service."""

from datetime import date

from thrive.journeys.figures import JourneyRow, OutcomeRow, outcome_figures

START, END = date(2025, 4, 1), date(2026, 3, 31)


def test_it_counts_people_met_by_the_end_and_not_ended_before_the_start():
    journeys = [
        JourneyRow(1, date(2020, 1, 1), None),  # long-standing: counts
        JourneyRow(2, date(2025, 6, 1), date(2025, 9, 1)),  # met and ended inside: counts
        JourneyRow(3, None, None),  # still waiting: does not count
        JourneyRow(4, date(2019, 1, 1), date(2025, 3, 31)),  # ended the day before: no
        JourneyRow(5, date(2026, 4, 1), None),  # met after the end: no
        JourneyRow(1, date(2024, 1, 1), date(2024, 2, 1)),  # person 1 again: counted once
    ]
    assert outcome_figures(journeys, [], START, END).people_supported == 2


def test_it_counts_outcomes_inside_the_period_by_type_and_divides_by_people():
    journeys = [JourneyRow(1, date(2024, 1, 1), None), JourneyRow(2, date(2024, 1, 1), None)]
    outcomes = [
        OutcomeRow(1, "employment", date(2025, 4, 1)),
        OutcomeRow(1, "training", date(2026, 3, 31)),
        OutcomeRow(2, "training", date(2025, 12, 1)),
        OutcomeRow(2, "education", date(2025, 3, 31)),  # before the period
    ]
    figures = outcome_figures(journeys, outcomes, START, END)
    assert figures.outcomes == {"employment": 1, "education": 0, "training": 2, "volunteering": 0}
    assert figures.total_outcomes == 3
    assert figures.outcome_ratio == 1.5


def test_it_gives_a_ratio_of_zero_when_nobody_was_supported():
    assert outcome_figures([], [], START, END).outcome_ratio == 0.0
