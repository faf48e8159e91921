"""Whether a demographics table could identify someone, in plain sentences (no Django).

A reader who knows the service can tell a participant apart from everyone who differs from
them in a value the table shows. A participant is exposed when the people sharing their
shown values (age, gender and ethnicity; a value not given shows nothing) number fewer
than three. Ages are checked as given and in bands, so the advice can say which helps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

SMALLEST_GROUP = 3
SMALLEST_STUDY = 5
AGE_BANDS = ((18, "18–24"), (25, "25–34"), (35, "35–44"), (45, "45–54"), (55, "55–64"))


@dataclass(frozen=True)
class Demographics:
    """What the table shows of one participant; "" for a value not given."""

    label: str
    age: str = ""
    gender: str = ""
    ethnicity: str = ""


def age_band(age: str) -> str:
    """A whole-number age as its band (under 18 and 65 and over are one band each)."""
    text = age.strip()
    if not text.isdigit():
        return text
    years = int(text)
    if years < AGE_BANDS[0][0]:
        return "under 18"
    if years >= 65:
        return "65 and over"
    return next(name for start, name in reversed(AGE_BANDS) if years >= start)


def _shown(person: Demographics, age: Callable[[str], str]) -> tuple[str, str, str]:
    return (
        age(person.age).casefold(),
        person.gender.strip().casefold(),
        person.ethnicity.strip().casefold(),
    )


def alike(person: Demographics, people: Sequence[Demographics], age: Callable[[str], str]) -> int:
    """How many participants (the person too) show the same values wherever theirs are given."""
    mine = _shown(person, age)
    return sum(
        all(not m or m == o for m, o in zip(mine, _shown(other, age), strict=True))
        for other in people
    )


def exposed(
    people: Sequence[Demographics], age: Callable[[str], str]
) -> tuple[list[str], list[str]]:
    """Labels of participants alone with their values, and of those sharing them with one other."""
    counts = [(person.label, alike(person, people, age)) for person in people]
    alone = sorted(label for label, n in counts if n == 1)
    pairs = sorted(label for label, n in counts if 1 < n < SMALLEST_GROUP)
    return alone, pairs


def _listed(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _who(alone: list[str], pairs: list[str]) -> str:
    parts = []
    if alone:
        parts.append(f"unique to {_listed(alone)}")
    if pairs:
        parts.append(f"shared by only two participants for {_listed(pairs)}")
    return ", and ".join(parts)


def identifiability_warnings(people: Sequence[Demographics]) -> list[str]:
    """One plain sentence per way the table could identify someone, each saying what to do."""
    warnings = []
    if 0 < len(people) < SMALLEST_STUDY:
        warnings.append(
            f"With only {len(people)} participant{'' if len(people) == 1 else 's'}, people who "
            "know the service could recognise someone from these details: consider describing "
            "age, gender and ethnicity for the group as a whole in words instead of a table."
        )
    raw = exposed(people, str.strip)
    banded = exposed(people, age_band)
    if (raw[0] or raw[1]) and raw != banded:
        warnings.append(
            f"Exact age, gender and ethnicity together are {_who(*raw)}: "
            "show ages in bands (such as 35–44) instead of exact years."
        )
    if banded[0] or banded[1]:
        warnings.append(
            f"Even with ages in bands, age, gender and ethnicity together are {_who(*banded)}: "
            "leave out the ethnicity or the gender column, "
            "or describe them for the group as a whole."
        )
    return warnings
