"""A scenario whose counterfactual nobody has reviewed says so on its page, run and report."""

import pytest
from django.urls import reverse

from thrive.demo.economics import load_scenarios
from thrive.economics.models import SavedScenario

pytestmark = pytest.mark.django_db


def test_an_unreviewed_counterfactual_shows_a_banner_until_reviewed(login_as, coordinator):
    load_scenarios()
    client = login_as(coordinator)
    flagged = [s for s in SavedScenario.objects.all() if s.parsed().counterfactual_warning]
    assert flagged, "the demo has a scenario built from records with suggested defaults"
    saved = flagged[0]
    page = client.get(reverse("economics:scenario", args=[saved.pk])).content.decode()
    assert "Check before you rely on this" in page
    run = saved.run(seed=1, iterations=50)
    for name in ("economics:run", "economics:run_report"):
        assert "Check before you rely on this" in client.get(reverse(name, args=[run.pk])).text
    quiet = [s for s in SavedScenario.objects.all() if not s.parsed().counterfactual_warning]
    for other in quiet:
        page = client.get(reverse("economics:scenario", args=[other.pk])).content.decode()
        assert "Check before you rely on this" not in page
