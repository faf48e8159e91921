from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "thrive.journeys"
    label = "journeys"
