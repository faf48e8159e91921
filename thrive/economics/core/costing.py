"""The cost model: savings by resource and payer, service cost and net, vectorised over draws."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from thrive.economics.core.employment import (
    WEEKS_PER_MONTH,
    gross_from_net,
    income_tax,
    months_in_work,
    months_in_work_from,
    national_insurance,
    net_pay,
    universal_credit_award,
)
from thrive.economics.core.scenario import Employment, Scenario

Values = Mapping[str, float | np.ndarray]
EMPLOYMENT_PARTS = ("employment.benefits", "employment.income_tax", "employment.national_insurance")


@dataclass(frozen=True)
class Costing:
    """One evaluation of the model; each field is a number or an array over draws."""

    savings_by_resource: dict[str, float | np.ndarray]
    payer_of: dict[str, str]
    service_cost: float | np.ndarray
    person_income_gain: float | np.ndarray

    @property
    def savings(self) -> float | np.ndarray:
        """Total savings over all resources and payers."""
        return sum(self.savings_by_resource.values(), start=0.0)

    @property
    def net(self) -> float | np.ndarray:
        """Savings minus service cost."""
        return self.savings - self.service_cost

    def savings_by_payer(self) -> dict[str, float | np.ndarray]:
        """Savings grouped by who would have paid."""
        out: dict[str, float | np.ndarray] = {}
        for name, value in self.savings_by_resource.items():
            payer = self.payer_of[name]
            out[payer] = out.get(payer, 0.0) + value
        return out


def year_weights(scenario: Scenario, discount_rate: float) -> np.ndarray:
    """Discount factor for each year of the horizon; the first year is not discounted."""
    return 1.0 / (1.0 + discount_rate) ** np.arange(scenario.horizon_years)


def effect_time_factor(
    scenario: Scenario, drop_off: float | np.ndarray, discount_rate: float
) -> float | np.ndarray:
    """Share of a per-person change that counts, spread evenly over years, fading and discounted."""
    weights = year_weights(scenario, discount_rate)
    if scenario.horizon_years == 1:
        return 1.0
    keep = 1.0 - np.asarray(drop_off)
    total = 0.0
    for year, weight in enumerate(weights):
        total = total + weight * keep**year
    return total / scenario.horizon_years


def service_cost(scenario: Scenario, values: Values, discount_rate: float) -> float | np.ndarray:
    """Service cost over the horizon: the given total, or yearly staff lines, discounted."""
    cost = scenario.service_cost
    if cost.total is not None:
        return values[cost.total]
    return cost.annual_staff_cost * float(year_weights(scenario, discount_rate).sum())


def adjustment_factor(scenario: Scenario, values: Values) -> float | np.ndarray:
    """Share of a gain left after deadweight, attribution and displacement."""
    adj = scenario.adjustments
    return (
        (1.0 - values[adj.deadweight])
        * (1.0 - values[adj.attribution])
        * (1.0 - values[adj.displacement])
    )


def costing(scenario: Scenario, values: Values, *, discounted: bool = True) -> Costing:
    """Evaluate the model for one set of inputs (numbers) or many (arrays of equal length)."""
    rate = scenario.discount_rate if discounted else 0.0
    keep = adjustment_factor(scenario, values)
    time = effect_time_factor(scenario, values[scenario.adjustments.drop_off], rate)
    scale = keep * time
    by_resource: dict[str, float | np.ndarray] = {}
    payer_of: dict[str, str] = {}
    for effect in scenario.effects:
        change = values[effect.per_person]
        if effect.counterfactual:
            change = change - values[effect.counterfactual]
        unit = values[scenario.unit_costs[effect.resource].key]
        saved = (-effect.people * scale) * change * unit
        label = (
            effect.resource
            if effect.payer == scenario.unit_costs[effect.resource].payer
            else f"{effect.resource} ({effect.payer})"
        )
        by_resource[label] = by_resource.get(label, 0.0) + saved
        payer_of[label] = effect.payer
    income_gain: float | np.ndarray = 0.0
    if scenario.employment is not None:
        parts, income_gain = employment_gains(scenario, values, rate, keep)
        for name, value in parts.items():
            by_resource[name] = value
            payer_of[name] = "exchequer"
    return Costing(by_resource, payer_of, service_cost(scenario, values, rate), income_gain)


def employment_gains(
    scenario: Scenario, values: Values, rate: float, keep: float | np.ndarray
) -> tuple[dict[str, float | np.ndarray], float | np.ndarray]:
    """Exchequer gains (benefit no longer paid, income tax, NI) and the people's own income gain."""
    job = scenario.employment
    assert job is not None
    if job.jobs:
        return _gains_job_by_job(scenario, values, rate, keep)
    net_month, tax_month, ni_month = _monthly_pay(values[job.earnings], job.earnings_basis, job)
    if job.benefit == "universal_credit":
        uc = job.universal_credit
        benefit_month = uc.maximum_award - universal_credit_award(net_month, uc)
    else:
        benefit_month = _benefit_left(job, values, np.zeros_like(net_month))
    workers = values[job.people]
    if job.counterfactual_people:
        workers = workers - values[job.counterfactual_people]
    months = months_in_work(values[job.monthly_drop_off], scenario.horizon_years, rate)
    person_months = keep * workers * months
    parts = {
        "employment.benefits": person_months * benefit_month,
        "employment.income_tax": person_months * tax_month,
        "employment.national_insurance": person_months * ni_month,
    }
    income_gain = person_months * (net_month - benefit_month)
    return parts, income_gain


def _monthly_pay(earnings: float | np.ndarray, basis: str, job: Employment) -> tuple:
    """Monthly take-home pay, income tax and NI from monthly net or gross earnings."""
    earnings = np.asarray(earnings)
    if basis == "net":
        net_month = earnings
        gross_year = gross_from_net(earnings * 12.0, job.tax)
    else:
        gross_year = earnings * 12.0
        net_month = net_pay(gross_year, job.tax) / 12.0
    return (
        net_month,
        income_tax(gross_year, job.tax) / 12.0,
        national_insurance(gross_year, job.tax) / 12.0,
    )


def _benefit_left(job: Employment, values: Values, otherwise: float | np.ndarray) -> Any:
    """Monthly benefit no longer paid to someone who left benefits, for a flat or no benefit."""
    if job.benefit == "flat":
        return np.asarray(values[job.weekly_amount]) * WEEKS_PER_MONTH
    return otherwise


def _gains_job_by_job(
    scenario: Scenario, values: Values, rate: float, keep: float | np.ndarray
) -> tuple[dict[str, float | np.ndarray], float | np.ndarray]:
    """Each job costed on its own pay and start; benefit saved only by those who left benefits."""
    employment = scenario.employment
    assert employment is not None
    parts: dict[str, float | np.ndarray] = dict.fromkeys(EMPLOYMENT_PARTS, 0.0)
    income_gain: float | np.ndarray = 0.0
    drop = values[employment.monthly_drop_off]
    for job in employment.jobs:
        net_month, tax_month, ni_month = _monthly_pay(
            values[job.earnings], job.earnings_basis, employment
        )
        benefit_month: float | np.ndarray = 0.0
        if job.off_benefits:
            if employment.benefit == "universal_credit":
                benefit_month = job.universal_credit.maximum_award
            else:
                benefit_month = _benefit_left(employment, values, 0.0)
        months = keep * months_in_work_from(drop, scenario.horizon_years, rate, job.start_month)
        parts["employment.benefits"] = parts["employment.benefits"] + months * benefit_month
        parts["employment.income_tax"] = parts["employment.income_tax"] + months * tax_month
        parts["employment.national_insurance"] = (
            parts["employment.national_insurance"] + months * ni_month
        )
        income_gain = income_gain + months * (net_month - benefit_month)
    return parts, income_gain
