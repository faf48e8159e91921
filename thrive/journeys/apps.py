from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "thrive.journeys"
    label = "journeys"

    def import_models(self) -> None:
        """models.py, and service_settings.py (what self-referral tells people)."""
        super().import_models()
        from thrive.journeys import service_settings  # noqa: F401
