"""`thrive economics …`: run a scenario, or build one from the service's plain records."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.perspectives import PERSPECTIVES


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(" ".join(str(exc).split()))


@click.group(
    name="economics", help="Cost a service against the savings it brings, with honest uncertainty."
)
def economics() -> None:
    """Command group for the economic model."""


group = economics


@economics.command("run")
@click.argument("scenario")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option(
    "--iterations",
    type=click.IntRange(min=0),
    default=None,
    help="PSA iterations (0 skips the PSA).",
)
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Random seed for the PSA.")
@click.option(
    "--charts",
    "charts_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write tornado, net-savings CDF and acceptability charts (SVG and PNG) here.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes for the PSA; the numbers are the same for any count.",
)
@click.option(
    "--perspective",
    type=click.Choice(list(PERSPECTIVES)),
    default=None,
    help="Whose savings count in the headline, value of information and thresholds "
    "(default: every payer).",
)
@click.option(
    "--draws",
    "draws_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write one CSV row per iteration: each uncertain input, savings, service_cost, net.",
)
def run(
    scenario: str,
    as_json: bool,
    iterations: int | None,
    seed: int | None,
    charts_dir: Path | None,
    workers: int,
    perspective: str | None,
    draws_file: Path | None,
) -> None:
    """Run SCENARIO (a .toml file, or a shipped name such as `demo`)."""
    from thrive.economics.core.case import economic_report
    from thrive.economics.core.scenario import load_scenario

    kept: list[Any] = []
    try:
        loaded = load_scenario(scenario)
        n = loaded.iterations if iterations is None else iterations
        options = {"seed": seed, "workers": workers, "perspective": perspective, "keep_draws": kept}
        if sys.stdout.isatty() and not as_json and n >= 200_000:
            report = _with_progress(loaded, n, options)
        else:
            report = economic_report(loaded, iterations=n, **options)
    except ScenarioError as exc:
        raise _fail(exc) from None
    if charts_dir is not None:
        _write_charts(report, charts_dir)
    if draws_file is not None:
        _write_draws(loaded, kept, draws_file)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(_summary(report))


def _with_progress(loaded: Any, n: int, options: dict[str, Any]) -> dict[str, Any]:
    from rich.progress import Progress

    from thrive.economics.core.case import economic_report

    with Progress(transient=True) as bar:
        task = bar.add_task("PSA iterations", total=n)
        return economic_report(
            loaded, iterations=n, progress=lambda k: bar.advance(task, k), **options
        )


def _write_draws(loaded: Any, kept: list[Any], path: Path) -> None:
    from thrive.economics.core.psa import draws_rows

    if not kept:
        raise _fail(
            ScenarioError("--draws", "there are no draws to write: run 1 or more iterations")
        )
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(draws_rows(loaded, kept[0]))
    except OSError as exc:
        raise _fail(ScenarioError("--draws", f"cannot write {path}: {exc.strerror}")) from None


def _write_charts(report: dict[str, Any], folder: Path) -> None:
    from thrive.economics.core.case_charts import report_charts

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, chart in report_charts(report).items():
            (folder / f"{name}.svg").write_text(chart.svg(), encoding="utf-8")
            (folder / f"{name}.png").write_bytes(chart.png())
    except OSError as exc:
        raise _fail(
            ScenarioError("--charts", f"cannot write charts to {folder}: {exc.strerror}")
        ) from None


def _summary(report: dict[str, Any]) -> str:
    from thrive.core.numbers import shown

    head, det, psa = report["scenario"], report["deterministic"], report["psa"]
    cur = head["currency"]

    def money(x: float) -> str:
        return shown(x, "money", cur)

    lines = [
        f"{head['name']} — {head['people']} people, {head['horizon_years']} year(s), "
        f"prices {head['price_year'] or 'not stated'}, discount {head['discount_rate']:.1%}",
        f"Savings           {money(det['savings']['total'])}",
        f"Service cost      {money(det['service_cost'])}",
        f"Net               {money(det['net'])}",
        "Savings per 1 spent  " + (f"{det['ratio']:.2f}" if det["ratio"] is not None else "n/a"),
        f"Break-even cost   {money(det['break_even_service_cost'])}",
    ]
    lines.append(
        "By payer: "
        + ", ".join(f"{k} {money(v)}" for k, v in det["savings"]["by_payer"].items() if v)
    )
    if psa:
        lo, hi = psa["interval_95"]
        lines.append(
            f"PSA ({psa['iterations']:,} draws): mean net {money(psa['mean_net'])}, "
            f"95% interval {money(lo)} to {money(hi)}, P(net > 0) = {psa['p_net_positive']:.3f}"
        )
    for key, view in PERSPECTIVES.items():
        if report["perspective"] not in (key, "every_payer"):
            continue
        shown_psa = psa["by_perspective"][key] if psa else None
        lo_hi = (
            f", 95% interval {money(shown_psa['interval_95'][0])} to "
            f"{money(shown_psa['interval_95'][1])}"
            if shown_psa
            else ""
        )
        lines.append(f"{view.label}: net {money(det['by_perspective'][key]['net'])}{lo_hi}")
    if report["voi"]:
        lines.append(f"Value of perfect information (EVPI) {money(report['voi']['evpi'])}")
    lines.append(
        f"Scenario sha256 {report['provenance']['scenario_sha256'][:12]}…, "
        f"seed {report['provenance']['seed']}"
    )
    return "\n".join(lines)


@economics.command("threshold")
@click.argument("scenario")
@click.argument("parameter")
@click.option("--perspective", type=click.Choice(list(PERSPECTIVES)), default=None)
@click.option("--low", type=float, default=None, help="Lowest value to search.")
@click.option("--high", type=float, default=None, help="Highest value to search.")
def threshold_command(
    scenario: str, parameter: str, perspective: str | None, low: float | None, high: float | None
) -> None:
    """The value of PARAMETER (a key such as adjustments.attribution) at which net savings are 0."""
    from thrive.economics.core.scenario import load_scenario
    from thrive.economics.core.thresholds import search_range, threshold

    try:
        loaded = load_scenario(scenario)
        if parameter not in loaded.parameters:
            known = ", ".join(loaded.parameters)
            raise ScenarioError(parameter, f"no such input in this scenario; inputs: {known}")
        lo, hi = search_range(loaded, parameter)
        lo, hi = lo if low is None else low, hi if high is None else high
        if lo >= hi:
            raise ScenarioError("--low", "must be below --high")
    except ScenarioError as exc:
        raise _fail(exc) from None
    value = threshold(loaded, parameter, perspective=perspective, within=(lo, hi))
    if value is None:
        click.echo(f"Net savings do not reach 0 for {parameter} from {lo:g} to {hi:g}.")
    else:
        click.echo(f"Net savings reach 0 when {parameter} is {value:.6g}.")


@economics.command("from-service")
@click.option(
    "--records",
    "records_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="JSON file of plain records (see docs/economics.md).",
)
@click.option(
    "--from",
    "start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First day of the period to read from the service's records (YYYY-MM-DD).",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Last day of the period to read from the service's records (YYYY-MM-DD).",
)
@click.option(
    "--service-cost",
    type=click.FloatRange(min=0),
    default=0.0,
    help="With --from/--to: the cost of supporting the cohort over the period (default 0).",
)
@click.option(
    "--people",
    type=click.IntRange(min=1),
    default=None,
    help="With --from/--to: cohort size (default: people with a journey open in the period).",
)
@click.option(
    "--without-medication",
    is_flag=True,
    help="With --from/--to: leave out medication changes (stopping medication can raise the "
    "risk of relapse, which the model does not count).",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the scenario here (default: print it).",
)
def from_service(
    records_file: Path | None,
    start: Any,
    end: Any,
    service_cost: float,
    people: int | None,
    without_medication: bool,
    out_file: Path | None,
) -> None:
    """Build a scenario file from people's reported changes in service use and employment.

    Read them from a JSON file (--records) or from the service's own records for a period
    (--from and --to). Every assumption is written into the file for review.
    """
    if (records_file is None) == (start is None and end is None):
        raise _fail(ScenarioError("from-service", "give either --records or --from and --to"))
    if records_file is None and (start is None or end is None):
        raise _fail(ScenarioError("from-service", "give both --from and --to"))
    try:
        if records_file is not None:
            text = _text_from_json(records_file)
        else:
            if start > end:
                raise ScenarioError("--from", "the period must start on or before --to")
            text = _text_from_service(
                start.date(), end.date(), service_cost, people, not without_medication
            )
        if out_file is None:
            click.echo(text, nl=False)
            return
        out_file.write_text(text, encoding="utf-8")
    except ScenarioError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(ScenarioError("--out", f"cannot write {out_file}: {exc.strerror}")) from None
    click.echo(f"Wrote {out_file}")


def _text_from_json(records_file: Path) -> str:
    from thrive.economics.core.from_records import records_from_json, scenario_toml

    try:
        payload = json.loads(records_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ScenarioError("--records", f"not valid JSON: {exc}") from None
    return scenario_toml(records_from_json(payload))


def _text_from_service(
    start: Any, end: Any, service_cost: float, people: int | None, include_medication: bool
) -> str:
    """Set Django up only now, so `economics run` never pays for it."""
    from thrive.lib.commands import setup_django

    setup_django()
    from thrive.audit.log import record
    from thrive.audit.models import Action
    from thrive.economics.from_service import scenario_text_for_period

    text = scenario_text_for_period(
        start,
        end,
        service_cost_total=service_cost,
        people=people,
        include_medication=include_medication,
    )
    record(
        None,
        Action.VIEW,
        "service_use_records",
        detail=f"economics from-service {start.isoformat()} to {end.isoformat()} (command line)",
    )
    return text
