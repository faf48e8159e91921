from django.apps import AppConfig


class EconomicsConfig(AppConfig):
    name = "thrive.economics"
    label = "economics"
