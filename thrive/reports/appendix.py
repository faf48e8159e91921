"""The study report's appendix tables: demographics, vocational outcomes, impact and outcomes.

One row per participant taking part (withdrawn participants never appear), in label order.
Demographics come from the participant's shared attributes; vocational outcomes from their
linked journey when there is one, else from the attribute "outcomes"; impact and outcomes
quote the participant's own approved passages (thrive/inquiry/quotable.py is the gate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from thrive.framework.models import ServiceFramework
from thrive.inquiry.models import Code, Inquiry, MemberCheck, Participant
from thrive.inquiry.quotable import Quote, may_quote, quotable_codings, quote_of
from thrive.inquiry.themes import label_order
from thrive.journeys.models import Outcome
from thrive.reports.core.identifiable import Demographics, identifiability_warnings
from thrive.reports.core.impact_columns import impact_column
from thrive.reports.core.quote_choice import choose_quotes

NOT_GIVEN = "not given"
NOTHING = "—"
WAITING = "waiting for their approval"
DEMOGRAPHICS = (
    ("age", "Age"),
    ("ethnicity", "Ethnicity"),
    ("gender", "Gender"),
    ("years_in_services", "Years in secondary services"),
    ("years_with_service", "Years with the service"),
)


@dataclass(frozen=True)
class Table:
    """A table as the report shows it: every cell already text."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    warnings: list[str] = field(default_factory=list)


def taking_part(inquiry: Inquiry) -> list[Participant]:
    """The inquiry's participants who have not withdrawn (by either record of it), P2 first."""
    found = (
        Participant.objects.active()
        .filter(inquiry=inquiry)
        .exclude(member_check=MemberCheck.WITHDRAWN)
    )
    return sorted(found, key=lambda p: label_order(p.label))


def shown(value: object) -> str:
    """An attribute as a cell: whole numbers without ".0", a missing value as "not given"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return NOT_GIVEN
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def unshown(cell: str) -> str:
    """A cell as the identifiability check reads it: nothing for "not given"."""
    return "" if cell == NOT_GIVEN else cell


def age_of(participant: Participant) -> object:
    """The age they shared, or their age band when that is all they shared."""
    attributes = participant.attributes or {}
    return attributes.get("age") or attributes.get("age_band")


def demographics_table(participants: list[Participant]) -> Table:
    """Age, ethnicity, gender and years in services and with the service, with warnings."""
    rows = []
    for participant in participants:
        values = {**(participant.attributes or {}), "age": age_of(participant)}
        rows.append([participant.label, *(shown(values.get(key)) for key, _ in DEMOGRAPHICS)])
    people = [
        Demographics(label, age=unshown(age), ethnicity=unshown(ethnicity), gender=unshown(gender))
        for label, age, ethnicity, gender, *_ in rows
    ]
    return Table(
        "Demographics",
        ["Participant", *(title for _, title in DEMOGRAPHICS)],
        rows,
        identifiability_warnings(people),
    )


def named_kinds(values: object, kinds: dict[str, str]) -> set[str]:
    """The outcome kinds an "outcomes" attribute names (a list, or words split by commas)."""
    items = values.split(",") if isinstance(values, str) else values
    if not isinstance(items, Iterable):
        return set()
    names = {**{key: key for key in kinds}, **{name.casefold(): key for key, name in kinds.items()}}
    return {names[word] for item in items if (word := str(item).strip().casefold()) in names}


def vocational_table(participants: list[Participant]) -> Table:
    """Which vocational outcomes each participant reached: from their journey when linked."""
    kinds = {o.key: o.name for o in ServiceFramework.current().vocational_outcomes}
    linked = defaultdict(set)
    for person_id, kind in Outcome.objects.filter(
        journey__person_id__in=[p.person_id for p in participants if p.person_id]
    ).values_list("journey__person_id", "kind"):
        linked[person_id].add(kind)
    rows = []
    for participant in participants:
        if participant.person_id:
            reached = linked[participant.person_id]
        else:
            reached = named_kinds((participant.attributes or {}).get("outcomes", ()), kinds)
        rows.append([participant.label, *("Yes" if key in reached else NOTHING for key in kinds)])
    return Table("Vocational outcomes", ["Participant", *kinds.values()], rows)


def lineage(code: Code, codes: dict[int, Code]) -> list[Code]:
    """The code and the codes above it, top first."""
    line = [code]
    while (parent := codes.get(line[0].parent_id)) is not None and parent not in line:
        line.insert(0, parent)
    return line


def impact_columns_of(inquiry: Inquiry) -> dict[int, str]:
    """Each code that speaks about what changed, by id, with its column's key."""
    codes = {code.pk: code for code in Code.objects.filter(inquiry=inquiry)}
    columns = {}
    for code in codes.values():
        line = lineage(code, codes)
        column = impact_column([c.name for c in line], [c.tree_part for c in line], code.area)
        if column:
            columns[code.pk] = column
    return columns


def impact_table(inquiry: Inquiry, participants: list[Participant]) -> Table:
    """One short approved quote per participant and impact, or why there is none."""
    impacts = ServiceFramework.current().impacts
    columns = impact_columns_of(inquiry)
    found: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    codings = quotable_codings(inquiry).filter(code_id__in=columns)
    for coding in codings.select_related("code", "transcript__participant"):
        found[coding.transcript.participant.label, columns[coding.code_id]].append(quote_of(coding))
    rows = []
    for participant in participants:
        if not may_quote(participant):
            rows.append([participant.label, *(WAITING for _ in impacts)])
            continue
        cells = [choose_quotes(found[participant.label, i.key], 1) for i in impacts]
        rows.append([participant.label, *(f"“{c[0].text}”" if c else NOTHING for c in cells)])
    return Table("Impact and outcomes", ["Participant", *(i.name for i in impacts)], rows)


def appendix_tables(inquiry: Inquiry) -> list[Table]:
    """The three appendix tables in the report's order."""
    participants = taking_part(inquiry)
    return [
        demographics_table(participants),
        vocational_table(participants),
        impact_table(inquiry, participants),
    ]
