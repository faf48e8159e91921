"""Who saves what: each payer's savings, share and interval; each perspective when a run has it."""

from thrive.core.numbers import MINUS
from thrive.economics.core.presentation import by_payer_context


def report(**psa):
    return {
        "scenario": {"currency": "GBP"},
        "deterministic": {
            "savings": {"by_payer": {"nhs": 3000.0, "local_authority": 0.0, "exchequer": 1000.0}},
        },
        "psa": psa or None,
    }


def test_it_gives_each_payer_in_plain_words_with_its_share():
    context = by_payer_context(report())
    rows = {row["payer"]: row for row in context["payer_rows"]}
    assert rows["NHS"]["savings"] == "£3,000" and rows["NHS"]["share"] == "75%"
    assert rows["Benefits and tax (DWP and HMRC)"]["share"] == "25%"
    assert context["payer_total"] == "£4,000"
    assert not context["payer_intervals"] and context["perspectives"] == []
    assert "<svg" in context["payer_chart"] and "NHS" in context["payer_chart"]


def test_it_shows_each_payers_interval_and_each_perspective_when_the_run_has_them():
    data = report(
        by_payer={"nhs": {"mean_savings": 2990.0, "interval_95": [1500.0, 4400.0]}},
        by_perspective={"nhs": {"interval_95": [-1200.0, 900.0], "p_net_positive": 0.41}},
    )
    data["deterministic"]["by_perspective"] = {
        "nhs": {"label": "NHS only", "savings": 3000.0, "net": -500.0, "ratio": 0.857}
    }
    context = by_payer_context(data)
    rows = {row["payer"]: row for row in context["payer_rows"]}
    assert rows["NHS"]["interval"] == "£1,500 to £4,400"
    assert rows["Social care (local authority)"]["interval"] == ""
    assert context["perspectives"] == [
        {
            "label": "NHS only",
            "net": f"{MINUS}£500",
            "ratio": "0.86",
            "interval": f"{MINUS}£1,200 to £900",
            "chance": "41.0%",
        }
    ]
