"""The economics page: who may use it, what it shows, and how it refuses bad input."""

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest
from defusedxml import ElementTree

from thrive.core.numbers import money
from thrive.economics.core.case import economic_report
from thrive.economics.core.editing import parse_text
from thrive.economics.forms import shipped_text
from thrive.economics.models import SavedScenario, ScenarioRun

pytestmark = pytest.mark.django_db

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.toml"))


def expected_key(path: Path) -> str:
    return re.search(r"expect: (\S+)$", path.read_text().splitlines()[0]).group(1)


@pytest.fixture
def demo_scenario(coordinator):
    return SavedScenario.objects.create(
        name="Seven", toml=shipped_text("seven_participants"), created_by=coordinator
    )


@pytest.fixture
def two_runs(demo_scenario):
    return [
        demo_scenario.run(seed=1, iterations=500),
        demo_scenario.run(seed=2, iterations=500),
    ]


def test_it_refuses_workers_and_co_researchers(login_as, worker, co_researcher, demo_scenario):
    for user in (worker, co_researcher):
        client = login_as(user)
        assert client.get("/economics/").status_code == 403
        assert client.get(f"/economics/{demo_scenario.pk}/").status_code == 403
        response = client.post(f"/economics/{demo_scenario.pk}/run/", {"seed": 1, "iterations": 10})
        assert response.status_code == 403
    assert not ScenarioRun.objects.exists()


def test_it_lets_a_commissioner_build_and_run(login_as, viewer):
    client = login_as(viewer)
    assert client.get("/economics/").status_code == 200
    response = client.post(
        "/economics/new/", {"name": "Demo", "template": "seven_participants", "toml": ""}
    )
    saved = SavedScenario.objects.get(name="Demo")
    assert response.status_code == 302
    response = client.post(f"/economics/{saved.pk}/run/", {"seed": 7, "iterations": 200})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Saved for every £1 spent" in page.content.decode()


def test_it_sends_visitors_who_are_not_logged_in_to_the_login_page(client):
    assert client.get("/economics/").status_code == 302


def test_it_refuses_the_wrong_method(login_as, coordinator, demo_scenario, two_runs):
    client = login_as(coordinator)
    assert client.post("/economics/").status_code == 405
    assert client.get(f"/economics/{demo_scenario.pk}/run/").status_code == 405
    assert client.get(f"/economics/{demo_scenario.pk}/headline/").status_code == 405
    assert client.post(f"/economics/runs/{two_runs[0].pk}/").status_code == 405
    assert client.post(f"/economics/runs/{two_runs[0].pk}/result.json").status_code == 405
    assert client.delete(f"/economics/{demo_scenario.pk}/").status_code == 405


def test_it_gives_404_for_unknown_scenarios_runs_and_charts(login_as, coordinator, two_runs):
    client = login_as(coordinator)
    assert client.get("/economics/9999/").status_code == 404
    assert client.get("/economics/runs/9999/").status_code == 404
    assert client.get(f"/economics/runs/{two_runs[0].pk}/pie.svg").status_code == 404


def test_it_runs_with_the_same_numbers_as_the_library(login_as, coordinator, demo_scenario):
    client = login_as(coordinator)
    response = client.post(f"/economics/{demo_scenario.pk}/run/", {"seed": 42, "iterations": 3000})
    run = ScenarioRun.objects.get()
    assert response["Location"] == f"/economics/runs/{run.pk}/"
    expected = economic_report(parse_text(demo_scenario.toml), iterations=3000, seed=42)
    assert run.result == json.loads(json.dumps(expected))
    assert run.scenario_sha256 == expected["provenance"]["scenario_sha256"]
    assert (run.seed, run.iterations, run.toml) == (42, 3000, demo_scenario.toml)


def test_it_shows_every_part_of_the_result(login_as, coordinator, demo_scenario):
    run = demo_scenario.run(seed=20150101, iterations=10_000)
    page = login_as(coordinator).get(f"/economics/runs/{run.pk}/").content.decode()
    ratio = run.result["deterministic"]["ratio"]
    low, high = run.result["psa"]["interval_95"]
    assert f'data-figure="ratio">{ratio:.2f}<' in page
    assert f"{money(low)} to {money(high)}" in page
    for text in (
        "Break-even service cost",
        "Savings by resource",
        "Savings by who pays",
        "Savings per person",
        "Savings (undiscounted)",
        "PSA mean net savings",
        "Chance net savings are above 0",
        "<title>",
        "<desc>",
        "The same as a table",
        "Every assumption",
        run.result["assumptions"][0]["text"][:40],
        run.result["provenance"]["scenario_sha256"],
        run.result["provenance"]["code_version"],
        "NHS England National Cost Collection",
        "own accounts",
        "Cause and effect",
        "Small numbers",
    ):
        assert text in page, text
    assert page.count("<svg") == 3


def test_it_defaults_to_ten_thousand_iterations_and_the_scenario_seed(
    login_as, coordinator, demo_scenario
):
    page = login_as(coordinator).get(f"/economics/{demo_scenario.pk}/").content.decode()
    assert 'name="iterations" value="10000"' in page
    assert 'name="seed" value="20150101"' in page


def test_it_refuses_more_iterations_than_the_web_allows(login_as, coordinator, demo_scenario):
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/run/", {"seed": 1, "iterations": 2_000_001}
    )
    assert response.status_code == 400
    assert b"<title>Error: Seven" in response.content
    assert not ScenarioRun.objects.exists()


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_it_explains_each_broken_scenario_naming_the_key(login_as, coordinator, path):
    response = login_as(coordinator).post(
        "/economics/new/", {"name": path.stem, "template": "", "toml": path.read_text()}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: New scenario" in page
    summary = page[page.index('class="error-summary"') :]
    assert f"{expected_key(path)}: " in summary
    assert not SavedScenario.objects.exists()


@pytest.mark.parametrize("path", BROKEN[:20], ids=[p.stem for p in BROKEN[:20]])
def test_it_keeps_the_saved_scenario_when_an_edit_is_broken(
    login_as, coordinator, demo_scenario, path
):
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/", {"name": "Seven", "toml": path.read_text()}
    )
    assert response.status_code == 400
    assert f"{expected_key(path)}: ".encode() in response.content
    demo_scenario.refresh_from_db()
    assert demo_scenario.toml == shipped_text("seven_participants")


def test_it_saves_an_edited_scenario(login_as, coordinator, demo_scenario):
    text = demo_scenario.toml.replace("people = 7", "people = 8", 1)
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/", {"name": "Seven, edited", "toml": text}
    )
    assert response.status_code == 302
    demo_scenario.refresh_from_db()
    assert (demo_scenario.name, parse_text(demo_scenario.toml).people) == ("Seven, edited", 8)


def headline_post(**changes):
    values = {
        "people": "7",
        "horizon_years": "1",
        "discount_rate": "0.035",
        "service_cost_total": "40000",
        "deadweight": '{ dist = "beta", mean = 0.2, sd = 0.1 }',
        "attribution": "0.3",
        "displacement": "",
        "drop_off": "",
    }
    return {**values, **changes}


def test_it_rewrites_the_headline_inputs_and_keeps_the_effects(
    login_as, coordinator, demo_scenario
):
    before = tomllib.loads(demo_scenario.toml)
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/headline/", headline_post(people="9", horizon_years="2")
    )
    assert response.status_code == 302
    demo_scenario.refresh_from_db()
    after = tomllib.loads(demo_scenario.toml)
    assert after["scenario"]["people"] == 9
    assert after["scenario"]["horizon_years"] == 2
    assert after["service_cost"] == {"total": 40000}
    assert after["adjustments"] == {
        "deadweight": {"dist": "beta", "mean": 0.2, "sd": 0.1},
        "attribution": 0.3,
    }
    assert after["effects"] == before["effects"]
    assert after["employment"] == before["employment"]
    assert after["assumptions"] == before["assumptions"]
    assert 'per_person = { dist = "pert", low = -48.0' in demo_scenario.toml


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"attribution": "1.5"}, "adjustments.attribution"),
        ({"deadweight": '{ dist = "beta", mean = 2, sd = 0.1 }'}, "adjustments.deadweight.mean"),
        ({"service_cost_total": '{ dist = "normal", mean = 1 }'}, "service_cost.total"),
        ({"people": "2"}, "effects[1].people"),
    ],
)
def test_it_names_the_key_when_a_headline_input_is_refused(
    login_as, coordinator, demo_scenario, changes, key
):
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/headline/", headline_post(**changes)
    )
    assert response.status_code == 400
    assert f"{key}".encode() in response.content
    assert b"<title>Error: " in response.content
    demo_scenario.refresh_from_db()
    assert demo_scenario.toml == shipped_text("seven_participants")


def test_it_refuses_text_that_is_neither_number_nor_distribution(
    login_as, coordinator, demo_scenario
):
    response = login_as(coordinator).post(
        f"/economics/{demo_scenario.pk}/headline/", headline_post(deadweight="a fifth")
    )
    assert response.status_code == 400
    assert b"must be a number or a distribution" in response.content


def test_it_compares_runs_side_by_side(login_as, coordinator, two_runs):
    ids = "&".join(f"run={r.pk}" for r in two_runs)
    page = login_as(coordinator).get(f"/economics/compare/?{ids}").content.decode()
    for run in two_runs:
        assert run.label in page
        assert money(run.result["psa"]["mean_net"]) in page
    assert "Seed" in page


def test_it_asks_for_two_runs_to_compare(login_as, coordinator, two_runs):
    response = login_as(coordinator).get(f"/economics/compare/?run={two_runs[0].pk}&run=x")
    assert response.status_code == 400
    assert b"Choose two or more runs" in response.content


def test_it_exports_toml_json_csv_and_svg_that_parse(login_as, coordinator, two_runs):
    client = login_as(coordinator)
    run = two_runs[0]
    toml = client.get(f"/economics/{run.scenario.pk}/scenario.toml")
    assert "attachment" in toml["Content-Disposition"]
    assert tomllib.loads(toml.content.decode())["scenario"]["people"] == 7
    as_run = client.get(f"/economics/runs/{run.pk}/scenario.toml").content.decode()
    assert parse_text(as_run).sha256 == run.scenario_sha256
    result = json.loads(client.get(f"/economics/runs/{run.pk}/result.json").content)
    assert result == run.result
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/economics/runs/{run.pk}/headline.csv").content.decode())
        )
    )
    by_key = {row["key"]: row for row in rows}
    assert float(by_key["ratio"]["value"]) == run.result["deterministic"]["ratio"]
    assert float(by_key["net"]["value"]) == run.result["deterministic"]["net"]
    assert by_key["seed"]["value"] == "1"
    for chart in ("tornado", "net_cdf", "acceptability"):
        response = client.get(f"/economics/runs/{run.pk}/{chart}.svg")
        assert response["Content-Type"].startswith("image/svg+xml")
        root = ElementTree.fromstring(response.content)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
        picture = client.get(f"/economics/runs/{run.pk}/{chart}.png")
        assert picture["Content-Type"] == "image/png"
        assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_it_runs_without_the_uncertainty_analysis(login_as, coordinator, demo_scenario):
    client = login_as(coordinator)
    response = client.post(f"/economics/{demo_scenario.pk}/run/", {"seed": 1, "iterations": 0})
    page = client.get(response["Location"]).content.decode()
    assert "No uncertainty analysis was run" in page
    assert page.count("<svg") == 1


def test_it_lists_saved_scenarios_and_runs(login_as, coordinator, two_runs):
    page = login_as(coordinator).get("/economics/").content.decode()
    assert "Seven" in page and "Compare runs" in page


def test_it_builds_a_scenario_from_the_records_of_a_period(login_as, coordinator):
    from datetime import date

    from thrive.audit.models import AuditEvent
    from thrive.journeys.models import Journey, Person, ServiceUseChange

    for n in range(5):
        person = Person.objects.create(reference=f"T-{n}", name=f"Cara {n}")
        ServiceUseChange.objects.create(
            journey=Journey.objects.create(person=person, referred_on=date(2024, 6, 1)),
            kind="cmht_discharge",
            reported_on=date(2025, 5, 2),
        )
    response = login_as(coordinator).post(
        "/economics/from-records/",
        {"name": "Year", "start": "2025-04-01", "end": "2026-03-31", "service_cost_total": "5000"},
    )
    saved = SavedScenario.objects.get(name="Year")
    assert response["Location"] == f"/economics/{saved.pk}/"
    scenario = parse_text(saved.toml)
    assert (scenario.people, scenario.effects[0].resource) == (5, "cmht_care_year")
    assert AuditEvent.objects.filter(subject_type="service_use_records").count() == 1


def test_it_refuses_a_period_that_ends_before_it_starts(login_as, coordinator):
    response = login_as(coordinator).post(
        "/economics/from-records/", {"name": "Year", "start": "2025-04-01", "end": "2025-01-01"}
    )
    assert response.status_code == 400
    assert b"<title>Error: " in response.content
    assert not SavedScenario.objects.exists()


def test_it_loads_the_demo_scenarios_once_however_often_it_runs():
    from thrive.demo.economics import load_scenarios

    load_scenarios()
    load_scenarios()
    assert SavedScenario.objects.count() == 3
    for saved in SavedScenario.objects.all():
        parse_text(saved.toml)
