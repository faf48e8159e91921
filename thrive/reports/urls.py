from django.urls import path

from thrive.reports import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
