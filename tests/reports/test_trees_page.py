"""The trees page and the tree SVG downloads: both trees, in words too, only for the team."""

from __future__ import annotations

import defusedxml.ElementTree as ET
import pytest
from django.urls import reverse

from tests.inquiry.theme_study import make_study
from thrive.audit.models import AuditEvent
from thrive.inquiry.themes import Theme

pytestmark = pytest.mark.django_db
WARM = 'Warm <home & "hearth"'


@pytest.fixture
def study(django_user_model):
    study = make_study(django_user_model)
    warm = Theme.objects.create_theme(study.inquiry, WARM, valence="validating", tree_part="fruits")
    warm.add_codes([study.codes["Warm home"]])
    cold = Theme.objects.create_theme(
        study.inquiry, "Cold flat", valence="invalidating", tree_part="roots"
    )
    cold.add_codes([study.codes["Cold flat"]])
    Theme.objects.create_theme(study.inquiry, "Still open", valence="validating")
    return study


def test_it_shows_both_trees_with_their_text_lists_and_the_unplaced_themes(study, login_as):
    page = login_as(study.ana).get(reverse("reports:study_trees", args=[study.inquiry.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 2
    assert "Warm &lt;home &amp; &quot;hearth&quot;" in html and "<home" not in html
    assert "Fruits (outcomes)" in html and "from 2 participants" in html
    assert "Roots (life conditions)" in html
    assert "Still open" in html and "part of the tree not decided yet" in html
    assert reverse("inquiry:themes", args=[study.inquiry.pk]) in html
    assert reverse("reports:study_tree_svg", args=[study.inquiry.pk, "distress"]) in html
    assert AuditEvent.objects.filter(detail="trees of change", user=study.ana).exists()


def test_the_inquiry_pages_link_to_the_trees(study, login_as):
    page = login_as(study.ana).get(reverse("inquiry:themes", args=[study.inquiry.pk]))
    assert reverse("reports:study_trees", args=[study.inquiry.pk]) in page.content.decode()


def test_each_tree_downloads_as_a_standalone_svg(study, login_as):
    client = login_as(study.ben)
    url = reverse("reports:study_tree_svg", args=[study.inquiry.pk, "growth"])
    response = client.get(url)

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "tree-of-growth.svg" in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert WARM in "".join(root.itertext())
    assert AuditEvent.objects.filter(detail="tree of growth as SVG").exists()


def test_a_tree_that_is_neither_growth_nor_distress_is_not_found(study, login_as):
    url = reverse("reports:study_tree_svg", args=[study.inquiry.pk, "joy"])
    assert login_as(study.ana).get(url).status_code == 404


def test_someone_not_on_the_team_is_refused_and_it_is_audited(study, login_as, worker):
    url = reverse("reports:study_trees", args=[study.inquiry.pk])
    assert login_as(worker).get(url).status_code == 403
    assert AuditEvent.objects.filter(action="denied", user=worker).exists()


def test_the_page_only_answers_a_get(study, login_as):
    url = reverse("reports:study_trees", args=[study.inquiry.pk])
    assert login_as(study.ana).post(url).status_code == 405
