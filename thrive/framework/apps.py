from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "thrive.framework"
    label = "framework"
