from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "thrive.reports"
    label = "reports"
