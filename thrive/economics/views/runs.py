"""One run: its page, who saves what, the report to print or send, and its downloads."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from thrive.economics.core import tables as exports
from thrive.economics.core.case_charts import chart_png
from thrive.economics.core.presentation import (
    by_payer_context,
    headline_sentence,
    limitations,
    report_context,
)
from thrive.economics.models import ScenarioRun
from thrive.economics.views.common import (
    economics_only,
    plain_run_report,
    run_or_404,
    text_download,
)
from thrive.lib.downloads import download
from thrive.lib.pdf import PdfUnavailable, html_to_pdf


@economics_only
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every figure of one run, its charts with table alternatives, assumptions and provenance."""
    return render(request, "economics/run.html", _report_context(run_or_404(pk)))


def _report_context(result: ScenarioRun) -> dict:
    report = plain_run_report(result)
    return {
        "run": result,
        **report_context(report),
        **by_payer_context(report),
        "sentence": headline_sentence(report),
        "limits": limitations(report, result.toml),
        "warnings": result.result.get("warnings", []),
    }


@economics_only
@require_GET
def run_by_payer(request: HttpRequest, pk: int) -> HttpResponse:
    """Who saves what: the run's savings for each payer, with a chart and a table."""
    result = run_or_404(pk)
    return render(request, "economics/by_payer.html", _report_context(result))


@economics_only
@require_GET
def run_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The run as a report to print: the answer in a sentence, figures, charts, assumptions."""
    result = run_or_404(pk)
    return render(request, "economics/report.html", _report_context(result))


@economics_only
@require_GET
def run_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The run report as a PDF to send."""
    result = run_or_404(pk)
    context = {**_report_context(result), "pdf": True}
    html = render_to_string("economics/report.html", context, request=request)
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), content_type="text/plain; charset=utf-8", status=503)
    return download(pdf, f"run-{result.pk}-report", "pdf")


@economics_only
@require_GET
def run_toml(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario exactly as this run read it."""
    result = run_or_404(pk)
    return text_download(result.toml, "application/toml", f"run-{result.pk}-scenario.toml")


@economics_only
@require_GET
def run_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The full result of a run, as the command line's --json gives it."""
    result = run_or_404(pk)
    text = json.dumps(result.result, indent=2, ensure_ascii=False)
    return text_download(text, "application/json", f"run-{result.pk}.json")


@economics_only
@require_GET
def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The headline table of a run as CSV."""
    result = run_or_404(pk)
    return text_download(
        exports.headline_csv(plain_run_report(result)), "text/csv", f"run-{result.pk}.csv"
    )


@economics_only
@require_GET
def run_chart(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """One chart of a run as an SVG file."""
    result = run_or_404(pk)
    return text_download(_chart(result, chart), "image/svg+xml", f"run-{result.pk}-{chart}.svg")


@economics_only
@require_GET
def run_chart_png(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """One chart of a run as a PNG picture, for documents that take no SVG."""
    result = run_or_404(pk)
    picture = chart_png(plain_run_report(result), chart)
    if picture is None:
        raise Http404("No such chart for this run.")
    response = HttpResponse(picture, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="run-{result.pk}-{chart}.png"'
    return response


def _chart(result, chart: str) -> str:
    svg = exports.described_charts(plain_run_report(result)).get(chart)
    if svg is None:
        raise Http404("No such chart for this run.")
    return svg
