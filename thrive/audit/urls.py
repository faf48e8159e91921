from django.urls import path

from thrive.audit import views

urlpatterns = [path("", views.audit_log, name="audit_log")]
