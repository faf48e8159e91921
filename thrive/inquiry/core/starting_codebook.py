"""The starting codebook every new inquiry gets, drawn from the framework (no Django).

Areas of living become codes with a validating and an invalidating child (the
roots of the two trees); each part of the model of change becomes a code in the
trunk (valued activity in the branches), and what changed in the fruits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thrive.framework.core.template import Framework

MODEL_OF_CHANGE_TREE_PART = {"activity": "branches"}
AREA_COLOURS = ("#8c6d46", "#5b7f3a", "#b0566b", "#3f6f8f", "#7a5a9a", "#b7791f")


@dataclass(frozen=True)
class CodeSpec:
    name: str
    description: str = ""
    valence: str = "neutral"
    tree_part: str = ""
    area: str = ""
    colour: str = "#7a9e7e"
    codable: bool = True
    children: tuple[CodeSpec, ...] = field(default=())


def pole_name(area_name: str, valence: str) -> str:
    """The name of an area's validating or invalidating child code."""
    return f"{area_name} ({valence})"


def starting_codebook(framework: Framework) -> list[CodeSpec]:
    """The framework template as a nested codebook."""
    areas = CodeSpec(
        "Areas of living",
        "The six areas of the validation and invalidation framework.",
        codable=False,
        children=tuple(
            CodeSpec(
                area.name,
                f"Validating: {area.validating}. Invalidating: {area.invalidating}.",
                tree_part="roots",
                area=area.key,
                colour=colour,
                children=(
                    CodeSpec(
                        pole_name(area.name, "validating"),
                        area.validating,
                        "validating",
                        "roots",
                        area.key,
                        colour,
                    ),
                    CodeSpec(
                        pole_name(area.name, "invalidating"),
                        area.invalidating,
                        "invalidating",
                        "roots",
                        area.key,
                        colour,
                    ),
                ),
            )
            for area, colour in zip(framework.areas, AREA_COLOURS, strict=False)
        ),
    )
    model_of_change = CodeSpec(
        "Model of change",
        "What helps people move from surviving to thriving.",
        codable=False,
        children=tuple(
            CodeSpec(
                part.name,
                part.meaning,
                "validating",
                MODEL_OF_CHANGE_TREE_PART.get(part.key, "trunk"),
                colour="#2f6f5e",
            )
            for part in framework.themes
        ),
    )
    changes = CodeSpec(
        "What changed",
        "Impact in the person's own words.",
        codable=False,
        children=tuple(
            CodeSpec(item.name, item.meaning, "validating", "fruits", colour="#c2831c")
            for item in framework.impacts
        ),
    )
    return [areas, model_of_change, changes]
