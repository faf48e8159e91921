import json
import tomllib
from dataclasses import replace
from datetime import date

import pytest
from click.testing import CliRunner

from thrive.economics.cli import economics
from thrive.economics.core.case import deterministic_result
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.from_records import (
    EmploymentStart,
    ReportedChange,
    ServiceRecords,
    records_from_json,
    scenario_from_records,
    scenario_toml,
)
from thrive.economics.core.scenario import parse_scenario

RECORDS = ServiceRecords(
    name="records",
    people=4,
    service_cost_total=10_000.0,
    changes=(
        ReportedChange("a", "cmht_contact", 24, 0, date(2014, 3, 1)),
        ReportedChange("b", "cmht_contact", 30, 10),
        ReportedChange("c", "inpatient_bed_day", 1001, 91, years_before=11, years_after=7),
    ),
    employment_starts=(EmploymentStart("d", 25, 1250.0, True, date(2013, 9, 1)),),
)


def test_it_turns_reported_changes_into_yearly_effects():
    scenario = scenario_from_records(RECORDS)
    cmht, beds, _step_down = scenario["effects"]
    # a: -24, b: -20 -> mean -22; sd of (-24, -20) = 2.828427, / sqrt(2) = 2, widened to the
    # Student t interval with 1 degree of freedom: 2 * 12.7062 / 1.95996
    assert cmht["resource"] == "cmht_contact" and cmht["people"] == 2
    assert cmht["per_person"] == {
        "dist": "normal",
        "mean": -22.0,
        "sd": pytest.approx(2.0 * 12.7062 / 1.95996, rel=1e-4),
    }
    # 91 a year before (1001 / 11), 13 a year after (91 / 7): -78
    assert beds["per_person"] == pytest.approx(-78.0)


def test_it_names_every_assumption_it_makes():
    scenario = scenario_from_records(RECORDS)
    about = {a["about"] for a in scenario["assumptions"]}
    assert {"effects[1].per_person", "effects[2].per_person", "service_cost.total"} <= about
    assert {"employment.monthly_drop_off", "employment.jobs", "adjustments"} <= about
    text = scenario_toml(RECORDS)
    comments = [line for line in text.splitlines() if line.startswith("#  ")]
    assert len(comments) == len(scenario["assumptions"])
    for comment, note in zip(comments, scenario["assumptions"], strict=True):
        assert note["text"] in comment


def test_it_writes_toml_the_model_accepts():
    parsed = parse_scenario(tomllib.loads(scenario_toml(RECORDS)))
    result = deterministic_result(parsed)
    # cmht 2 * 22 * 278.91 = 12,272.04; beds 78 * 719.10 = 56,089.80; each times what is left
    # after the default deadweight and attribution of 30%: 0.7 * 0.7 = 0.49
    assert result["savings"]["by_resource"]["cmht_contact"] == pytest.approx(12_272.04 * 0.49)
    assert result["savings"]["by_resource"]["inpatient_bed_day"] == pytest.approx(56_089.80 * 0.49)
    assert parsed.employment is not None and parsed.employment.jobs[0].hours == 25
    assert not parsed.adjustments.reviewed


def test_each_person_whose_hospital_or_cmht_care_fell_steps_down_at_a_cost():
    scenario = scenario_from_records(RECORDS)
    assert scenario["effects"][2] == {"resource": "step_down_care", "people": 3, "per_person": 1.0}
    cost = scenario["unit_costs"]["step_down_care"]
    # 3, 6 and 12 hours of a Band 6 nurse at 61.00 an hour
    assert (cost["low"], cost["mode"], cost["high"]) == (183.0, 366.0, 732.0)
    assert "PSSRU" in cost["source"]
    texts = [a["text"] for a in scenario["assumptions"]]
    assert any(t.startswith("The 3 people whose use of hospital or CMHT care fell") for t in texts)
    assert any(t.startswith("Step-down care after a discharge") for t in texts)
    result = deterministic_result(parse_scenario(scenario))
    assert result["savings"]["by_resource"]["step_down_care"] < 0


def test_step_down_can_be_left_out_and_skips_care_that_rose():
    rose = ServiceRecords("x", 2, 0.0, changes=(ReportedChange("a", "cmht_contact", 10, 12),))
    assert [e["resource"] for e in scenario_from_records(rose)["effects"]] == ["cmht_contact"]
    without = replace(RECORDS, step_down=False)
    scenario = scenario_from_records(without)
    assert "step_down_care" not in str(scenario)


def test_the_json_records_switch_step_down_off_with_true_or_false_only():
    payload = {"name": "x", "people": 1, "service_cost_total": 0}
    assert not records_from_json({**payload, "step_down": False}).step_down
    with pytest.raises(ScenarioError) as caught:
        records_from_json({**payload, "step_down": "no"})
    assert caught.value.key == "step_down"


def test_it_refuses_an_unknown_kind():
    bad = ServiceRecords("x", 1, 0.0, changes=(ReportedChange("a", "bed_nights", 3, 0),))
    with pytest.raises(ScenarioError) as caught:
        scenario_from_records(bad)
    assert caught.value.key == "changes[1].kind"


def test_it_builds_a_scenario_file_from_the_command_line(tmp_path):
    records = {
        "name": "cli",
        "people": 2,
        "service_cost_total": 500,
        "changes": [
            {"person_id": "a", "kind": "crisis_contact", "units_before": 6, "units_after": 1}
        ],
        "employment_starts": [
            {"person_id": "b", "hours": 16, "monthly_net": 800, "off_benefits": False}
        ],
    }
    source, out = tmp_path / "records.json", tmp_path / "scenario.toml"
    source.write_text(json.dumps(records))
    result = CliRunner().invoke(
        economics, ["from-service", "--records", str(source), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    run = CliRunner().invoke(economics, ["run", str(out), "--json", "--iterations", "100"])
    report = json.loads(run.output)
    # 5 fewer crisis contacts at 356.83 = 1,784.15, times 0.7 * 0.7 after the default
    # deadweight and attribution
    assert report["deterministic"]["savings"]["by_resource"]["crisis_contact"] == pytest.approx(
        1784.15 * 0.49, abs=0.01
    )
    assert report["warnings"] and "nobody has reviewed" in report["warnings"][0]


def test_it_refuses_malformed_records_with_the_key(tmp_path):
    source = tmp_path / "records.json"
    source.write_text(
        json.dumps(
            {"name": "x", "people": 1, "service_cost_total": 1, "changes": [{"person": "a"}]}
        )
    )
    result = CliRunner().invoke(
        economics, ["from-service", "--records", str(source), "--out", str(tmp_path / "o.toml")]
    )
    assert result.exit_code != 0
    assert "changes[1].person" in result.output
    assert "Traceback" not in result.output
