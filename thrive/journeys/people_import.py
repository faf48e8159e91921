"""Import existing people and outcomes from CSV or XLSX: all rows or none.

Every row is checked first; the file is written only when no row is refused,
in one transaction. A dry run does the checking and writes nothing.
Row numbers are the file's own line numbers (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from thrive.core.archives import SPREADSHEET, ArchiveError, checked_archive
from thrive.core.text import tidy
from thrive.journeys import models as m
from thrive.lib.forms import LONG_TEXT

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_CELL = LONG_TEXT
ZIP_MAGIC = b"PK\x03\x04"

PEOPLE_REQUIRED = ("reference", "name", "referred_on")
PEOPLE_OPTIONAL = (
    "contact_preference",
    "phone",
    "email",
    "gender",
    "birth_year",
    "ethnicity",
    "referral_source",
    "in_their_words",
    "work_at_joining",
    "first_met_on",
    "ended_on",
    "end_reason",
    "supporter",
)
OUTCOME_REQUIRED = ("reference", "kind", "achieved_on")
OUTCOME_OPTIONAL = (
    "in_their_words",
    "hours_per_week",
    "off_benefits",
    "hourly_pay",
    "had_lcwra",
    "housing_element",
    "area",
)
KINDS = {
    "people": (PEOPLE_REQUIRED, PEOPLE_OPTIONAL),
    "outcomes": (OUTCOME_REQUIRED, OUTCOME_OPTIONAL),
}


class ImportProblem(Exception):
    """The file as a whole cannot be read: wrong type, too big, no header."""


class RowProblem(Exception):
    """One row cannot be imported; the message says why, in plain words."""


@dataclass(frozen=True)
class Refusal:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.reason}"


@dataclass
class ImportResult:
    kind: str
    rows: int
    refused: list[Refusal] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "written": self.written,
            "refused": [{"row": r.row, "reason": r.reason} for r in self.refused],
        }


# --- Reading ---


def first_look(filename: str, content: bytes) -> None:
    """Refuse, quickly and before any parsing, a file too big, of the wrong type or a ZIP bomb."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportProblem(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(ZIP_MAGIC):
            raise ImportProblem("The file is named .xlsx but is not a spreadsheet.")
        try:
            checked_archive(content, SPREADSHEET, "The spreadsheet")
        except ArchiveError as error:
            raise ImportProblem(str(error)) from None
    elif lower.endswith(".csv"):
        if content.startswith(ZIP_MAGIC) or b"\x00" in content[:4096]:
            raise ImportProblem("The file is named .csv but is not text.")
    else:
        raise ImportProblem("Please choose a .csv or .xlsx file.")


def read_rows(filename: str, content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for each data row of a CSV or XLSX file."""
    first_look(filename, content)
    if filename.lower().endswith(".xlsx"):
        table = xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportProblem("The CSV file is not UTF-8 text; save it as 'CSV UTF-8'.") from None
        table = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(table)
    except StopIteration:
        raise ImportProblem("The file is empty.") from None
    except csv.Error as error:
        raise ImportProblem(f"The CSV file cannot be read: {error}.") from None
    columns = [tidy(str(h or "")).lower().replace(" ", "_") for h in header]
    try:
        for number, values in enumerate(table, start=2):
            if number - 1 > MAX_ROWS:
                raise ImportProblem(f"The file has more than {MAX_ROWS:,} rows; please split it.")
            cells = ["" if v is None else v for v in values]
            if not any(str(c).strip() for c in cells):
                continue
            row = dict(zip(columns, cells, strict=False))
            if len(cells) > len(columns):
                row["__extra__"] = "yes"
            yield number, row
    except csv.Error as error:
        raise ImportProblem(f"The CSV file cannot be read: {error}.") from None


def xlsx_rows(content: bytes) -> Iterator[list]:
    """Rows of the first worksheet, streamed; dates stay dates. Call first_look before."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise ImportProblem(f"The spreadsheet cannot be read ({type(error).__name__}).") from None
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield list(values)
    finally:
        book.close()


# --- Checking one cell ---


def text(row: dict, name: str, limit: int = MAX_CELL, required: bool = False) -> str:
    value = tidy(str(row.get(name, "") or ""))
    if required and not value:
        raise RowProblem(f"{name} is empty")
    if len(value) > limit:
        raise RowProblem(f"{name} is longer than {limit:,} characters")
    return value


def day(row: dict, name: str, required: bool = False) -> date | None:
    value = row.get(name)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        parsed = value
    else:
        raw = text(row, name, 40, required)
        if not raw:
            return None
        try:
            parsed = date.fromisoformat(raw)
        except ValueError:
            raise RowProblem(f"{name} {raw[:20]!r} is not a date like 2025-04-30") from None
    if parsed > timezone.localdate():
        raise RowProblem(f"{name} {parsed.isoformat()} is in the future")
    if parsed.year < 1900:
        raise RowProblem(f"{name} {parsed.isoformat()} is too long ago")
    return parsed


def choice(row: dict, name: str, choices, default: str = "") -> str:
    raw = text(row, name, 40).lower().replace(" ", "_").replace("-", "_")
    if not raw:
        return default
    if raw not in choices.values:
        raise RowProblem(f"{name} {raw[:20]!r} is not one of {', '.join(choices.values)}")
    return raw


def number(row: dict, name: str, low: float, high: float) -> Decimal | None:
    raw = text(row, name, 20)
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise RowProblem(f"{name} {raw!r} is not a number") from None
    if not value.is_finite() or not low <= value <= high:
        raise RowProblem(f"{name} {raw!r} is not between {low:g} and {high:g}")
    return value


def pounds(row: dict, name: str, high: float) -> Decimal | None:
    """An amount in pounds and pence, with or without a leading £."""
    value = number({name: text(row, name, 20).removeprefix("£")}, name, 0, high)
    if value is not None and value != value.quantize(Decimal("0.01")):
        raise RowProblem(f"{name} {text(row, name, 20)!r} has more than two places of pence")
    return value


def yes_no(row: dict, name: str) -> bool | None:
    raw = text(row, name, 10).lower()
    if raw in ("", "not said", "unknown"):
        return None
    if raw in ("yes", "y", "true", "1"):
        return True
    if raw in ("no", "n", "false", "0"):
        return False
    raise RowProblem(f"{name} {raw!r} should be yes, no or empty")


# --- Checking whole rows ---


def check_person(row: dict, supporters: dict[str, object]) -> dict:
    """A person row as model values, or RowProblem."""
    referred = day(row, "referred_on", required=True)
    met, ended = day(row, "first_met_on"), day(row, "ended_on")
    reason = choice(row, "end_reason", m.EndReason)
    if met and met < referred:
        raise RowProblem("first_met_on is before referred_on")
    if ended and ended < (met or referred):
        raise RowProblem("ended_on is before the journey began")
    if bool(ended) != bool(reason):
        raise RowProblem("ended_on and end_reason go together: give both or neither")
    paused = None
    if reason == m.EndReason.PAUSED:  # a pause keeps the journey open
        paused, ended, reason = ended, None, ""
    email = text(row, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise RowProblem(f"email {email[:40]!r} is not an email address") from None
    year = number(row, "birth_year", 1900, timezone.localdate().year)
    if year is not None and year != year.to_integral_value():
        raise RowProblem("birth_year should be a whole year")
    username = text(row, "supporter", 150)
    if username and username not in supporters:
        raise RowProblem(f"supporter {username[:40]!r} is not a worker's username")
    return {
        "person": {
            "reference": text(row, "reference", 20, required=True),
            "name": text(row, "name", 100, required=True),
            "contact_preference": choice(row, "contact_preference", m.ContactPreference, "phone"),
            "phone": text(row, "phone", 40),
            "email": email,
            "gender": text(row, "gender", 40),
            "birth_year": int(year) if year is not None else None,
            "ethnicity": text(row, "ethnicity", 60),
        },
        "journey": {
            "referred_on": referred,
            "referral_source": choice(row, "referral_source", m.ReferralSource),
            "in_their_words": text(row, "in_their_words"),
            "work_at_joining": choice(row, "work_at_joining", m.WorkAtJoining),
            "first_met_on": met,
            "ended_on": ended,
            "end_reason": reason,
        },
        "supporter": supporters.get(username),
        "paused_on": paused,
    }


def check_outcome(row: dict, journeys: dict[str, int]) -> dict:
    """An outcome row as model values, or RowProblem."""
    reference = text(row, "reference", 20, required=True)
    if reference not in journeys:
        raise RowProblem(f"no person has the reference {reference!r}")
    kind = choice(row, "kind", m.OutcomeKind)
    if not kind:
        raise RowProblem("kind is empty")
    paid = kind == m.OutcomeKind.EMPLOYMENT
    return {
        "journey_id": journeys[reference],
        "kind": kind,
        "achieved_on": day(row, "achieved_on", required=True),
        "in_their_words": text(row, "in_their_words"),
        "hours_per_week": number(row, "hours_per_week", 0, 80) if paid else None,
        "off_benefits": yes_no(row, "off_benefits") if paid else None,
        "hourly_pay": pounds(row, "hourly_pay", 1000) if paid else None,
        "had_lcwra": yes_no(row, "had_lcwra") if paid else None,
        "housing_element": pounds(row, "housing_element", 10000) if paid else None,
        "area": choice(row, "area", m.Area),
    }


def check_rows(
    rows: Iterator[tuple[int, dict]], check: Callable[[dict], dict], unique: str | None
) -> tuple[int, list[dict], list[Refusal]]:
    """Check every row; returns (rows read, good rows, refusals)."""
    good: list[dict] = []
    refused: list[Refusal] = []
    seen: dict[str, int] = {}
    count = 0
    for number_, row in rows:
        count += 1
        try:
            if "__extra__" in row:
                raise RowProblem("it has more cells than the header has columns")
            checked = check(row)
            if unique:
                key = checked["person"][unique]
                if key in seen:
                    raise RowProblem(f"{unique} {key!r} is also on row {seen[key]}")
                seen[key] = number_
            good.append(checked)
        except RowProblem as problem:
            refused.append(Refusal(number_, str(problem)))
    return count, good, refused


def import_file(kind: str, filename: str, content: bytes, *, dry_run: bool) -> ImportResult:
    """Check a file of people or outcomes and, unless dry_run or any row is refused, write it."""
    if kind not in KINDS:
        raise ImportProblem(f"Unknown kind of import {kind!r}.")
    required, optional = KINDS[kind]
    rows = read_rows(filename, content)
    first = next(rows, None)
    if first is None:
        raise ImportProblem("The file has a header but no rows.")
    missing = [c for c in required if c not in first[1]]
    if missing:
        raise ImportProblem(f"The header is missing {', '.join(missing)}.")
    unknown = [c for c in first[1] if c not in required + optional and c != "__extra__"]
    if unknown:
        raise ImportProblem(
            f"The header has columns Thrive does not know: {', '.join(unknown[:5])}."
        )

    def all_rows():
        yield first
        yield from rows

    if kind == "people":
        supporters = {
            u.username: u
            for u in get_user_model().objects.filter(
                is_active=True, role__in=["worker", "coordinator"]
            )
        }
        count, good, refused = check_rows(
            all_rows(), lambda r: check_person(r, supporters), "reference"
        )
        taken = set(
            m.Person.objects.filter(
                reference__in=[g["person"]["reference"] for g in good]
            ).values_list("reference", flat=True)
        )
        if taken:
            numbers = {}
            for number_, row in read_rows(filename, content):
                if tidy(str(row.get("reference", ""))) in taken:
                    numbers[number_] = tidy(str(row["reference"]))
            refused += [
                Refusal(n, f"reference {ref!r} is already in Thrive") for n, ref in numbers.items()
            ]
            refused.sort(key=lambda r: r.row)
    else:
        latest = {}
        for reference, journey_id in m.Journey.objects.order_by(
            "person_id", "referred_on", "id"
        ).values_list("person__reference", "id"):
            latest[reference] = journey_id
        count, good, refused = check_rows(all_rows(), lambda r: check_outcome(r, latest), None)

    result = ImportResult(kind, count, refused)
    if refused or dry_run:
        return result
    with transaction.atomic():
        write_people(good) if kind == "people" else write_outcomes(good)
    result.written = True
    return result


def existing_references(references: list[str], with_ids: bool = False) -> Iterator:
    """References (or (reference, id) pairs) already held, asked in chunks the database accepts."""
    fields = ("reference", "id") if with_ids else ("reference",)
    for at in range(0, len(references), 500):
        chunk = m.Person.objects.filter(reference__in=references[at : at + 500])
        if with_ids:
            yield from chunk.values_list(*fields)
        else:
            yield from chunk.values_list("reference", flat=True)


def write_people(good: list[dict]) -> None:
    """Write checked people, their journeys and supporters in bulk."""
    m.Person.objects.bulk_create([m.Person(**g["person"]) for g in good], batch_size=1000)
    ids = dict(existing_references([g["person"]["reference"] for g in good], with_ids=True))
    journeys = m.Journey.objects.bulk_create(
        [m.Journey(person_id=ids[g["person"]["reference"]], **g["journey"]) for g in good],
        batch_size=1000,
    )
    m.Pause.objects.bulk_create(
        [
            m.Pause(journey=journey, paused_on=g["paused_on"])
            for journey, g in zip(journeys, good, strict=True)
            if g["paused_on"] is not None
        ]
    )
    through = m.Person.supporters.through
    through.objects.bulk_create(
        [
            through(person_id=ids[g["person"]["reference"]], user_id=g["supporter"].pk)
            for g in good
            if g["supporter"] is not None
        ],
        batch_size=1000,
    )


def write_outcomes(good: list[dict]) -> None:
    """Write checked outcomes in bulk."""
    m.Outcome.objects.bulk_create([m.Outcome(**g) for g in good], batch_size=1000)
