"""The participant's own page: opened with their private link, without an account."""

from django.urls import path

from thrive.inquiry.views import member_checks

app_name = "member_check"

urlpatterns = [
    path("<str:token>/", member_checks.participant_page, name="page"),
]
