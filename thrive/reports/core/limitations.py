"""The study report's limitations, stated from the inquiry's own numbers (no Django)."""

from __future__ import annotations

from dataclasses import dataclass

from thrive.core.numbers import number


@dataclass(frozen=True)
class RecordChecks:
    """How the participants taking part stand with the check of their own record."""

    participants: int
    reviewed: int
    amended: int
    approved: int
    not_replied: int
    not_asked: int


def people(count: int) -> str:
    return f"{number(count)} participant" + ("" if count == 1 else "s")


def limitations(checks: RecordChecks) -> list[str]:
    """One plain sentence per limitation, each with the figure it rests on."""
    found = [
        f"The inquiry heard from {people(checks.participants)}: a small group, so what it "
        "found shows what can happen, not how often it happens.",
        "People chose to take part after seeing a notice or being asked by staff, so those "
        "with something to say about the service may be more likely to have come forward.",
        "What changed for people is as they told it in their interview: the inquiry used no "
        "standard measures and did not check records.",
        f"{people(checks.reviewed).capitalize()} read the record of their own interview; "
        f"{number(checks.amended)} asked for changes the team made, and "
        f"{number(checks.approved)} approved it. Only approved records are quoted.",
    ]
    if checks.not_replied:
        found.append(
            f"{people(checks.not_replied).capitalize()} had not replied about their record "
            "when this report was made, so nothing they said is quoted."
        )
    if checks.not_asked:
        found.append(
            f"{people(checks.not_asked).capitalize()} had not yet been sent their record, "
            "so nothing they said is quoted."
        )
    return found
