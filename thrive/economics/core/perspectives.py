"""Who pays, and whose savings count: the payers and the perspectives a case is read from.

The one place their plain labels are defined; pages, charts, exports and the CLI import them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

PAYER_LABELS: dict[str, str] = {
    "nhs": "NHS",
    "local_authority": "Social care (local authority)",
    "exchequer": "Benefits and tax (DWP and HMRC)",
    "person": "The people supported",
}
PAYERS = tuple(PAYER_LABELS)
PERSON_INCOME = "person_income"


@dataclass(frozen=True)
class Perspective:
    """A reader's point of view: the payers whose savings it counts."""

    key: str
    label: str
    payers: tuple[str, ...]
    counts_person_income: bool = False


PERSPECTIVES: dict[str, Perspective] = {
    p.key: p
    for p in (
        Perspective("nhs", "NHS only", ("nhs",)),
        Perspective("nhs_social_care", "NHS and social care", ("nhs", "local_authority")),
        Perspective(
            "exchequer",
            "Public sector (NHS, social care, benefits and tax)",
            ("nhs", "local_authority", "exchequer"),
        ),
        Perspective(
            "all",
            "Everyone, including the people's own income",
            PAYERS,
            counts_person_income=True,
        ),
    )
}
DEFAULT_PERSPECTIVE = "all"


def perspective_savings(
    key: str,
    by_payer: Mapping[str, float | np.ndarray],
    person_income_gain: float | np.ndarray = 0.0,
) -> float | np.ndarray:
    """Savings from one perspective: its payers' savings, plus income gains if it counts them."""
    view = PERSPECTIVES[key]
    total = sum((by_payer.get(payer, 0.0) for payer in view.payers), start=0.0)
    if view.counts_person_income:
        total = total + person_income_gain
    return total
