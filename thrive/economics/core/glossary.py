"""Plain words for every input, resource, adjustment and payer the model names by key.

Pages, charts, tables and exports show these labels, never the scenario's keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from thrive.economics.core.perspectives import PAYER_LABELS
from thrive.economics.core.unit_costs import default_unit_costs

RESOURCE_LABELS: dict[str, str] = {
    "inpatient_bed_day": "Adult inpatient bed-days",
    "older_adult_bed_day": "Older-adult inpatient bed-days",
    "picu_bed_day": "Psychiatric intensive care bed-days",
    "rehabilitation_bed_day": "Rehabilitation ward bed-days",
    "low_secure_bed_day": "Low-secure ward bed-days",
    "cmht_contact": "CMHT contacts",
    "crisis_contact": "Crisis team contacts",
    "crisis_line_contact": "Crisis line calls",
    "crisis_house_contact": "Crisis house stays",
    "crisis_cafe_contact": "Crisis café visits",
    "place_of_safety": "Place of safety (section 136) stays",
    "psychiatric_liaison_contact": "Psychiatric liaison contacts",
    "early_intervention_contact": "Early intervention in psychosis contacts",
    "assertive_outreach_contact": "Assertive outreach contacts",
    "community_rehabilitation_contact": "Community rehabilitation contacts",
    "day_care_contact": "Day care contacts",
    "ips_contact": "IPS employment support contacts",
    "ae_attendance": "A&E attendances",
    "care_coordinator_hour": "Care coordinator hours",
    "peer_support_worker_hour": "Peer support worker hours",
    "psychologist_hour": "Psychologist hours",
    "antipsychotic_year": "Years of antipsychotic medication",
    "antidepressant_year": "Years of antidepressant medication",
    "mental_health_admission": "Mental-health admissions",
    "cmht_care_year": "Years of CMHT care",
    "step_down_care": "Step-down care after discharge",
    "employment.benefits": "Benefits no longer paid",
    "employment.income_tax": "Income tax paid",
    "employment.national_insurance": "National Insurance paid",
}

ADJUSTMENT_LABELS: dict[str, str] = {
    "deadweight": "How much would have happened anyway (deadweight)",
    "attribution": "How much of the change the service can claim (attribution)",
    "displacement": "How much simply moved elsewhere (displacement)",
    "drop_off": "How much the change fades each year (drop-off)",
}

PARAMETER_LABELS: dict[str, str] = {
    "scenario.people": "How many people",
    "scenario.horizon_years": "Years counted",
    "scenario.discount_rate": "Discount rate a year",
    "scenario.price_year": "Price year",
    "service_cost": "What the service costs",
    "service_cost.total": "What the service costs",
    "service_cost.staff": "Staff costs",
    "service_cost.overheads": "Overheads on staff",
    "employment": "Paid work",
    "employment.hours": "Hours a week in work",
    "employment.benefit": "Benefit left",
    "employment.people": "People who start paid work",
    "employment.monthly_net": "Monthly take-home pay",
    "employment.monthly_gross": "Monthly pay before tax",
    "employment.monthly_drop_off": "Share who leave work each month",
    "employment.weekly_amount": "Weekly benefit no longer paid",
    "employment.counterfactual_people": "People who would have found work anyway",
    **{f"adjustments.{name}": label for name, label in ADJUSTMENT_LABELS.items()},
}

EFFECT_PARTS = {
    "per_person": ", change per person",
    "counterfactual": ", change per person without the service",
    "people": ", how many people",
}
_EFFECT = re.compile(r"effects\[(\d+)\](?:\.(\w+))?")


def payer_label(key: str) -> str:
    """ "NHS" for nhs: the payer as a commissioner names it."""
    return PAYER_LABELS.get(key, _words(key))


def resource_label(key: str) -> str:
    """ "CMHT contacts" for cmht_contact; a resource paid by another payer names that payer."""
    name, _, payer = key.partition(" (")
    label = RESOURCE_LABELS.get(name)
    if label is None:
        info = default_unit_costs().get(name)
        label = info.description if info else _words(name)
    return f"{label} ({payer_label(payer.rstrip(')'))})" if payer else label


def parameter_label(key: str, resources: Sequence[str] = ()) -> str:
    """A plain name for a model input; `resources` lists the resource of each effect, in order."""
    if key in PARAMETER_LABELS:
        return PARAMETER_LABELS[key]
    found = _EFFECT.fullmatch(key)
    if found:
        index, part = int(found.group(1)), found.group(2)
        what = (
            resource_label(resources[index - 1])
            if 0 < index <= len(resources) and resources[index - 1]
            else f"Change {index} in service use"
        )
        return what + EFFECT_PARTS.get(part or "", "")
    if key.startswith("unit_costs."):
        return f"Unit cost: {resource_label(key.removeprefix('unit_costs.'))}"
    return _words(key.rsplit(".", 1)[-1])


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()
