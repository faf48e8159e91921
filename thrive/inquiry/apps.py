from django.apps import AppConfig
from django.db.models.signals import post_migrate


def repair_search_index(sender, using: str = "default", **kwargs) -> None:
    """After every migrate, put back the SQLite search triggers a table rebuild may drop."""
    from thrive.inquiry.search import ensure_index

    ensure_index(using)


class InquiryConfig(AppConfig):
    name = "thrive.inquiry"
    label = "inquiry"

    def import_models(self) -> None:
        """models.py, then themes.py and case_summaries.py, whose models (themes, their codes
        and history; case summaries and their versions) live beside the codebook's without
        growing models.py further."""
        super().import_models()
        from thrive.inquiry import case_summaries, themes  # noqa: F401

    def ready(self) -> None:
        post_migrate.connect(repair_search_index, sender=self, dispatch_uid="inquiry_search_index")
