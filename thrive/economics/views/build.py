"""The scenario builder: a scenario in plain words, no TOML needed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrive.economics.core import builder
from thrive.economics.core.editing import read_toml
from thrive.economics.core.errors import ScenarioError
from thrive.economics.forms import ScenarioBuilder
from thrive.economics.models import SavedScenario
from thrive.economics.views.common import economics_only, scenario_or_404
from thrive.lib.forms import posted


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
    saved = scenario_or_404(pk)
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
    previewing = "preview" in request.POST

    def taken(name: str) -> bool:
        return others.filter(name=name).exists()

    if request.method == "POST" and form.is_valid(name_taken=taken) and not previewing:
        saved = saved or SavedScenario(created_by=request.user)
        saved.name, saved.toml = form.scenario["scenario"]["name"], form.toml
        saved.save()
        messages.success(request, f"Saved the scenario “{saved.name}”.")
        return redirect("economics:scenario", pk=saved.pk)
    context = {"form": form, "saved": saved, "has_errors": bool(form.errors)}
    status = 400 if form.errors and not previewing else 200
    return render(request, "economics/build.html", context, status=status)
