"""Saved scenarios and their runs: the economics page keeps aggregates only, never people."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from thrive.economics.core.case import economic_report
from thrive.economics.core.editing import parse_text
from thrive.economics.core.scenario import Scenario

MAX_WEB_ITERATIONS = 2_000_000  # runs above 200,000 go to a background job


class SavedScenario(models.Model):
    """A scenario kept as the TOML text people edit, review and run."""

    name = models.CharField(max_length=120, unique=True)
    toml = models.TextField("Scenario (TOML)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def parsed(self) -> Scenario:
        """The checked scenario; raises ScenarioError naming the key when it cannot be used."""
        return parse_text(self.toml, source=self.name)

    def run(self, *, seed: int, iterations: int, user=None, progress=None) -> ScenarioRun:
        """Run the model on the current text and keep the full result."""
        scenario = self.parsed()
        result = economic_report(scenario, iterations=iterations, seed=seed, progress=progress)
        return ScenarioRun.objects.create(
            scenario=self,
            seed=seed,
            iterations=iterations,
            result=result,
            toml=self.toml,
            scenario_sha256=scenario.sha256,
            created_by=user,
        )


class ScenarioRun(models.Model):
    """One run of a saved scenario with its seed and iteration count, result as JSON."""

    scenario = models.ForeignKey(SavedScenario, on_delete=models.CASCADE, related_name="runs")
    seed = models.PositiveBigIntegerField()
    iterations = models.PositiveIntegerField()
    result = models.JSONField()
    toml = models.TextField("Scenario as run (TOML)")
    scenario_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iterations__lte=MAX_WEB_ITERATIONS),
                name="economics_run_iterations_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario.name}, seed {self.seed}, {self.iterations:,} iterations"

    @property
    def label(self) -> str:
        """Short name for comparisons: scenario, seed and when."""
        return f"{self.scenario.name} (run {self.pk}, seed {self.seed})"

    @property
    def figures(self) -> dict[str, Any]:
        """The deterministic figures of the result."""
        return self.result["deterministic"]
