"""The outcome report; included under reports/."""

from django.urls import path

from thrive.reports import outcomes_views

urlpatterns = [
    path("outcomes/", outcomes_views.outcome_report, name="outcome_report"),
    path(
        "outcomes/print/",
        outcomes_views.outcome_report,
        {"fmt": "print"},
        name="outcome_report_print",
    ),
    path("outcomes.csv", outcomes_views.outcome_report, {"fmt": "csv"}, name="outcome_report_csv"),
    path(
        "outcomes.xlsx", outcomes_views.outcome_report, {"fmt": "xlsx"}, name="outcome_report_xlsx"
    ),
]
