from django.urls import path

from thrive.economics import views

app_name = "economics"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("from-records/", views.from_records, name="from_records"),
    path("build/", views.build, name="build"),
    path("compare/", views.compare, name="compare"),
    path("compare/runs.<slug:fmt>", views.compare_export, name="compare_export"),
    path("<int:pk>/", views.scenario, name="scenario"),
    path("<int:pk>/headline/", views.headline, name="headline"),
    path("<int:pk>/build/", views.build_scenario, name="build_scenario"),
    path("<int:pk>/run/", views.run, name="run_scenario"),
    path("<int:pk>/scenario.toml", views.scenario_toml, name="scenario_toml"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/by-payer/", views.run_by_payer, name="run_by_payer"),
    path("runs/<int:pk>/report/", views.run_report, name="run_report"),
    path("runs/<int:pk>/report.pdf", views.run_report_pdf, name="run_report_pdf"),
    path("runs/<int:pk>/scenario.toml", views.run_toml, name="run_toml"),
    path("runs/<int:pk>/result.json", views.run_json, name="run_json"),
    path("runs/<int:pk>/headline.csv", views.run_csv, name="run_csv"),
    path(
        "runs/<int:pk>/<slug:chart>.svg",
        views.run_chart,
        name="run_chart",
    ),
    path(
        "runs/<int:pk>/<slug:chart>.png",
        views.run_chart_png,
        name="run_chart_png",
    ),
]
