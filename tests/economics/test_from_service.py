"""`thrive economics from-service --from --to` reads the service's records into a scenario."""

import json
import tomllib
from datetime import date

import pytest
from click.testing import CliRunner

from thrive.audit.models import AuditEvent
from thrive.economics.cli import economics
from thrive.economics.core.editing import parse_text
from thrive.journeys.models import Journey, Outcome, OutcomeKind, Person, ServiceUseChange


@pytest.fixture
def two_people(db):
    cara = Person.objects.create(reference="T-1", name="Cara")
    dev = Person.objects.create(reference="T-2", name="Dev")
    ServiceUseChange.objects.create(
        journey=Journey.objects.create(person=cara, referred_on=date(2024, 6, 1)),
        kind="cmht_discharge",
        reported_on=date(2025, 5, 2),
    )
    Outcome.objects.create(
        journey=Journey.objects.create(person=dev, referred_on=date(2024, 9, 1)),
        kind=OutcomeKind.EMPLOYMENT,
        achieved_on=date(2025, 7, 1),
        hours_per_week=16,
        off_benefits=True,
    )


def test_it_writes_a_scenario_for_the_period(two_people, tmp_path):
    out = tmp_path / "year.toml"
    result = CliRunner().invoke(
        economics,
        ["from-service", "--from", "2025-04-01", "--to", "2026-03-31", "--out", str(out),
         "--service-cost", "9000"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    text = out.read_text()
    scenario = parse_text(text)
    assert (scenario.people, scenario.effects[0].resource) == (2, "cmht_contact")
    data = tomllib.loads(text)
    assert data["effects"][0]["per_person"] == -24.0
    assert data["employment"]["people"] == 1
    assert "# Assumptions:" in text
    event = AuditEvent.objects.get()
    assert event.subject_type == "service_use_records"
    assert "2025-04-01 to 2026-03-31" in event.detail


def test_it_prints_the_scenario_without_out(two_people):
    result = CliRunner().invoke(
        economics, ["from-service", "--from", "2025-04-01", "--to", "2026-03-31", "--people", "5"]
    )
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.output)["scenario"]["people"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either --records or --from and --to"),
        (["--from", "2025-04-01"], "give both --from and --to"),
        (["--from", "2025-04-01", "--to", "2025-01-01"], "--from: the period must start"),
        (["--from", "April", "--to", "2025-01-01"], "Invalid value for '--from'"),
    ],
)
def test_it_refuses_an_unclear_period(args, message, db):
    result = CliRunner().invoke(economics, ["from-service", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_it_still_reads_a_records_file(tmp_path):
    source = tmp_path / "records.json"
    source.write_text(
        json.dumps(
            {
                "name": "File",
                "people": 3,
                "service_cost_total": 1000,
                "changes": [
                    {"person_id": "p1", "kind": "cmht_contact", "units_before": 24,
                     "units_after": 0}
                ],
            }
        )
    )  # fmt: skip
    result = CliRunner().invoke(economics, ["from-service", "--records", str(source)])
    assert result.exit_code == 0, result.output
    assert parse_text(result.output).people == 3


def test_it_refuses_records_and_a_period_together(tmp_path):
    source = tmp_path / "records.json"
    source.write_text("{}")
    result = CliRunner().invoke(
        economics,
        ["from-service", "--records", str(source), "--from", "2025-01-01", "--to", "2025-02-01"],
    )
    assert result.exit_code != 0
    assert "give either --records or --from and --to" in result.output
