from django.urls import path

from thrive.framework import views

app_name = "framework"

urlpatterns = [path("", views.framework, name="index")]
