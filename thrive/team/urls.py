"""Logins: who can sign in, with which role; and the one-time link to choose a password."""

from django.urls import path

from thrive.team import views

app_name = "team"

urlpatterns = [
    path("", views.login_list, name="logins"),
    path("new/", views.login_create, name="login_create"),
    path("<int:pk>/", views.login_detail, name="login_detail"),
    path("<int:pk>/link/", views.login_link, name="login_link"),
    path("<int:pk>/active/", views.login_active, name="login_active"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
]
