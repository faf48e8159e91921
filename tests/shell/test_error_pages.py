"""403, 404 and 500 pages: in Thrive's layout, kind words, and a way back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db


def test_it_shows_a_404_in_the_layout_with_a_way_to_the_dashboard(login_as, worker):
    response = login_as(worker).get("/no-such-page/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    html = response.content.decode()
    assert "<h1>We could not find that page</h1>" in html
    assert f'<a href="{reverse("reports:dashboard")}">Go to your dashboard</a>' in html
    assert '<nav aria-label="Main">' in html
    assert "<title>Page not found – " in html


def test_it_shows_a_404_for_a_record_that_does_not_exist(login_as, coordinator):
    response = login_as(coordinator).get(reverse("inquiry:detail", args=[999_999]))
    assert response.status_code == 404
    assert "Go to your dashboard" in response.content.decode()


def test_it_shows_someone_not_logged_in_the_way_to_log_in_or_refer_themselves(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<a href="{reverse("accounts:login")}">Go to the log-in page</a>' in html
    assert f'href="{reverse("journeys:refer")}"' in html
    assert "Go to your dashboard" not in html


def test_it_shows_a_403_from_a_role_check_in_the_layout(login_as, co_researcher):
    response = login_as(co_researcher).get(reverse("audit:log"))
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403.html", "base.html"]
    html = response.content.decode()
    assert "<h1>This page is not open to your account</h1>" in html
    assert f'<a href="{reverse("reports:dashboard")}">Go to your dashboard</a>' in html
    assert "<title>Not open to your account – " in html


def test_it_shows_a_403_for_an_inquiry_the_user_is_not_on(login_as, outsider):
    inquiry = Inquiry.objects.create_inquiry("Belonging", from_template=False)
    response = login_as(outsider).get(reverse("inquiry:detail", args=[inquiry.pk]))
    assert response.status_code == 403
    assert "your service coordinator can change your role or add you to the team" in (
        response.content.decode()
    )


@pytest.mark.urls("tests.shell.broken_urls")
def test_it_shows_a_500_page_that_needs_no_request_or_database(worker, settings):
    settings.THRIVE_SERVICE_NAME = "Hub"
    client = Client(raise_request_exception=False)
    client.force_login(worker)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Something went wrong – Hub</title>" in html
    assert "<h1>Sorry, something went wrong on our side</h1>" in html
    assert '<a href="/">Go to the start page</a>' in html
    assert "A failure the 500 page must hide." not in html
