from django.urls import path

from thrive.economics import views

app_name = "economics"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("from-records/", views.from_records, name="from_records"),
    path("compare/", views.compare, name="compare"),
    path("<int:pk>/", views.scenario, name="scenario"),
    path("<int:pk>/headline/", views.headline, name="headline"),
    path("<int:pk>/run/", views.run, name="run_scenario"),
    path("<int:pk>/scenario.toml", views.scenario_toml, name="scenario_toml"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
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
