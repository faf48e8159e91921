import json
import struct

from click.testing import CliRunner
from defusedxml import ElementTree

from thrive.economics.cli import economics


def run(*args: str):
    return CliRunner().invoke(economics, ["run", *args])


def test_it_prints_the_fixed_json_keys_for_the_demo():
    result = run("demo", "--json", "--iterations", "2000")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    det, psa = report["deterministic"], report["psa"]
    assert set(det["savings"]) >= {"total", "by_resource", "by_payer"}
    assert {"service_cost", "net", "ratio"} <= set(det)
    assert {"iterations", "mean_net", "interval_95", "p_net_positive", "mean_ratio"} <= set(psa)
    assert psa["iterations"] == 2000
    assert len(psa["interval_95"]) == 2 and psa["interval_95"][0] < psa["interval_95"][1]
    assert abs(det["net"] - (det["savings"]["total"] - det["service_cost"])) < 0.02
    assert abs(det["ratio"] - det["savings"]["total"] / det["service_cost"]) < 1e-5
    assert abs(sum(det["savings"]["by_resource"].values()) - det["savings"]["total"]) < 0.1
    assert abs(sum(det["savings"]["by_payer"].values()) - det["savings"]["total"]) < 0.1
    assert det["break_even_service_cost"] == det["savings"]["total"]
    provenance = report["provenance"]
    assert len(provenance["scenario_sha256"]) == 64
    assert provenance["seed"] == 20150101
    assert provenance["unit_cost_sources"]
    assert all(s["source"] and s["price_year"] for s in provenance["unit_cost_sources"])


def test_it_gives_identical_output_for_the_same_seed():
    first = run("demo", "--json", "--iterations", "5000", "--seed", "7")
    second = run("demo", "--json", "--iterations", "5000", "--seed", "7")
    assert first.exit_code == 0
    assert first.output == second.output


def test_it_gives_different_draws_for_a_different_seed():
    first = json.loads(run("demo", "--json", "--iterations", "5000", "--seed", "7").output)
    second = json.loads(run("demo", "--json", "--iterations", "5000", "--seed", "8").output)
    assert first["psa"]["mean_net"] != second["psa"]["mean_net"]
    assert first["deterministic"] == second["deterministic"]


def test_it_runs_the_shipped_example_by_its_file_name_too():
    by_short = json.loads(run("demo", "--json", "--iterations", "0").output)
    by_stem = json.loads(run("seven_participants", "--json", "--iterations", "0").output)
    assert by_short == by_stem
    assert by_short["psa"] is None


def test_it_prints_a_readable_summary_without_json():
    result = run("demo", "--iterations", "500")
    assert result.exit_code == 0
    assert "Net" in result.output and "£" in result.output
    assert not result.output.lstrip().startswith("{")


def test_it_writes_three_charts_as_well_formed_svg_and_png(tmp_path):
    result = run("demo", "--iterations", "1000", "--charts", str(tmp_path / "charts"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert names == [
        f"{chart}.{kind}"
        for chart in ("acceptability", "net_cdf", "tornado")
        for kind in ("png", "svg")
    ]
    for chart in ("acceptability", "net_cdf", "tornado"):
        svg = (tmp_path / "charts" / f"{chart}.svg").read_text()
        root = ElementTree.fromstring(svg)
        assert root.tag.endswith("svg")
        png = (tmp_path / "charts" / f"{chart}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        view_width, view_height = (float(n) for n in root.get("viewBox").split()[2:])
        assert width >= 2 * view_width and abs(width / height - view_width / view_height) < 0.01


def test_it_refuses_an_unknown_scenario_name_without_traceback():
    result = run("no-such-scenario")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "no-such-scenario" in result.output


def test_it_shows_a_non_gbp_currency(tmp_path):
    path = tmp_path / "usd.toml"
    path.write_text(
        '[scenario]\nname = "usd"\ncurrency = "USD"\npeople = 2\n'
        "[service_cost]\ntotal = 100.0\n"
        "[unit_costs]\nvisit = 50.0\n"
        '[[effects]]\nresource = "visit"\nper_person = -3.0\n'
    )
    result = run(str(path), "--iterations", "0")
    assert result.exit_code == 0, result.output
    assert "$300" in result.output


def test_it_runs_every_shipped_scenario():
    from thrive.economics.core.scenario import shipped_scenarios

    names = sorted(shipped_scenarios())
    assert {"demo", "seven_participants", "service_year"} <= set(names)
    for name in names:
        result = run(name, "--json", "--iterations", "200")
        assert result.exit_code == 0, (name, result.output)
        report = json.loads(result.output)
        assert report["assumptions"], name
