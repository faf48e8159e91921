from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "thrive.journeys"
    label = "journeys"

    def import_models(self) -> None:
        """models.py, service_settings.py (what self-referral tells people) and
        erasure_requests.py (requests a worker passes to the coordinator)."""
        super().import_models()
        from thrive.journeys import erasure_requests, service_settings  # noqa: F401
