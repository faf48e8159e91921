"""Themes in a REFI-QDA project: written as sets of codes, read back into themes.

The encoding (set names and the line in each description) is thrive.inquiry.core.theme_sets;
this module maps it to and from Theme rows. refi_projects calls it with its own GUID maker,
so the two modules do not import each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from thrive.inquiry.core import refi
from thrive.inquiry.core.theme_sets import read_set, set_description, set_name
from thrive.inquiry.models import Code, Inquiry
from thrive.inquiry.themes import MAX_NAME, Theme, ThemeCode, ThemeTreePart, ThemeValence


def theme_sets(inquiry: Inquiry, guid: Callable[[str, object], str]) -> tuple[refi.Set, ...]:
    """One set per theme, key themes first, each holding its codes' GUIDs."""
    themes = list(Theme.objects.filter(inquiry=inquiry).select_related("parent"))
    members: dict[int, list[str]] = defaultdict(list)
    for theme_id, code_id in ThemeCode.objects.filter(theme__inquiry=inquiry).values_list(
        "theme_id", "code_id"
    ):
        members[theme_id].append(guid("code", code_id))

    def place(theme: Theme) -> tuple:
        key = theme.parent or theme
        return (key.order, key.name, key.pk, theme.parent_id is not None, theme.order, theme.name)

    return tuple(
        refi.Set(
            guid("theme", theme.pk),
            set_name(theme.parent.name, theme.name) if theme.parent else set_name(theme.name),
            set_description(theme.description, theme.valence, theme.tree_part, theme.order),
            code_guids=tuple(sorted(members[theme.pk])),
        )
        for theme in sorted(themes, key=place)
    )


def import_theme_sets(
    inquiry: Inquiry, sets: tuple[refi.Set, ...], codes: dict[str, Code], user
) -> list[str]:
    """Make (or find) the themes Thrive's sets describe and put their codes in them.

    A code already in a theme stays there. Returns warnings in plain sentences.
    """
    found = [(item, read_set(item.name, item.description)) for item in sets]
    found = [(item, read) for item, read in found if read is not None]
    found.sort(key=lambda pair: (not pair[1].is_key_theme, pair[1].order))
    existing = {
        (theme.parent_id, theme.name.casefold()): theme
        for theme in Theme.objects.filter(inquiry=inquiry)
    }
    themed = set(ThemeCode.objects.filter(theme__inquiry=inquiry).values_list("code_id", flat=True))
    stayed = 0
    unknown_values = 0

    def theme_for(name: str, parent: Theme | None, read=None) -> Theme:
        nonlocal unknown_values
        name = name[:MAX_NAME].strip()
        theme = existing.get((parent.pk if parent else None, name.casefold()))
        if theme is not None:
            return theme
        valence = read.valence if read else ThemeValence.UNSET
        tree_part = read.tree_part if read else ThemeTreePart.UNSET
        if valence not in ThemeValence.values or tree_part not in ThemeTreePart.values:
            unknown_values += 1
            valence = valence if valence in ThemeValence.values else ThemeValence.UNSET
            tree_part = tree_part if tree_part in ThemeTreePart.values else ThemeTreePart.UNSET
        theme = Theme.objects.create_theme(
            inquiry,
            name,
            parent=parent,
            user=user,
            description=read.description if read else "",
            valence=valence,
            tree_part=tree_part,
            source="a REFI-QDA import",
        )
        existing[(parent.pk if parent else None, theme.name.casefold())] = theme
        return theme

    for item, read in found:
        if read.is_key_theme:
            theme = theme_for(read.key_theme, None, read)
        else:
            theme = theme_for(read.theme, theme_for(read.key_theme, None), read)
        wanted = [codes[g] for g in item.code_guids if g in codes]
        free = [code for code in wanted if code.pk not in themed]
        stayed += len(wanted) - len(free)
        if free:
            theme.add_codes(free, user)
            themed.update(code.pk for code in free)
    warnings = []
    if stayed:
        warnings.append(
            f"{stayed} code{'s' if stayed != 1 else ''} of the file's themes "
            f"{'were' if stayed != 1 else 'was'} already in a theme here and stayed there."
        )
    if unknown_values:
        warnings.append(
            f"{unknown_values} theme{'s' if unknown_values != 1 else ''} had a valence or part "
            "of the tree Thrive does not know; it is left as not decided yet."
        )
    return warnings
