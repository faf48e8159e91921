"""A commissioner (viewer) sees aggregates only: no name on any page they can reach."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from thrive.demo.load import load_demo
from thrive.journeys.models import Journey, Person

pytestmark = pytest.mark.django_db


def every_pattern(resolver=None, prefix: str = ""):
    """(route, pattern) for every URL Thrive answers."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def concrete(route: str, person_pk: int, journey_pk: int) -> str:
    """A real address for a route, with the first demo person's ids filled in."""
    path = route.replace("^", "").replace("$", "")
    path = path.replace("<int:pk>", str(person_pk)).replace("<slug:kind>", "meeting")
    if "referrals" in path:
        path = path.replace(str(person_pk), str(journey_pk))
    if "<" in path:
        import re

        path = re.sub(r"<[^>]+>", "1", path)
    return "/" + path


def test_it_shows_a_viewer_no_name_on_any_page_they_can_reach():
    load_demo()
    viewer = get_user_model().objects.get(username="commissioner")
    client = Client(raise_request_exception=False)
    client.force_login(viewer)
    person = Person.objects.get(reference="DEMO-0001")
    journey = Journey.objects.get(person=person)
    names = [name for name in Person.objects.values_list("name", flat=True)]
    reached = []
    for route, _ in every_pattern():
        address = concrete(route, person.pk, journey.pk)
        response = client.get(address)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        reached.append(address)
        page = response.content.decode()
        assert "DEMO-" not in page, address
        for name in names:
            assert name not in page, (address, name)
    assert "/reports/outcomes/" in reached
    assert "/" in reached
    assert f"/people/{person.pk}/" not in reached
