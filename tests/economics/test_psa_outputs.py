"""`thrive economics run`: payers, perspectives, Monte Carlo error, value of information, draws."""

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from thrive.economics.cli import economics
from thrive.economics.core.perspectives import PERSPECTIVES


def run(*args: str):
    result = CliRunner().invoke(economics, ["run", *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def report():
    return json.loads(run("demo", "--json", "--iterations", "1500").output)


def test_it_reports_the_psa_for_each_payer_and_each_perspective(report):
    psa = report["psa"]
    assert set(psa["by_payer"]) == {"nhs", "exchequer"}
    assert list(psa["by_perspective"]) == list(PERSPECTIVES)
    for figures in psa["by_perspective"].values():
        lo, hi = figures["interval_95"]
        assert lo < figures["mean_net"] < hi
        assert {"label", "mean_savings", "p_net_positive", "mean_ratio"} <= set(figures)
    payers = sum(p["mean_savings"] for p in psa["by_payer"].values())
    assert payers == pytest.approx(psa["mean_savings"], abs=0.05)
    nhs = psa["by_perspective"]["nhs"]
    assert nhs["mean_savings"] == pytest.approx(psa["by_payer"]["nhs"]["mean_savings"], abs=0.01)
    assert psa["by_perspective"]["exchequer"]["mean_net"] == pytest.approx(psa["mean_net"])


def test_the_widest_perspective_adds_the_peoples_own_income(report):
    det = report["deterministic"]
    everyone = det["by_perspective"]["all"]["savings"]
    assert everyone == pytest.approx(
        det["savings"]["total"] + det["employment"]["person_income_gain"], abs=0.02
    )


def test_it_gives_the_monte_carlo_error_of_its_headline_figures(report):
    psa = report["psa"]
    assert psa["mcse"]["mean_net"] == pytest.approx(psa["sd_net"] / np.sqrt(1500), rel=0.01)
    p = psa["p_net_positive"]
    assert psa["mcse"]["p_net_positive"] == pytest.approx(np.sqrt(p * (1 - p) / 1500), abs=1e-6)


def test_it_gives_evpi_and_an_evppi_per_uncertain_input(report):
    voi = report["voi"]
    uncertain = {bar["parameter"] for bar in report["sensitivity"]["tornado"]}
    assert set(voi["evppi"]) == uncertain
    assert all(0 <= v <= voi["evpi"] for v in voi["evppi"].values())


def test_a_perspective_narrows_the_value_of_information_and_thresholds_to_its_payers():
    nhs = json.loads(run("demo", "--json", "--iterations", "300", "--perspective", "nhs").output)
    assert nhs["perspective"] == "nhs" and nhs["voi"]["perspective"] == "nhs"
    text = run("demo", "--iterations", "300", "--perspective", "nhs").output
    assert "NHS only: net" in text and "Everyone" not in text


def test_it_refuses_an_unknown_perspective():
    result = CliRunner().invoke(economics, ["run", "demo", "--perspective", "icb"])
    assert result.exit_code != 0
    assert "nhs_social_care" in result.output


def test_the_draws_file_reproduces_the_reported_mean_and_interval(tmp_path):
    path = tmp_path / "draws.csv"
    report = json.loads(run("demo", "--json", "--iterations", "1200", "--draws", str(path)).output)
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    uncertain = [bar["parameter"] for bar in report["sensitivity"]["tornado"]]
    assert header[-3:] == ["savings", "service_cost", "net"]
    assert sorted(header[:-3]) == sorted(uncertain)
    assert len(body) == 1200
    table = np.array(body, dtype=float)
    net = table[:, -1]
    assert np.allclose(net, table[:, -3] - table[:, -2])
    assert net.mean() == pytest.approx(report["psa"]["mean_net"], abs=0.01)
    lo, hi = np.quantile(net, [0.025, 0.975])
    assert [lo, hi] == pytest.approx(report["psa"]["interval_95"], abs=0.01)
    column = header.index("adjustments.attribution")
    assert table[:, column].std() > 0


def test_the_draws_columns_are_the_inputs_that_produced_each_row(tmp_path):
    from thrive.economics.core.costing import costing
    from thrive.economics.core.scenario import load_scenario

    path = tmp_path / "draws.csv"
    run("demo", "--iterations", "50", "--draws", str(path))
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    scenario = load_scenario("demo")
    values = scenario.base_values()
    values.update({k: float(v) for k, v in zip(rows[0][:-3], rows[7][:-3], strict=True)})
    assert float(costing(scenario, values).net) == pytest.approx(float(rows[7][-1]))


def test_it_says_plainly_when_there_are_no_draws_to_write(tmp_path):
    result = CliRunner().invoke(
        economics, ["run", "demo", "--iterations", "0", "--draws", str(tmp_path / "d.csv")]
    )
    assert result.exit_code != 0
    assert "no draws to write" in result.output
