"""The demo's scenario from its own records: a fair, conservative case, every assumption shown."""

import re
import tomllib

import pytest

from thrive.demo.economics import FROM_RECORDS
from thrive.demo.load import load_demo
from thrive.economics.core import builder
from thrive.economics.core.case import economic_report
from thrive.economics.core.editing import parse_text
from thrive.economics.models import SavedScenario
from thrive.journeys.models import Outcome, OutcomeKind
from thrive.reports.dashboard_figures import today, year_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved():
    load_demo()
    return SavedScenario.objects.get(name=FROM_RECORDS)


def test_it_costs_each_of_the_years_job_starts_on_its_own_off_benefits_flag(saved):
    jobs = tomllib.loads(saved.toml)["employment"]["jobs"]
    recorded = Outcome.objects.filter(
        kind=OutcomeKind.EMPLOYMENT, achieved_on__range=year_to(today())
    )
    assert len(jobs) == recorded.count() == 13
    off = recorded.filter(off_benefits=True).count()
    assert sum(job["off_benefits"] for job in jobs) == off < 13


def test_it_reads_as_a_conservative_case_with_every_assumption_visible(saved):
    data = tomllib.loads(saved.toml)
    assert data["adjustments"]["reviewed"] is False
    assert data["adjustments"]["deadweight"]["mean"] > 0
    comments = [line for line in saved.toml.splitlines() if line.startswith("#  ")]
    assert len(comments) == len(data["assumptions"]) >= 8
    texts = " ".join(a["text"] for a in data["assumptions"])
    for words in ("regression to the mean", "self-reported", "NHS Benchmarking", "Living Wage"):
        assert words in texts
    report = economic_report(parse_text(saved.toml), iterations=200)
    assert report["warnings"] and "nobody has reviewed" in report["warnings"][0]
    # The whole yearly staff cost counts against it: more than the savings it can show.
    assert report["deterministic"]["service_cost"] > 500_000


@pytest.fixture
def commissioner(saved, login_as, django_user_model):
    return login_as(django_user_model.objects.get(username="commissioner"))


def test_it_opens_in_the_builder_and_saves_back_the_same_scenario(saved, commissioner):
    client = commissioner
    url = f"/economics/{saved.pk}/build/"
    page = client.get(url).content.decode()
    assert "Edit this scenario in its" not in page
    assert 'name="job12_start_month"' in page and 'name="job13_pay_value"' in page
    assert re.search(r'<input type="checkbox" name="reviewed"[^>]*value="yes" aria', page)
    before = tomllib.loads(saved.toml)
    form = builder.data_to_form(before)
    assert client.post(url, form).status_code == 302
    saved.refresh_from_db()
    assert tomllib.loads(saved.toml) == before


def test_ticking_reviewed_in_the_builder_ends_the_warning(saved, commissioner):
    form = builder.data_to_form(tomllib.loads(saved.toml)) | {"reviewed": "yes"}
    commissioner.post(f"/economics/{saved.pk}/build/", form)
    saved.refresh_from_db()
    assert "reviewed" not in tomllib.loads(saved.toml)["adjustments"]
    assert not parse_text(saved.toml).counterfactual_warning
