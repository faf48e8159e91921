"""The study report: every part of an inquiry's report gathered in the study's order.

Parts come from their owners (case summaries, the framework table, the trees, the appendix
tables); this module puts them in order, adds the charts, what was learnt and the
limitations, and renders the whole as HTML or PDF. Quotes pass through
thrive/inquiry/quotable.py only: a participant who has not approved their record is named,
never quoted.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from thrive.core.charts import bar_chart
from thrive.inquiry.case_summaries import SummarySection, report_sections
from thrive.inquiry.member_checks import MemberCheckResponse, ResponseKind, ResponseState
from thrive.inquiry.models import Inquiry, MemberCheck
from thrive.inquiry.quotable import Quote, may_quote, quotable_codings, quote_of
from thrive.inquiry.themes import overview
from thrive.lib.pdf import STATIC, html_to_pdf
from thrive.reports.appendix import (
    NOT_GIVEN,
    NOTHING,
    WAITING,
    Table,
    appendix_tables,
    taking_part,
)
from thrive.reports.core.limitations import RecordChecks, limitations
from thrive.reports.core.quote_choice import choose_quotes
from thrive.reports.framework_table import FrameworkTable, framework_table
from thrive.reports.models import ReportText
from thrive.reports.study_trees import StudyTrees, study_trees

STYLESHEET = "thrive/study-report-print.css"
QUOTES_PER_THEME = 2
REVIEWED = (
    MemberCheck.OPENED,
    MemberCheck.COMMENTED,
    MemberCheck.CHANGES_REQUESTED,
    MemberCheck.AMENDED,
    MemberCheck.APPROVED,
)
CONTENTS = (
    ("participants", "The participants"),
    ("impacts", "Impacts and outcomes"),
    ("learnt", "What was learnt"),
    ("framework", "The framework"),
    ("trees", "The trees of change"),
    ("conclusions", "Conclusions and recommendations"),
    ("limitations", "Limitations"),
    ("acknowledgements", "Acknowledgements"),
    ("appendix", "Appendix tables"),
)
Progress = Callable[[int, int, str], None]


@dataclass
class ParticipantPart:
    """One participant's section: their case summary, or why it waits."""

    label: str
    approved: bool
    sections: list[SummarySection] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"participant-{self.label}"


@dataclass
class LearntTheme:
    name: str
    participants: int
    quotes: list[Quote]


@dataclass
class KeyThemePart:
    name: str
    description: str
    themes: list[LearntTheme]


@dataclass
class Chart:
    title: str
    svg: str
    rows: list[tuple[str, int]]


@dataclass
class StudyReport:
    inquiry: Inquiry
    made_on: date
    participants: list[ParticipantPart]
    charts: list[Chart]
    learnt: list[KeyThemePart]
    framework: FrameworkTable
    trees: StudyTrees
    text: ReportText
    limitations: list[str]
    appendix: list[Table]
    contents: tuple[tuple[str, str], ...] = CONTENTS


def participant_parts(inquiry: Inquiry) -> list[ParticipantPart]:
    """Every participant taking part, P2 before P10; only approved ones carry their summary."""
    return [
        ParticipantPart(p.label, True, report_sections(p))
        if may_quote(p)
        else ParticipantPart(p.label, False)
        for p in taking_part(inquiry)
    ]


def learnt_parts(inquiry: Inquiry) -> list[KeyThemePart]:
    """Key themes with their themes, each with one or two approved quotes from its codes."""
    themed = overview(inquiry).key_themes
    code_ids = {pk for node in themed for child in node.themes for pk in child.code_ids}
    by_code: dict[int, list[Quote]] = {}
    codings = quotable_codings(inquiry).filter(code_id__in=code_ids)
    for coding in codings.select_related("code", "transcript__participant").order_by("id"):
        by_code.setdefault(coding.code_id, []).append(quote_of(coding))
    parts = []
    for node in themed:
        themes = [
            LearntTheme(
                child.theme.name,
                len(child.participants),
                choose_quotes(
                    [q for pk in child.code_ids for q in by_code.get(pk, [])], QUOTES_PER_THEME
                ),
            )
            for child in node.themes
        ]
        parts.append(KeyThemePart(node.theme.name, node.theme.description, themes))
    return parts


def record_checks(inquiry: Inquiry) -> RecordChecks:
    """The member-check counts the limitations state."""
    people = taking_part(inquiry)
    states = [p.member_check for p in people]
    amended = (
        MemberCheckResponse.objects.filter(
            participant__in=people,
            kind__in=(ResponseKind.REWORD, ResponseKind.REMOVE),
            state=ResponseState.ACCEPTED,
        )
        .values("participant")
        .distinct()
        .count()
    )
    return RecordChecks(
        participants=len(states),
        reviewed=sum(state in REVIEWED for state in states),
        amended=amended,
        approved=states.count(MemberCheck.APPROVED),
        not_replied=sum(state in (MemberCheck.SENT, MemberCheck.OPENED) for state in states),
        not_asked=states.count(MemberCheck.NOT_STARTED),
    )


def column_counts(table: Table) -> list[tuple[str, int]]:
    """How many participants have something in each column of an appendix table."""
    empty = {"", NOTHING, NOT_GIVEN, WAITING}
    return [
        (column, sum(row[i].strip() not in empty for row in table.rows))
        for i, column in enumerate(table.columns)
        if i
    ]


def charts(appendix: list[Table]) -> list[Chart]:
    """Bar charts of the vocational outcomes and the four impact columns, by participants."""
    found = []
    for table in appendix[1:3]:
        rows = column_counts(table)
        title = f"{table.title}: participants with each"
        chart = bar_chart(
            [name for name, _ in rows],
            [count for _, count in rows],
            title=title,
            value_label="Participants",
        )
        found.append(Chart(title, chart.svg(), rows))
    return found


def gather(inquiry: Inquiry, progress: Progress | None = None) -> StudyReport:
    """Every part of the report, in order; progress(done, total, what) after each part."""
    steps = 6
    say = progress or (lambda done, total, what: None)
    say(0, steps, "Gathering the case summaries")
    participants = participant_parts(inquiry)
    say(1, steps, "Gathering the appendix tables")
    appendix = appendix_tables(inquiry)
    say(2, steps, "Drawing the charts")
    drawn = charts(appendix)
    say(3, steps, "Gathering what was learnt and the framework")
    learnt, framework = learnt_parts(inquiry), framework_table(inquiry)
    say(4, steps, "Drawing the trees")
    trees = study_trees(inquiry)
    say(5, steps, "Stating the limitations")
    return StudyReport(
        inquiry=inquiry,
        made_on=timezone.localdate(),
        participants=participants,
        charts=drawn,
        learnt=learnt,
        framework=framework,
        trees=trees,
        text=ReportText.of(inquiry),
        limitations=limitations(record_checks(inquiry)),
        appendix=appendix,
    )


def stylesheet_uri() -> str:
    """The report's stylesheet as a data: URI, so the HTML file stands alone."""
    css = (STATIC / STYLESHEET).read_bytes()
    return "data:text/css;base64," + base64.b64encode(css).decode("ascii")


def as_html(report: StudyReport, *, standalone: bool = True) -> str:
    """The report as one HTML page; standalone carries its stylesheet inside the file."""
    return render_to_string(
        "reports/study_report.html",
        {"report": report, "stylesheet": stylesheet_uri() if standalone else STYLESHEET},
    )


def as_pdf(report: StudyReport) -> bytes:
    """The report as a PDF (WeasyPrint); raises PdfUnavailable with what to install.

    WeasyPrint's warnings about the charts' SVG styling (drawn right all the same) are kept
    off the terminal, so a command's --json output stays one line."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return html_to_pdf(as_html(report, standalone=False))
    finally:
        logger.setLevel(level)


def file_name(inquiry: Inquiry, fmt: str) -> str:
    return f"study-report-{inquiry.pk}.{fmt}"
