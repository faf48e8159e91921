from django.urls import path

from thrive.economics import views

urlpatterns = [
    path("", views.index, name="economics"),
    path("new/", views.new, name="economics_new"),
    path("from-records/", views.from_records, name="economics_from_records"),
    path("compare/", views.compare, name="economics_compare"),
    path("<int:pk>/", views.scenario, name="economics_scenario"),
    path("<int:pk>/headline/", views.headline, name="economics_headline"),
    path("<int:pk>/run/", views.run, name="economics_run_scenario"),
    path("<int:pk>/scenario.toml", views.scenario_toml, name="economics_scenario_toml"),
    path("runs/<int:pk>/", views.run_detail, name="economics_run"),
    path("runs/<int:pk>/scenario.toml", views.run_toml, name="economics_run_toml"),
    path("runs/<int:pk>/result.json", views.run_json, name="economics_run_json"),
    path("runs/<int:pk>/headline.csv", views.run_csv, name="economics_run_csv"),
    path(
        "runs/<int:pk>/<slug:chart>.svg",
        views.run_chart,
        name="economics_run_chart",
    ),
    path(
        "runs/<int:pk>/<slug:chart>.png",
        views.run_chart_png,
        name="economics_run_chart_png",
    ),
]
