"""The economics page: build, run, compare and export scenarios (aggregates only)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.economics.core import builder
from thrive.economics.core import tables as exports
from thrive.economics.core.case_charts import chart_png, compare_svg
from thrive.economics.core.editing import headline_values, read_toml
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.presentation import (
    by_payer_context,
    compare_rows,
    effect_resources,
    headline_sentence,
    limitations,
    plain_report,
    report_context,
)
from thrive.economics.forms import (
    FromRecordsForm,
    HeadlineForm,
    NewScenarioForm,
    RunForm,
    ScenarioBuilder,
    ScenarioForm,
    scenario_problem,
)
from thrive.economics.jobs import runs_as_job, start_run
from thrive.economics.models import SavedScenario, ScenarioRun
from thrive.lib.downloads import TABLE_FORMATS, download, table_response
from thrive.lib.forms import posted
from thrive.lib.pdf import PdfUnavailable, html_to_pdf

economics_only = requires(Capability.RUN_ECONOMICS)


def _scenario(pk: int) -> SavedScenario:
    """Scenarios are shared by everyone who may run economics; 404 for an unknown one."""
    return get_object_or_404(SavedScenario, pk=pk)


def _run(pk: int) -> ScenarioRun:
    return get_object_or_404(ScenarioRun.objects.select_related("scenario"), pk=pk)


def _report(result: ScenarioRun) -> dict:
    """The run's result with every input named in plain words."""
    return plain_report(result.result, effect_resources(result.toml))


@economics_only
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Saved scenarios, recent runs to compare, and the two ways to start a new one."""
    return render(
        request,
        "economics/index.html",
        {
            "scenarios": SavedScenario.objects.prefetch_related("runs"),
            "runs": ScenarioRun.objects.select_related("scenario")[:30],
            "new_form": NewScenarioForm(initial={"template": "seven_participants"}),
            "records_form": FromRecordsForm(auto_id="records_%s"),
        },
    )


@economics_only
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """A new scenario from a shipped template or from TOML written in the form."""
    form = NewScenarioForm(posted(request), initial={"template": "seven_participants"})
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.created_by = request.user
        saved.save()
        messages.success(request, f"Saved the scenario “{saved.name}”.")
        return redirect("economics:scenario", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "economics/new.html", {"form": form}, status=status)


@economics_only
@require_http_methods(["GET", "POST"])
def from_records(request: HttpRequest) -> HttpResponse:
    """A new scenario built from the service's records of a period, for review."""
    from thrive.economics.from_service import TooFewPeople, scenario_text_for_period

    form = FromRecordsForm(posted(request), auto_id="records_%s")
    if request.method == "POST" and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        try:
            text = scenario_text_for_period(
                start,
                end,
                service_cost_total=form.cleaned_data["service_cost_total"] or 0.0,
                name=form.cleaned_data["name"],
                # Saved scenarios are shared with everyone who may run economics,
                # commissioners included: only figures about 5 or more people.
                aggregates_only=True,
            )
        except TooFewPeople as refusal:
            form.add_error(None, str(refusal))
            return render(request, "economics/from_records.html", {"form": form}, status=400)
        record(
            request,
            Action.VIEW,
            "service_use_records",
            detail=f"economics scenario from records {start.isoformat()} to {end.isoformat()}",
        )
        saved = SavedScenario.objects.create(
            name=form.cleaned_data["name"], toml=text, created_by=request.user
        )
        messages.success(
            request, "Built the scenario from the records. Review every assumption before a run."
        )
        return redirect("economics:scenario", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "economics/from_records.html", {"form": form}, status=status)


def _scenario_page(
    request: HttpRequest,
    saved: SavedScenario,
    *,
    edit_form: ScenarioForm | None = None,
    headline_form: HeadlineForm | None = None,
    run_form: RunForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    try:
        initial = headline_values(saved.toml)
        seed = saved.parsed().seed
    except ScenarioError as exc:
        initial, seed = {}, 0
        problem = problem or scenario_problem(exc)
    forms = {
        "edit_form": edit_form or ScenarioForm(instance=saved),
        "headline_form": headline_form or HeadlineForm(initial=initial, toml=saved.toml),
        "run_form": run_form or RunForm(initial={"seed": seed}),
    }
    has_errors = bool(problem) or any(f.errors for f in forms.values())
    context = {
        "saved": saved,
        "runs": saved.runs.all()[:20],
        "problem": problem,
        "has_errors": has_errors,
        **forms,
    }
    return render(request, "economics/scenario.html", context, status=status)


@economics_only
@require_http_methods(["GET", "POST"])
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """One scenario: its TOML to edit, the headline inputs, the run form and earlier runs."""
    saved = _scenario(pk)
    if request.method == "GET":
        return _scenario_page(request, saved)
    form = ScenarioForm(request.POST, instance=saved)
    if not form.is_valid():
        return _scenario_page(request, _scenario(pk), edit_form=form, status=400)
    form.save()
    messages.success(request, "Saved the scenario.")
    return redirect("economics:scenario", pk=saved.pk)


@economics_only
@require_POST
def headline(request: HttpRequest, pk: int) -> HttpResponse:
    """Rewrite the headline inputs of the TOML from the simple form."""
    saved = _scenario(pk)
    form = HeadlineForm(request.POST, toml=saved.toml)
    if not form.is_valid():
        return _scenario_page(request, saved, headline_form=form, status=400)
    saved.toml = form.new_toml
    saved.save(update_fields=["toml", "updated_at"])
    messages.success(request, "Updated the headline inputs in the TOML.")
    return redirect("economics:scenario", pk=saved.pk)


@economics_only
@require_POST
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the scenario and show the result; long runs go to a job and its progress page."""
    saved = _scenario(pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        return _scenario_page(request, saved, run_form=form, status=400)
    try:
        if runs_as_job(form.cleaned_data["iterations"]):
            return redirect(start_run(saved, user=request.user, **form.cleaned_data))
        result = saved.run(user=request.user, **form.cleaned_data)
    except ScenarioError as exc:
        return _scenario_page(
            request, saved, run_form=form, problem=scenario_problem(exc), status=400
        )
    return redirect("economics:run", pk=result.pk)


@economics_only
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every figure of one run, its charts with table alternatives, assumptions and provenance."""
    return render(request, "economics/run.html", _report_context(_run(pk)))


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


@economics_only
@require_http_methods(["GET", "POST"])
def build(request: HttpRequest) -> HttpResponse:
    """A new scenario from the builder's plain form, no TOML needed."""
    form = ScenarioBuilder(posted(request), initial=builder.starting_form())
    return _built(request, form, None)


@economics_only
@require_http_methods(["GET", "POST"])
def build_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved scenario in the builder's plain form; one the form cannot show says so."""
    saved = _scenario(pk)
    try:
        initial = builder.data_to_form(read_toml(saved.toml))
    except (builder.NotBuildable, ScenarioError) as reason:
        context = {"saved": saved, "not_buildable": str(reason)}
        return render(request, "economics/build.html", context)
    return _built(request, ScenarioBuilder(posted(request), initial=initial), saved)


def _built(
    request: HttpRequest, form: ScenarioBuilder, saved: SavedScenario | None
) -> HttpResponse:
    """Save a valid form (unless only previewing its pictures), else show it with its errors."""
    others = SavedScenario.objects.exclude(pk=saved.pk if saved else None)
    taken = set(others.values_list("name", flat=True))
    previewing = "preview" in request.POST
    if request.method == "POST" and form.is_valid(taken=taken) and not previewing:
        saved = saved or SavedScenario(created_by=request.user)
        saved.name, saved.toml = form.scenario["scenario"]["name"], form.toml
        saved.save()
        messages.success(request, f"Saved the scenario “{saved.name}”.")
        return redirect("economics:scenario", pk=saved.pk)
    context = {"form": form, "saved": saved, "has_errors": bool(form.errors)}
    return render(request, "economics/build.html", context, status=400 if form.errors else 200)


def _report_context(result: ScenarioRun) -> dict:
    report = _report(result)
    return {
        "run": result,
        **report_context(report),
        **by_payer_context(report),
        "sentence": headline_sentence(report),
        "limits": limitations(report, result.toml),
    }


@economics_only
@require_GET
def run_by_payer(request: HttpRequest, pk: int) -> HttpResponse:
    """Who saves what: the run's savings for each payer, with a chart and a table."""
    result = _run(pk)
    return render(request, "economics/by_payer.html", _report_context(result))


@economics_only
@require_GET
def run_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The run as a report to print: the answer in a sentence, figures, charts, assumptions."""
    result = _run(pk)
    return render(request, "economics/report.html", _report_context(result))


@economics_only
@require_GET
def run_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The run report as a PDF to send."""
    result = _run(pk)
    context = {**_report_context(result), "pdf": True}
    html = render_to_string("economics/report.html", context, request=request)
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), content_type="text/plain; charset=utf-8", status=503)
    return download(pdf, f"run-{result.pk}-report", "pdf")


@economics_only
@require_GET
def scenario_toml(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved scenario as a TOML file."""
    saved = _scenario(pk)
    return _download(saved.toml, "application/toml", f"scenario-{saved.pk}.toml")


@economics_only
@require_GET
def run_toml(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario exactly as this run read it."""
    result = _run(pk)
    return _download(result.toml, "application/toml", f"run-{result.pk}-scenario.toml")


@economics_only
@require_GET
def run_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The full result of a run, as the command line's --json gives it."""
    result = _run(pk)
    text = json.dumps(result.result, indent=2, ensure_ascii=False)
    return _download(text, "application/json", f"run-{result.pk}.json")


@economics_only
@require_GET
def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The headline table of a run as CSV."""
    result = _run(pk)
    return _download(exports.headline_csv(_report(result)), "text/csv", f"run-{result.pk}.csv")


@economics_only
@require_GET
def run_chart(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """One chart of a run as an SVG file."""
    result = _run(pk)
    return _download(_chart(result, chart), "image/svg+xml", f"run-{result.pk}-{chart}.svg")


@economics_only
@require_GET
def run_chart_png(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """One chart of a run as a PNG picture, for documents that take no SVG."""
    result = _run(pk)
    picture = chart_png(_report(result), chart)
    if picture is None:
        raise Http404("No such chart for this run.")
    response = HttpResponse(picture, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="run-{result.pk}-{chart}.png"'
    return response


def _chart(result, chart: str) -> str:
    svg = exports.described_charts(_report(result)).get(chart)
    if svg is None:
        raise Http404("No such chart for this run.")
    return svg


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
