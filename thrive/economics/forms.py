"""Forms of the economics page: every scenario problem is shown with the key it concerns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import tomli_w
from django import forms

from thrive.economics.core import builder
from thrive.economics.core.case_charts import distribution_svg
from thrive.economics.core.editing import (
    ADJUSTMENTS,
    parse_text,
    read_value,
    rewrite_headline,
)
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.glossary import ADJUSTMENT_LABELS
from thrive.economics.core.scenario import DEFAULT_ITERATIONS, shipped_scenarios
from thrive.economics.models import MAX_WEB_ITERATIONS, SavedScenario

TEMPLATES = {
    "seven_participants": "The seven inquiry participants, one year (worked example)",
    "service_year": "The whole service over three years (cautious illustration)",
}
DISTRIBUTION_HINT = (
    'A number, or a distribution such as <code>{ dist = "beta", mean = 0.2, sd = 0.1 }</code>.'
)


def shipped_text(name: str) -> str:
    """The TOML text of a shipped scenario."""
    return shipped_scenarios()[name].read_text(encoding="utf-8")


def scenario_problem(exc: ScenarioError) -> str:
    """One line naming the key and what is wrong with it."""
    return f"{exc.key}: {' '.join(exc.message.split())}"


class ScenarioForm(forms.ModelForm):
    """The scenario's name and its full TOML text."""

    class Meta:
        model = SavedScenario
        fields = ["name", "toml"]
        labels = {"name": "Name on this page", "toml": "Scenario (TOML)"}
        help_texts = {
            "toml": "Every key is explained in docs/economics.md. Unknown keys are refused, "
            "so a typo never changes a result silently.",
        }
        widgets = {"toml": forms.Textarea(attrs={"rows": 24, "spellcheck": "false"})}

    def clean_toml(self) -> str:
        text = self.cleaned_data["toml"]
        try:
            parse_text(text)
        except ScenarioError as exc:
            raise forms.ValidationError(scenario_problem(exc)) from None
        return text


class NewScenarioForm(ScenarioForm):
    """A new scenario: from a shipped template, or TOML written or pasted in."""

    template = forms.ChoiceField(
        label="Start from",
        choices=[("", "The TOML below"), *TEMPLATES.items()],
        required=False,
    )

    class Meta(ScenarioForm.Meta):
        fields = ["name", "template", "toml"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["toml"].required = False
        self.order_fields(["name", "template", "toml"])

    def clean_toml(self) -> str:
        if self.data.get("template") in TEMPLATES:
            return shipped_text(self.data["template"])
        if not self.cleaned_data.get("toml", "").strip():
            raise forms.ValidationError("Choose a template or write the scenario here.")
        return super().clean_toml()


class HeadlineForm(forms.Form):
    """The headline inputs; saving rewrites those tables of the TOML and keeps the rest."""

    people = forms.IntegerField(label="People in the cohort", min_value=1)
    horizon_years = forms.IntegerField(label="Horizon (years)", min_value=1, max_value=100)
    discount_rate = forms.FloatField(
        label="Discount rate a year",
        min_value=0,
        max_value=0.999,
        help_text="A fraction: 0.035 is 3.5%, the Green Book rate.",
    )
    service_cost_total = forms.CharField(
        label="Service cost total",
        required=False,
        help_text="For the whole cohort and horizon. " + DISTRIBUTION_HINT + " Leave blank to "
        "keep the staff lines written in the TOML.",
    )
    deadweight = forms.CharField(
        label=ADJUSTMENT_LABELS["deadweight"],
        required=False,
        help_text="A share from 0 to 1 that would have happened without the service.",
    )
    attribution = forms.CharField(
        label=ADJUSTMENT_LABELS["attribution"],
        required=False,
        help_text="A share from 0 to 1 credited to others.",
    )
    displacement = forms.CharField(
        label=ADJUSTMENT_LABELS["displacement"],
        required=False,
        help_text="A share from 0 to 1 that simply moved elsewhere.",
    )
    drop_off = forms.CharField(
        label=ADJUSTMENT_LABELS["drop_off"],
        required=False,
        help_text="A share from 0 to 1 of the effect lost each year.",
    )
    FIELD_FOR_KEY = {
        "scenario.people": "people",
        "scenario.horizon_years": "horizon_years",
        "scenario.discount_rate": "discount_rate",
        "service_cost": "service_cost_total",
        **{f"adjustments.{name}": name for name in ADJUSTMENTS},
    }

    def __init__(self, *args: Any, toml: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.toml = toml
        self.new_toml = ""
        for name in ("service_cost_total", *ADJUSTMENTS):
            self.fields[name].widget.attrs["spellcheck"] = "false"

    def _value(self, name: str) -> Any:
        text = self.cleaned_data.get(name, "").strip()
        if not text:
            return None
        try:
            return read_value(text)
        except ValueError as exc:
            self.add_error(name, str(exc))
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        values = {name: data.get(name) for name in ("people", "horizon_years", "discount_rate")}
        for name in ("service_cost_total", *ADJUSTMENTS):
            values[name] = self._value(name)
        if self.errors:
            return data
        try:
            self.new_toml = rewrite_headline(self.toml, values)
            parse_text(self.new_toml)
        except ScenarioError as exc:
            self.add_error(self._field_for(exc.key), scenario_problem(exc))
        return data

    def _field_for(self, key: str) -> str | None:
        for prefix, name in self.FIELD_FOR_KEY.items():
            if key == prefix or key.startswith(prefix + "."):
                return name
        return None


class RunForm(forms.Form):
    """Seed and iterations for one run; the seed is always shown so a run can be repeated."""

    seed = forms.IntegerField(label="Seed", min_value=0, max_value=2**63 - 1)
    iterations = forms.IntegerField(
        label="Iterations",
        min_value=0,
        max_value=MAX_WEB_ITERATIONS,
        initial=DEFAULT_ITERATIONS,
        help_text=f"0 skips the uncertainty analysis; at most {MAX_WEB_ITERATIONS:,} here "
        "(use the command line for more). Above 200,000 the run is a background job.",
    )


class FromRecordsForm(forms.Form):
    """A period of the service's records and the figures the records cannot supply."""

    name = forms.CharField(label="Name on this page", max_length=120)
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    service_cost_total = forms.FloatField(
        label="Service cost for these people and this period",
        min_value=0,
        required=False,
        help_text="Records cannot supply it; leave blank to fill it in later in the TOML.",
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if SavedScenario.objects.filter(name=name).exists():
            raise forms.ValidationError("A scenario with this name already exists.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The period should end on or after its first day.")
        return data


class ScenarioBuilder:
    """The scenario builder as a page shows it: plain fields in sections, errors, pictures.

    Conversion and checking live in core/builder.py; this binds them to a request's data.
    """

    def __init__(
        self, data: Mapping[str, str] | None, *, initial: Mapping[str, str] | None = None
    ) -> None:
        self.bound = data is not None
        initial = initial or {}
        self.values = {**builder.blank_form(builder.job_rows(initial)), **initial}
        if data is not None:
            names = builder.field_names(builder.job_rows(data))
            self.values = {name: str(data.get(name, "")) for name in names}
        self.errors: dict[str, str] = {}
        self.scenario: dict[str, Any] = {}

    def is_valid(self, *, name_taken: Callable[[str], bool] = lambda name: False) -> bool:
        """Whether the form gives a scenario the model accepts under a name not yet taken."""
        if not self.bound:
            return False
        try:
            self.scenario = builder.checked(self.values)
        except builder.BuildProblems as problems:
            self.errors = problems.problems
        if name_taken(self.values["name"].strip()):
            self.errors.setdefault("name", "A scenario with this name already exists.")
        return not self.errors

    @property
    def toml(self) -> str:
        """The checked scenario as TOML text."""
        return tomli_w.dumps(self.scenario)

    def sections(self) -> list[dict[str, Any]]:
        """Each section with its fields' values, errors and, for ranges, a picture."""
        currency = self.values.get("currency") or "GBP"
        return [
            {
                "title": section.title,
                "hint": section.hint,
                "slug": f"section-{n}",
                "fields": [self._field(f, currency) for f in section.fields],
            }
            for n, section in enumerate(self._sections())
        ]

    def _sections(self) -> tuple[builder.Section, ...]:
        rows, kept = builder.job_rows(self.values), builder.kept_resources(self.values)
        return builder.sections(rows, kept)

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the error summary, in the page's order."""
        labels = {f.name: f.label for s in self._sections() for f in s.fields}
        return [(f"b-{name}", labels.get(name, name), msg) for name, msg in self.errors.items()]

    def _field(self, field: builder.Field, currency: str) -> dict[str, Any]:
        out = {
            "name": field.name,
            "id": f"b-{field.name}",
            "label": field.label,
            "help": field.help,
            "kind": field.kind,
            "value": self.values.get(field.name, ""),
            "choices": field.choices,
            "error": self.errors.get(field.name, ""),
        }
        if field.kind == "quantity":
            shape = self.values.get(f"{field.name}_shape") or "fixed"
            out["shapes"] = [(k, v, k == shape) for k, v in builder.SHAPES.items()]
            out["parts"] = [
                (part, label, self.values.get(f"{field.name}_{part}", ""))
                for part, label in builder.PART_LABELS.items()
            ]
            value = builder.quantity_value(self.values, field.name)
            money_field = field.name == "cost" or field.name.endswith("pay")
            out["picture"] = (
                None
                if value is None or field.name in self.errors
                else distribution_svg(value, field.label, currency if money_field else None)
            )
        return out
