"""The dashboard, the outcome report, and an inquiry's trees, tables and study report."""

from django.urls import path

from thrive.reports.views import dashboard, outcomes, study_report, study_tables, trees

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
    path(
        "reports/inquiry/<int:pk>/report/",
        study_report.study_report,
        name="study_report",
    ),
    path(
        "reports/inquiry/<int:pk>/report/text/",
        study_report.study_report_text,
        name="study_report_text",
    ),
    path(
        "reports/inquiry/<int:pk>/report/<str:fmt>/",
        study_report.study_report_file,
        name="study_report_file",
    ),
]
