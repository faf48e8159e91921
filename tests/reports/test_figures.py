"""The headline figures, computed by hand on a small made-up service."""

from datetime import date

from thrive.core.small_numbers import suppressed
from thrive.reports.core.figures import (
    JobRow,
    JourneyDetail,
    JourneyRow,
    OutcomeRow,
    PersonRow,
    age_band,
    median,
    outcome_figures,
    outcome_report,
)

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


# --- The outcome report, on a hand-made service of seven people ---


SEVEN = [
    JourneyDetail(1, date(2025, 3, 20), date(2025, 4, 2), None, "out_of_work"),  # waited 13 days
    JourneyDetail(2, date(2025, 5, 1), date(2025, 5, 1), None, "out_of_work"),  # seen same day
    JourneyDetail(3, date(2025, 6, 1), date(2025, 6, 5), None, "in_work"),  # 4 days
    JourneyDetail(4, date(2024, 1, 1), date(2024, 1, 10), None, ""),  # met before the period
    JourneyDetail(5, date(2025, 7, 1), date(2025, 7, 8), None, "out_of_work"),  # 7 days
    JourneyDetail(6, date(2026, 3, 1), None, None, "out_of_work"),  # still waiting
    JourneyDetail(7, date(2025, 8, 1), date(2025, 8, 2), None, "out_of_work"),  # 1 day
]
OUTCOMES = [
    OutcomeRow(1, "employment", date(2025, 6, 2)),
    OutcomeRow(1, "employment", date(2025, 10, 1)),
    OutcomeRow(2, "employment", date(2025, 9, 1)),
    OutcomeRow(3, "education", date(2025, 9, 1)),
    OutcomeRow(5, "training", date(2025, 9, 1)),
]
JOBS = [
    JobRow(1, date(2025, 6, 2), 16.0, True),  # 61 days after first meeting
    JobRow(1, date(2025, 10, 1), 20.0, True),  # a second start for the same person
    JobRow(2, date(2025, 9, 1), 3.0, False),  # under 4 hours: not an IPS job start
]
PEOPLE = [
    PersonRow(1, "Woman", 1990, "Black British"),
    PersonRow(2, "Woman", 1985, "Black British"),
    PersonRow(3, "Woman", 1970, "White British"),
    PersonRow(4, "Woman", 1999, "Black British"),
    PersonRow(5, "Woman", None, "Black British"),
    PersonRow(6, "Man", 1960, ""),
    PersonRow(7, "Man", 2001, "Black British"),
]


def seven_people_report():
    return outcome_report(SEVEN, OUTCOMES, JOBS, PEOPLE, START, END)


def test_it_counts_people_with_at_least_one_outcome_once():
    report = seven_people_report()
    assert report.figures.people_supported == 6
    assert report.figures.total_outcomes == 5
    assert report.people_with_outcome == 4


def test_it_gives_the_employment_rate_as_people_in_paid_work_over_people_supported():
    report = seven_people_report()
    assert report.people_in_paid_work == 2
    assert report.employment_rate == 2 / 6


def test_it_takes_the_median_wait_from_referral_to_a_first_meeting_inside_the_period():
    report = seven_people_report()
    assert sorted(report.days_to_first_meeting) == [0, 1, 4, 7, 13]
    assert report.median_days_to_first_meeting == 4.0


def test_it_counts_ips_job_starts_of_four_hours_or_more_as_starts_and_as_people():
    report = seven_people_report()
    assert report.ips_job_starts == 2
    assert report.ips_people_starting == 1


def test_it_gives_the_ips_employment_rate_among_people_out_of_work_when_they_joined():
    report = seven_people_report()
    assert report.out_of_work_at_joining == 4  # people 1, 2, 5, 7 (6 is still waiting)
    assert report.out_of_work_into_work == 1
    assert report.ips_employment_rate == 0.25


def test_it_measures_days_from_first_meeting_to_first_ips_job():
    assert seven_people_report().days_to_first_job == [61]


def test_it_breaks_down_people_supported_by_gender_age_band_and_ethnicity():
    report = seven_people_report()
    assert [(g.group, g.people, g.with_outcome) for g in report.by_gender] == [
        ("Woman", 5, 4),
        ("Man", 1, 0),
    ]
    assert [(g.group, g.people, g.with_outcome) for g in report.by_ethnicity] == [
        ("Black British", 5, 3),
        ("White British", 1, 1),
    ]
    assert [g.group for g in report.by_age_band] == ["25–34", "35–44", "55–64", "Not recorded"]


def test_it_puts_ages_into_bands_at_the_period_end():
    assert age_band(2000, date(2026, 3, 31)) == "25–34"
    assert age_band(1950, date(2026, 3, 31)) == "65 and over"
    assert age_band(2010, date(2026, 3, 31)) == "Under 18"
    assert age_band(None, date(2026, 3, 31)) == "Not recorded"


def test_it_suppresses_counts_from_one_to_four_but_not_zero_or_five():
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_it_takes_the_median_of_an_even_count_as_the_mean_of_the_middle_two():
    assert median([4, 1, 10, 7]) == 5.5
    assert median([]) is None


def test_it_lists_age_bands_youngest_first_and_not_recorded_last():
    from thrive.reports.core.figures import NOT_RECORDED, GroupCount, age_band_order

    rows = [
        GroupCount(name, 5, 1) for name in ("55–64", NOT_RECORDED, "25–34", "Under 18", "18–24")
    ]
    ordered = [row.group for row in sorted(rows, key=age_band_order)]
    assert ordered == ["Under 18", "18–24", "25–34", "55–64", NOT_RECORDED]
