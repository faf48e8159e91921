"""Two or more runs side by side, with a chart and the table to take away."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thrive.economics.core.case_charts import compare_svg
from thrive.economics.core.presentation import compare_rows
from thrive.economics.models import ScenarioRun
from thrive.economics.views.common import economics_only
from thrive.lib.downloads import TABLE_FORMATS, table_response


def _chosen_runs(request: HttpRequest) -> list[ScenarioRun]:
    ids = [int(v) for v in request.GET.getlist("run") if v.isdigit()]
    runs = list(ScenarioRun.objects.select_related("scenario").filter(pk__in=ids))
    runs.sort(key=lambda r: ids.index(r.pk))
    return runs


def _nothing_to_compare(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "economics/compare.html",
        {"problem": "Choose two or more runs to compare.", "has_errors": True},
        status=400,
    )


@economics_only
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Two or more runs side by side (?run=1&run=2…), with a chart and the table to take away."""
    runs = _chosen_runs(request)
    if len(runs) < 2:
        return _nothing_to_compare(request)
    reports = [r.result for r in runs]
    context = {
        "runs": runs,
        "rows": compare_rows(reports),
        "chart": compare_svg(reports, [r.label for r in runs]),
        "query": request.GET.urlencode(),
    }
    return render(request, "economics/compare.html", context)


@economics_only
@require_GET
def compare_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The comparison table as CSV or XLSX."""
    if fmt not in TABLE_FORMATS:
        raise Http404("No such format.")
    runs = _chosen_runs(request)
    if len(runs) < 2:
        return _nothing_to_compare(request)
    rows = compare_rows([r.result for r in runs], formatted=False)
    headers = ["Figure", *(r.label for r in runs)]
    return table_response(fmt, "compare-runs", headers, [[label, *cells] for label, cells in rows])
