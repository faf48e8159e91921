from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "thrive.audit"
    label = "audit"
