"""The dashboard, the outcome report and the study's trees of change."""

from django.urls import path

from thrive.reports.views import dashboard, outcomes, study_tables, trees

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/outcomes/", outcomes.outcome_report, name="outcome_report"),
    path(
        "reports/outcomes/print/",
        outcomes.outcome_report,
        {"fmt": "print"},
        name="outcome_report_print",
    ),
    path(
        "reports/outcomes.csv", outcomes.outcome_report, {"fmt": "csv"}, name="outcome_report_csv"
    ),
    path(
        "reports/outcomes.xlsx",
        outcomes.outcome_report,
        {"fmt": "xlsx"},
        name="outcome_report_xlsx",
    ),
    path(
        "reports/inquiry/<int:pk>/appendix/",
        study_tables.appendix_tables_view,
        name="appendix_tables",
    ),
    path(
        "reports/inquiry/<int:pk>/framework/",
        study_tables.framework_table_view,
        name="framework_table",
    ),
    path("reports/inquiry/<int:pk>/trees/", trees.trees_page, name="study_trees"),
    path("reports/inquiry/<int:pk>/trees/<str:kind>.svg", trees.tree_svg, name="study_tree_svg"),
    path(
        "reports/inquiry/<int:pk>/summary.pdf",
        trees.commissioner_summary,
        name="commissioner_summary",
    ),
]
