"""The participant's own page: opened with their private link, without an account."""

from django.urls import path

from thrive.inquiry.views import member_checks

app_name = "member_check"

urlpatterns = [
    path("<str:token>/", member_checks.participant_page, name="page"),
    path("<str:token>/copy.pdf", member_checks.participant_copy_pdf, name="copy"),
]
