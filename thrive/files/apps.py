from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "thrive.files"
    label = "files"
    verbose_name = "Stored files"
