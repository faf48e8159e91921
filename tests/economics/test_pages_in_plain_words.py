"""The builder, the run report, the by-payer view and the comparison: plain words, no keys."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from thrive.economics.core.builder import blank_form
from thrive.economics.forms import shipped_text
from thrive.economics.models import SavedScenario, ScenarioRun

pytestmark = pytest.mark.django_db

INTERNAL = re.compile(
    r"cmht_contact|effects\[\d|adjustments\.|employment\.|unit_costs\.|Savings to nhs"
    r"|local_authority|GBP|\d-£|-£"
)


@pytest.fixture
def demo_run(coordinator):
    saved = SavedScenario.objects.create(
        name="Seven", toml=shipped_text("seven_participants"), created_by=coordinator
    )
    return saved.run(seed=3, iterations=400)


def visible(html: str) -> str:
    """The page as Thrive words it: without the scenario's own assumption texts."""
    return re.sub(r'<span class="econ-said">.*?</span>', "", html, flags=re.S)


def builder_post(**values: str) -> dict[str, str]:
    form = blank_form()
    form.update(
        name="Peer support, one year",
        currency="GBP",
        price_year="2024/25",
        people="20",
        horizon_years="1",
        discount_rate="0.035",
        cost_shape="pert",
        cost_mode="60000",
        cost_low="50000",
        cost_high="80000",
        effect0_resource="cmht_contact",
        effect0_people="12",
        effect0_change_shape="triangular",
        effect0_change_mode="-20",
        effect0_change_low="-30",
        effect0_change_high="-5",
        effect0_note="Discharged from a CMHT.",
        attribution_shape="beta",
        attribution_mean="0.5",
        attribution_sd="0.1",
        assumptions="Contacts counted from the trust's records.",
    )
    form.update(values)
    return form


def test_it_builds_a_scenario_from_plain_words_alone(login_as, viewer):
    client = login_as(viewer)
    page = client.get("/economics/build/")
    assert page.status_code == 200
    assert "Most likely, lowest, highest (PERT)" in page.content.decode()
    response = client.post("/economics/build/", builder_post())
    saved = SavedScenario.objects.get(name="Peer support, one year")
    assert response.status_code == 302
    assert 'resource = "cmht_contact"' in saved.toml
    assert saved.parsed().parameters["adjustments.attribution"].dist.kind == "beta"
    assert saved.parsed().people == 20


def test_it_names_each_bad_field_once_and_saves_nothing(login_as, viewer):
    client = login_as(viewer)
    response = client.post(
        "/economics/build/",
        builder_post(people="twenty", cost_low="90000", effect0_change_mode="lots"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Build a scenario" in html
    assert "How many people: Enter a number" in html
    assert "Change 1: change per person over the whole period: Most likely: Enter a number" in html
    assert not SavedScenario.objects.exists()


def test_it_explains_a_model_refusal_beside_the_field(login_as, viewer):
    response = login_as(viewer).post(
        "/economics/build/", builder_post(cost_mode="40000", cost_low="50000")
    )
    assert response.status_code == 400
    assert "Total cost: Mode: must lie between low and high" not in response.content.decode()
    assert 'href="#b-cost"' in response.content.decode()
    assert not SavedScenario.objects.exists()


def test_it_shows_a_picture_of_each_range_without_saving(login_as, viewer):
    response = login_as(viewer).post("/economics/build/", builder_post(preview="1"))
    pictures = re.findall(r'<div class="econ-picture" id="[^"]+"><svg', response.content.decode())
    assert response.status_code == 200
    assert len(pictures) == 3  # the cost, the CMHT change and attribution
    assert not SavedScenario.objects.exists()


def test_it_opens_a_scenario_made_by_the_builder_in_the_builder(login_as, viewer):
    client = login_as(viewer)
    client.post("/economics/build/", builder_post())
    saved = SavedScenario.objects.get()
    html = client.get(f"/economics/{saved.pk}/build/").content.decode()
    assert 'value="-20"' in html and "Discharged from a CMHT." in html
    response = client.post(f"/economics/{saved.pk}/build/", builder_post(people="25"))
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.parsed().people == 25


def test_it_says_when_a_scenario_needs_its_toml(login_as, viewer, demo_run):
    html = login_as(viewer).get(f"/economics/{demo_run.scenario.pk}/build/").content.decode()
    assert "Edit this scenario in its" in html


def test_the_run_report_reads_in_plain_words(login_as, viewer, demo_run):
    client = login_as(viewer)
    for url in (
        f"/economics/runs/{demo_run.pk}/",
        f"/economics/runs/{demo_run.pk}/report/",
        f"/economics/runs/{demo_run.pk}/by-payer/",
    ):
        html = visible(client.get(url).content.decode())
        assert not INTERNAL.search(html), (url, INTERNAL.search(html).group(0))
        assert "CMHT contacts" in html or "NHS" in html
    report = client.get(f"/economics/runs/{demo_run.pk}/report/").content.decode()
    assert "For 7 people over 1 year, the service costs £" in report
    assert "How much would have happened anyway" not in report.split("cannot tell you")[1]


def test_it_sends_the_run_report_as_a_pdf(login_as, viewer, demo_run):
    response = login_as(viewer).get(f"/economics/runs/{demo_run.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"run-{demo_run.pk}-report.pdf" in response["Content-Disposition"]


def test_it_compares_runs_with_a_chart_and_takes_them_away(login_as, viewer, demo_run):
    other = demo_run.scenario.run(seed=4, iterations=400)
    client = login_as(viewer)
    query = f"run={demo_run.pk}&run={other.pk}"
    html = client.get(f"/economics/compare/?{query}").content.decode()
    assert 'id="chart-compare"' in html and "<svg" in html
    assert not INTERNAL.search(visible(html))
    csv_text = client.get(f"/economics/compare/runs.csv?{query}").content.decode("utf-8-sig")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(csv_text))}
    assert rows["Figure"] == [demo_run.label, other.label]
    assert rows["Net savings"] == [str(demo_run.result["deterministic"]["net"])] * 2
    assert "Savings to NHS" in rows
    book = load_workbook(io.BytesIO(client.get(f"/economics/compare/runs.xlsx?{query}").content))
    sheet = {row[0]: row[1:] for row in book.active.iter_rows(values_only=True)}
    assert sheet["Net savings"] == (demo_run.result["deterministic"]["net"],) * 2
    assert client.get(f"/economics/compare/runs.pdf?{query}").status_code == 404
    assert client.get(f"/economics/compare/runs.csv?run={other.pk}").status_code == 400


def test_it_refuses_workers_every_new_page(login_as, worker, demo_run):
    client = login_as(worker)
    for url in (
        "/economics/build/",
        f"/economics/{demo_run.scenario.pk}/build/",
        f"/economics/runs/{demo_run.pk}/report/",
        f"/economics/runs/{demo_run.pk}/report.pdf",
        f"/economics/runs/{demo_run.pk}/by-payer/",
    ):
        assert client.get(url).status_code == 403
    assert client.post("/economics/build/", builder_post()).status_code == 403
    assert not ScenarioRun.objects.exclude(pk=demo_run.pk).exists()


def test_every_chart_reads_in_plain_words_with_distinct_ticks(login_as, viewer, demo_run):
    client = login_as(viewer)
    for chart in ("tornado", "net_cdf", "acceptability"):
        svg = client.get(f"/economics/runs/{demo_run.pk}/{chart}.svg").content.decode()
        assert not INTERNAL.search(svg), (chart, INTERNAL.search(svg).group(0))
        ticks = re.findall(r'<g id="[^"]*xtick_\d+">.*?<text[^>]*>([^<]+)</text>', svg, re.S)
        assert len(ticks) >= 3 and len(set(ticks)) == len(ticks), ticks
    tornado = client.get(f"/economics/runs/{demo_run.pk}/tornado.svg").content.decode()
    assert "How much of the change" in tornado


def test_the_builder_and_the_list_read_in_plain_words(login_as, viewer, demo_run):
    client = login_as(viewer)
    client.post("/economics/build/", builder_post())
    built = SavedScenario.objects.get(name="Peer support, one year")
    for url in ("/economics/", "/economics/build/", f"/economics/{built.pk}/build/"):
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        text = text.replace("Three letters, such as GBP", "")  # the code people type
        assert not INTERNAL.search(text), (url, INTERNAL.search(text).group(0))


def test_it_refuses_a_name_another_scenario_has(login_as, viewer, demo_run):
    response = login_as(viewer).post("/economics/build/", builder_post(name="Seven"))
    assert response.status_code == 400
    assert "Name: A scenario with this name already exists." in response.content.decode()
    assert SavedScenario.objects.count() == 1
