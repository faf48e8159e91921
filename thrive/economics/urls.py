from django.urls import path

from thrive.economics.views import build, compare, runs, scenarios

app_name = "economics"

urlpatterns = [
    path("", scenarios.index, name="index"),
    path("new/", scenarios.new, name="new"),
    path("from-records/", scenarios.from_records, name="from_records"),
    path("build/", build.build, name="build"),
    path("compare/", compare.compare, name="compare"),
    path("compare/runs.<slug:fmt>", compare.compare_export, name="compare_export"),
    path("<int:pk>/", scenarios.scenario, name="scenario"),
    path("<int:pk>/headline/", scenarios.headline, name="headline"),
    path("<int:pk>/build/", build.build_scenario, name="build_scenario"),
    path("<int:pk>/run/", scenarios.run, name="run_scenario"),
    path("<int:pk>/scenario.toml", scenarios.scenario_toml, name="scenario_toml"),
    path("runs/<int:pk>/", runs.run_detail, name="run"),
    path("runs/<int:pk>/by-payer/", runs.run_by_payer, name="run_by_payer"),
    path("runs/<int:pk>/report/", runs.run_report, name="run_report"),
    path("runs/<int:pk>/report.pdf", runs.run_report_pdf, name="run_report_pdf"),
    path("runs/<int:pk>/scenario.toml", runs.run_toml, name="run_toml"),
    path("runs/<int:pk>/result.json", runs.run_json, name="run_json"),
    path("runs/<int:pk>/headline.csv", runs.run_csv, name="run_csv"),
    path(
        "runs/<int:pk>/<slug:chart>.svg",
        runs.run_chart,
        name="run_chart",
    ),
    path(
        "runs/<int:pk>/<slug:chart>.png",
        runs.run_chart_png,
        name="run_chart_png",
    ),
]
