"""The sections of a participant's case summary, in the study's order, and which one a coded
passage feeds (no Django).

A passage feeds the section its code chooses (`Code.case_section`); when the code chooses
none, the rule below decides from the code's name, valence, part of the tree and area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str


SECTIONS: list[Section] = [
    Section(
        "life",
        "Life struggles, service use and mental health",
        "What life was like before, in the person's own terms: what was hard, which services "
        "they used and how those services treated them.",
    ),
    Section(
        "involvement",
        "Involvement",
        "How they came to the service and what they chose to take part in, at their own pace.",
    ),
    Section(
        "what_worked",
        "What worked and what changed",
        "What helped them, how they were treated, and what began to change.",
    ),
    Section(
        "achievements",
        "Achievements",
        "What they have done and reached, large or small, as they see it.",
    ),
    Section(
        "unexpected",
        "Unexpected changes",
        "Changes nobody planned for, which they noticed in themselves or in their life.",
    ),
    Section(
        "future",
        "Future and reflections",
        "Their hopes and plans, and in their own words what might have happened without "
        "this opportunity.",
    ),
    Section(
        "summary",
        "Summary",
        "A few sentences the person would recognise: where they started, what helped and "
        "where they are now.",
    ),
]
SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)

FUTURE = re.compile(r"without (this|the) opportunity|future|hope|plans?\b|goals?\b", re.I)
UNEXPECTED = re.compile(r"unexpected|surpris", re.I)
BY_TREE_PART = {
    "roots": "life",
    "trunk": "what_worked",
    "branches": "involvement",
    "fruits": "achievements",
}


def section_for(
    name: str, valence: str = "", tree_part: str = "", area: str = "", chosen: str = ""
) -> str | None:
    """The key of the section a passage coded with this code feeds, or None when no rule
    places it: the code's own choice first, then its name ("without this opportunity",
    "future", "unexpected"), then invalidating → life struggles, then its part of the tree
    (roots → life struggles, but validating life conditions → what worked and what changed;
    trunk → what worked; branches → involvement; fruits → achievements)."""
    if chosen in SECTION_KEYS:
        return chosen
    if FUTURE.search(name):
        return "future"
    if UNEXPECTED.search(name):
        return "unexpected"
    if valence == "invalidating":
        return "life"
    part = tree_part or ("roots" if area else "")
    if part == "roots" and valence == "validating":
        return "what_worked"
    return BY_TREE_PART.get(part)
