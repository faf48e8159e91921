"""Shared by the economics views: the capability check and the one way to reach a record."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.economics.core.presentation import effect_resources, plain_report
from thrive.economics.models import SavedScenario, ScenarioRun

economics_only = requires(Capability.RUN_ECONOMICS)


def scenario_or_404(pk: int) -> SavedScenario:
    """Scenarios are shared by everyone who may run economics; 404 for an unknown one."""
    return get_object_or_404(SavedScenario, pk=pk)


def run_or_404(pk: int) -> ScenarioRun:
    """Runs are shared like their scenarios; 404 for an unknown one."""
    return get_object_or_404(ScenarioRun.objects.select_related("scenario"), pk=pk)


def plain_run_report(result: ScenarioRun) -> dict:
    """The run's result with every input named in plain words."""
    return plain_report(result.result, effect_resources(result.toml))


def text_download(text: str, content_type: str, filename: str) -> HttpResponse:
    """A text file to download, in UTF-8."""
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
