"""The one-page commissioner summary: outcomes of the last twelve months, the two trees and
the economic headline, as a commissioner may see them (aggregates only, counts under 5 hidden).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string

from thrive.core.numbers import money
from thrive.economics.core.tables import headline
from thrive.economics.models import SavedScenario, ScenarioRun
from thrive.inquiry.models import Inquiry
from thrive.lib.pdf import html_to_pdf
from thrive.reports import dashboard_figures as dashboard
from thrive.reports import outcome_report
from thrive.reports.study_trees import StudyTrees, study_trees

ECONOMIC_FIGURES = ("net", "ratio", "psa_p_net_positive")
TREE_LABEL_SIZE = 17  # the trees print side by side, at about a third of their drawn size


@dataclass(frozen=True)
class EconomicHeadline:
    """The latest run of a saved scenario, as a few figures; `note` says what it is from."""

    note: str
    figures: list[tuple[str, str]]


@dataclass(frozen=True)
class CommissionerSummary:
    service_name: str
    inquiry: Inquiry
    start: date
    end: date
    outcomes: list[outcome_report.Line]
    trees: StudyTrees
    economics: EconomicHeadline


def economic_headline() -> EconomicHeadline:
    """The headline of the newest run of a saved scenario, or a plain note when there is none."""
    run = ScenarioRun.objects.select_related("scenario").first()
    if run is None:
        saved = SavedScenario.objects.exists()
        return EconomicHeadline(
            "A scenario is saved but has not been run yet, so there is no economic headline."
            if saved
            else "No economic scenario has been saved yet, so there is no economic headline.",
            [],
        )
    currency = run.result["scenario"]["currency"]
    figures = [
        (line.label, shown(line.value, line.kind, currency))
        for line in headline(run.result)
        if line.key in ECONOMIC_FIGURES
    ]
    note = f"From the scenario “{run.scenario.name}”, run on {run.created_at:%-d %B %Y}."
    return EconomicHeadline(note, figures)


def shown(value: float | None, kind: str, currency: str) -> str:
    """An economic figure as the summary prints it."""
    if value is None:
        return "—"
    if kind == "money":
        return money(value, currency)
    if kind == "share":
        return f"{100 * value:.0f}%"
    if kind == "ratio":
        return f"{value:.2f}"
    return f"{value:,.0f}"


def commissioner_summary(inquiry: Inquiry, day: date | None = None) -> CommissionerSummary:
    """Everything on the page, for the twelve months to day (default today)."""
    start, end = dashboard.year_to(day or dashboard.today())
    report = outcome_report.gather(start, end)
    return CommissionerSummary(
        service_name=settings.THRIVE_SERVICE_NAME,
        inquiry=inquiry,
        start=start,
        end=end,
        outcomes=outcome_report.headline_lines(report, hide_small=True),
        trees=study_trees(inquiry, hide_small=True, label_size=TREE_LABEL_SIZE),
        economics=economic_headline(),
    )


def summary_html(summary: CommissionerSummary) -> str:
    return render_to_string("reports/commissioner_summary.html", {"summary": summary})


def summary_pdf(inquiry: Inquiry, day: date | None = None) -> bytes:
    """The summary as a one-page PDF; raises PdfUnavailable when WeasyPrint cannot run."""
    return html_to_pdf(summary_html(commissioner_summary(inquiry, day)))
