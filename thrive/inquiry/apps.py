from django.apps import AppConfig


class InquiryConfig(AppConfig):
    name = "thrive.inquiry"
    label = "inquiry"
