from django.urls import path

from thrive.framework import views

urlpatterns = [path("", views.framework, name="framework")]
