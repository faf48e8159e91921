"""The demo's scenario from its records opens in the builder, readable on a phone, and is reviewed
there."""

import tomllib

import pytest
from playwright.sync_api import Page, expect

from thrive.demo.economics import FROM_RECORDS
from thrive.demo.load import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def commissioner_in(log_in, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    return log_in(django_user_model.objects.get(username="commissioner"))


def test_the_records_scenario_opens_in_the_builder_and_is_marked_reviewed(
    commissioner_in, live_server, page: Page, assert_accessible
):
    from thrive.economics.models import SavedScenario

    saved = SavedScenario.objects.get(name=FROM_RECORDS)
    page.goto(f"{live_server.url}/economics/{saved.pk}/build/")
    expect(page.get_by_role("heading", name="Job 13")).to_be_visible()
    expect(page.get_by_label("Job 1: start month")).to_have_value("0")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the builder scrolls sideways at 390 px"

    page.get_by_label("We have reviewed deadweight and attribution").check()
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FROM_RECORDS)
    saved.refresh_from_db()
    data = tomllib.loads(saved.toml)
    assert "reviewed" not in data["adjustments"]
    assert len(data["employment"]["jobs"]) == 13
