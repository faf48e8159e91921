"""The dashboard links only to inquiries the user may open; commissioners see none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiries(worker, co_researcher):
    """One inquiry the worker's team runs, one the co-researcher's team runs."""
    ours = Inquiry.objects.create_inquiry("Belonging", from_template=False)
    ours.team.add(worker)
    theirs = Inquiry.objects.create_inquiry("Work and money", from_template=False)
    theirs.team.add(co_researcher)
    return ours, theirs


def link_to(inquiry) -> str:
    return f'<a href="{reverse("inquiry:detail", args=[inquiry.pk])}">{inquiry.title}</a>'


def dashboard(login_as, user) -> str:
    response = login_as(user).get(reverse("reports:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_links_a_coordinator_to_every_inquiry(inquiries, login_as, coordinator):
    html = dashboard(login_as, coordinator)
    assert all(link_to(inquiry) in html for inquiry in inquiries)
    assert "run by a team you are not on" not in html


@pytest.mark.parametrize("persona", ["worker", "co_researcher"])
def test_it_links_a_team_member_only_to_their_team_s_inquiry(inquiries, login_as, persona, request):
    user = request.getfixturevalue(persona)
    ours, theirs = inquiries if persona == "worker" else reversed(inquiries)
    html = dashboard(login_as, user)
    assert link_to(ours) in html
    assert link_to(theirs) not in html
    assert f'<th scope="row">{theirs.title}</th>' in html
    assert "Inquiries shown without a link are run by a team you are not on." in html


def test_it_links_nowhere_that_answers_403(inquiries, login_as, outsider):
    client = login_as(outsider)
    html = client.get(reverse("reports:dashboard")).content.decode()
    for inquiry in inquiries:
        assert link_to(inquiry) not in html
        assert client.get(reverse("inquiry:detail", args=[inquiry.pk])).status_code == 403


def test_it_shows_a_commissioner_no_inquiry_counts(inquiries, login_as, viewer):
    html = dashboard(login_as, viewer)
    assert 'id="inquiries-heading"' not in html
    assert all(inquiry.title not in html for inquiry in inquiries)
