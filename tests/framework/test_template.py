"""The framework ships as a versioned data file and is shown read-only."""

import pytest
from django.urls import reverse

from thrive.framework.core.template import default_framework, framework_from_dict
from thrive.framework.models import ServiceFramework
from thrive.journeys.models import OutcomeKind


def test_it_holds_six_areas_each_with_two_poles():
    framework = default_framework()
    assert [a.key for a in framework.areas] == [
        "dwell",
        "do",
        "love",
        "economic",
        "acceptance",
        "communication",
    ]
    assert all(a.validating and a.invalidating for a in framework.areas)


def test_it_names_the_model_of_change_the_tree_and_the_outcomes():
    framework = default_framework()
    assert len(framework.themes) == 6
    assert [p.key for p in framework.tree_parts] == ["roots", "trunk", "branches", "fruits"]
    assert {o.key for o in framework.vocational_outcomes} == set(OutcomeKind.values)
    assert [i.key for i in framework.impacts] == ["health", "personal", "inclusion", "without"]


def test_it_round_trips_through_plain_data():
    framework = default_framework()
    assert framework_from_dict(framework.as_dict()) == framework


@pytest.mark.django_db
def test_it_gives_each_service_an_editable_copy_of_the_template():
    ServiceFramework.current()
    row = ServiceFramework.objects.get()
    row.content["area"][0]["name"] = "A place to live"
    row.save()
    assert ServiceFramework.current().areas[0].name == "A place to live"
    assert row.template_version == default_framework().version


@pytest.mark.django_db
def test_it_shows_the_framework_page_to_any_logged_in_role(login_as, co_researcher, viewer):
    for user in (co_researcher, viewer):
        page = login_as(user).get(reverse("framework:index"))
        assert page.status_code == 200
        assert "Somewhere to dwell" in page.content.decode()
        assert "Fruits" in page.content.decode()


@pytest.mark.django_db
def test_it_asks_strangers_to_log_in_first(client):
    page = client.get(reverse("framework:index"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))
