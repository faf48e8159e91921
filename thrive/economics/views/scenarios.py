"""Saved scenarios: the list, new ones from a template or the records, the TOML, a run."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.economics.core.editing import headline_values
from thrive.economics.core.errors import ScenarioError
from thrive.economics.forms import (
    FromRecordsForm,
    HeadlineForm,
    NewScenarioForm,
    RunForm,
    ScenarioForm,
    scenario_problem,
)
from thrive.economics.jobs import runs_as_job, start_run
from thrive.economics.models import SavedScenario, ScenarioRun
from thrive.economics.views.common import economics_only, scenario_or_404, text_download
from thrive.lib.forms import posted


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
    warnings = []
    try:
        initial = headline_values(saved.toml)
        parsed = saved.parsed()
        seed = parsed.seed
        warnings = [w for w in (parsed.counterfactual_warning,) if w]
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
        "warnings": warnings,
        "has_errors": has_errors,
        **forms,
    }
    return render(request, "economics/scenario.html", context, status=status)


@economics_only
@require_http_methods(["GET", "POST"])
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """One scenario: its TOML to edit, the headline inputs, the run form and earlier runs."""
    saved = scenario_or_404(pk)
    if request.method == "GET":
        return _scenario_page(request, saved)
    form = ScenarioForm(request.POST, instance=saved)
    if not form.is_valid():
        return _scenario_page(request, scenario_or_404(pk), edit_form=form, status=400)
    form.save()
    messages.success(request, "Saved the scenario.")
    return redirect("economics:scenario", pk=saved.pk)


@economics_only
@require_POST
def headline(request: HttpRequest, pk: int) -> HttpResponse:
    """Rewrite the headline inputs of the TOML from the simple form."""
    saved = scenario_or_404(pk)
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
    saved = scenario_or_404(pk)
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
def scenario_toml(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved scenario as a TOML file."""
    saved = scenario_or_404(pk)
    return text_download(saved.toml, "application/toml", f"scenario-{saved.pk}.toml")
