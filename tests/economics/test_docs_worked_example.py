"""docs/economics.md's worked example: every figure in its results table from a fresh run."""

import re
from pathlib import Path

import pytest

from thrive.economics.core.case import economic_report
from thrive.economics.core.scenario import load_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "economics.md"


def money(text: str) -> list[int]:
    """Every "GBP 1,234" amount in a line, in order, as whole pounds."""
    return [int(a.replace(",", "")) for a in re.findall(r"GBP (-?[\d,]+)", text)]


@pytest.fixture(scope="module")
def rows() -> dict[str, str]:
    section = DOC.read_text().split("## Worked example: the seven participants")[1]
    table = section.split("Results (seed 20150101, 10,000 iterations")[1].split("\n\n")[1]
    return {
        cells[1].strip(): cells[2].strip()
        for cells in (line.split("|") for line in table.splitlines()[2:])
    }


@pytest.fixture(scope="module")
def report() -> dict:
    return economic_report(load_scenario("demo"), iterations=10_000, seed=20150101)


def whole(x: float) -> int:
    return round(x)


def test_the_deterministic_figures_are_a_fresh_runs(rows, report):
    det = report["deterministic"]
    by_payer, by_resource = det["savings"]["by_payer"], det["savings"]["by_resource"]
    assert money(rows["savings (deterministic)"]) == [
        whole(det["savings"]["total"]),
        whole(by_payer["nhs"]),
        whole(by_payer["exchequer"]),
    ]
    assert money(rows["of which the two-year hospital discharge"]) == [
        whole(by_resource["rehabilitation_bed_day"])
    ]
    assert money(rows["service cost"]) == [whole(det["service_cost"])]
    assert money(rows["net"])[0] == whole(det["net"])
    assert f"ratio {det['ratio']:.2f}" in rows["net"]
    assert money(rows["break-even service cost"]) == [
        whole(det["break_even_service_cost"]),
        whole(det["per_person"]["break_even_service_cost"]),
    ]


def test_the_psa_figures_are_a_fresh_runs(rows, report):
    psa = report["psa"]
    assert money(rows["PSA mean net"]) == [whole(psa["mean_net"]), *map(whole, psa["interval_95"])]
    nhs = psa["by_perspective"]["nhs"]
    assert money(rows["NHS only (PSA)"]) == [
        whole(nhs["mean_net"]),
        *map(whole, nhs["interval_95"]),
    ]
    assert rows["probability net > 0"].startswith(f"{psa['p_net_positive']:.2f} in 10,000")
    assert money(rows["value of perfect information (EVPI)"]) == [whole(report["voi"]["evpi"])]
