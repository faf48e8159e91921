"""Importing people and outcomes: every refused row named, then all rows or none."""

import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from thrive.journeys.cli import people_import
from thrive.journeys.models import Journey, Outcome, Person
from thrive.journeys.people_import import import_file

pytestmark = pytest.mark.django_db

HEADER = "reference,name,referred_on,first_met_on,phone,work_at_joining,supporter\n"


def people_csv(rows: int, bad_row: int | None = None) -> bytes:
    lines = [HEADER]
    for n in range(1, rows + 1):
        met = "2025-13-40" if n == bad_row else "2025-02-03"
        lines.append(f"OLD-{n:05d},Person {n},2025-02-01,{met},0770090{n:04d},out_of_work,worker\n")
    return "".join(lines).encode()


def test_it_imports_a_valid_file_with_journeys_and_supporters(worker):
    result = import_file("people", "old.csv", people_csv(3), dry_run=False)
    assert result.ok and result.written and result.rows == 3
    assert Person.objects.count() == 3
    assert Journey.objects.filter(work_at_joining="out_of_work").count() == 3
    assert list(Person.objects.get(reference="OLD-00002").supporters.all()) == [worker]


def test_it_writes_nothing_in_a_dry_run(worker):
    result = import_file("people", "old.csv", people_csv(3), dry_run=True)
    assert result.ok and not result.written
    assert not Person.objects.exists()


def test_it_refuses_the_whole_file_and_names_every_bad_row(worker):
    content = people_csv(5, bad_row=3).decode() + (
        "OLD-00001,Again,2025-02-01,,,,\n"
        "OLD-00009,,2025-02-01,,,,\n"
        "OLD-00010,Future,2999-01-01,,,,\n"
        "OLD-00011,Nobody,2025-02-01,,,,ghost\n"
        "OLD-00012,Ends,2025-02-01,2025-01-01,,,\n"
    )
    result = import_file("people", "old.csv", content.encode(), dry_run=False)
    reasons = {r.row: r.reason for r in result.refused}
    assert set(reasons) == {4, 7, 8, 9, 10, 11}
    assert "first_met_on '2025-13-40' is not a date" in reasons[4]
    assert "also on row 2" in reasons[7]
    assert reasons[8] == "name is empty"
    assert "in the future" in reasons[9]
    assert "not a worker's username" in reasons[10]
    assert "before referred_on" in reasons[11]
    assert not Person.objects.exists()


def test_it_refuses_references_already_held():
    Person.objects.create(reference="OLD-00002", name="Here already")
    result = import_file("people", "old.csv", people_csv(3).replace(b",worker", b","), dry_run=True)
    assert [(r.row, r.reason) for r in result.refused] == [
        (3, "reference 'OLD-00002' is already in Thrive")
    ]


def test_it_imports_outcomes_onto_the_latest_journey(person):
    content = (
        "reference,kind,achieved_on,hours_per_week,off_benefits,in_their_words\n"
        f"{person.reference},employment,2025-09-01,16,yes,Café job\n"
        f"{person.reference},education,2025-10-01,,,English course\n"
    ).encode()
    assert import_file("outcomes", "o.csv", content, dry_run=False).written
    job = Outcome.objects.get(kind="employment")
    assert (job.hours_per_week, job.off_benefits, job.journey) == (16, True, person.open_journey)


def test_it_imports_pay_lcwra_and_housing_element_for_paid_work(person):
    content = (
        "reference,kind,achieved_on,hourly_pay,had_lcwra,housing_element\n"
        f"{person.reference},employment,2025-09-01,£12.21,yes,350.5\n"
        f"{person.reference},employment,2025-10-01,,,\n"
    ).encode()
    assert import_file("outcomes", "o.csv", content, dry_run=False).written
    first, second = Outcome.objects.order_by("achieved_on")
    assert (first.hourly_pay, first.had_lcwra, first.housing_element) == (
        Decimal("12.21"),
        True,
        Decimal("350.50"),
    )
    assert (second.hourly_pay, second.had_lcwra, second.housing_element) == (None, None, None)


def test_it_names_each_bad_pay_lcwra_or_housing_value_and_writes_nothing(person):
    ref = person.reference
    content = (
        "reference,kind,achieved_on,hourly_pay,had_lcwra,housing_element\n"
        f"{ref},employment,2025-09-01,12.21,yes,300\n"
        f"{ref},employment,2025-09-01,twelve,,\n"
        f"{ref},employment,2025-09-01,12.215,,\n"
        f"{ref},employment,2025-09-01,,maybe,\n"
        f"{ref},employment,2025-09-01,,,-5\n"
        f"{ref},employment,2025-09-01,,,20000\n"
    ).encode()
    result = import_file("outcomes", "o.csv", content, dry_run=False)
    assert [str(r) for r in result.refused] == [
        "Row 3: hourly_pay 'twelve' is not a number",
        "Row 4: hourly_pay '12.215' has more than two places of pence",
        "Row 5: had_lcwra 'maybe' should be yes, no or empty",
        "Row 6: housing_element '-5' is not between 0 and 10000",
        "Row 7: housing_element '20000' is not between 0 and 10000",
    ]
    assert not Outcome.objects.exists()


def test_the_command_and_the_web_page_read_the_pay_columns_alike(
    person, tmp_path, login_as, coordinator
):
    header = "reference,kind,achieved_on,hourly_pay,had_lcwra,housing_element\n"
    bad = f"{header}{person.reference},employment,2025-09-01,12.21,perhaps,\n".encode()
    path = tmp_path / "outcomes.csv"
    path.write_bytes(bad)
    result = CliRunner().invoke(people_import, [str(path), "--kind", "outcomes"])
    assert result.exit_code == 1
    assert "Row 2: had_lcwra 'perhaps' should be yes, no or empty" in result.output
    upload = SimpleUploadedFile("o.csv", bad, content_type="text/csv")
    page = login_as(coordinator).post(
        reverse("journeys:import_records"), {"kind": "outcomes", "file": upload, "action": "import"}
    )
    assert page.status_code == 400 and "had_lcwra" in page.content.decode()
    assert not Outcome.objects.exists()
    path.write_bytes(f"{header}{person.reference},employment,2025-09-01,12.21,no,0\n".encode())
    assert CliRunner().invoke(people_import, [str(path), "--kind", "outcomes"]).exit_code == 0
    assert Outcome.objects.get().hourly_pay == Decimal("12.21")


def test_it_refuses_outcomes_for_unknown_people_and_kinds(person):
    content = (
        "reference,kind,achieved_on\n"
        "NOPE,employment,2025-09-01\n"
        f"{person.reference},diagnosis,2025-09-01\n"
    ).encode()
    result = import_file("outcomes", "o.csv", content, dry_run=False)
    assert [r.row for r in result.refused] == [2, 3]
    assert not Outcome.objects.exists()


def test_it_reads_xlsx_with_real_dates(worker):
    from datetime import date

    book = Workbook()
    sheet = book.active
    sheet.append(["reference", "name", "referred_on"])
    sheet.append(["X-1", "From a sheet", date(2025, 1, 2)])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file("people", "old.xlsx", buffer.getvalue(), dry_run=False)
    assert result.written
    assert Journey.objects.get().referred_on == date(2025, 1, 2)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"reference", "Please choose a .csv or .xlsx file."),
        ("a.xlsx", b"reference,name\n", "not a spreadsheet"),
        ("a.csv", b"PK\x03\x04zip", "not text"),
        ("a.csv", "é".encode("latin-1") + b",x\n", "not UTF-8"),
        ("a.csv", b"", "empty"),
        ("a.csv", b"reference,name,referred_on\n", "no rows"),
        ("a.csv", b"name\nx\n", "missing reference, referred_on"),
        ("a.csv", b"reference,name,referred_on,diagnosis\nx,y,2025-01-01,z\n", "does not know"),
        ("a.xlsx", b"PK\x03\x04 damaged", "cannot be read"),
    ],
)
def test_it_refuses_files_it_cannot_read_with_a_plain_message(name, content, message):
    from thrive.journeys.people_import import ImportProblem

    with pytest.raises(ImportProblem, match=message):
        import_file("people", name, content, dry_run=True)


def test_it_stores_scripts_and_control_characters_safely(coordinator, login_as):
    content = (HEADER + 'S-1,"<script>alert(1)</script>\x07",2025-02-01,,,,\n').encode()
    assert import_file("people", "s.csv", content, dry_run=False).written
    person = Person.objects.get()
    assert person.name == "<script>alert(1)</script>"
    page = login_as(coordinator).get(reverse("journeys:person", args=[person.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_it_previews_on_the_web_and_imports_only_a_clean_file(login_as, coordinator, worker):
    client = login_as(coordinator)
    bad = SimpleUploadedFile("old.csv", people_csv(4, bad_row=2), content_type="text/csv")
    response = client.post(
        reverse("journeys:import_records"), {"kind": "people", "file": bad, "action": "import"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Import records" in page
    assert "1 of 4 rows would be refused" in page
    assert "first_met_on" in page
    assert not Person.objects.exists()
    good = SimpleUploadedFile("old.csv", people_csv(4), content_type="text/csv")
    checked = client.post(
        reverse("journeys:import_records"), {"kind": "people", "file": good, "action": "check"}
    )
    assert "All 4 rows can be imported" in checked.content.decode()
    assert not Person.objects.exists()
    good.seek(0)
    client.post(
        reverse("journeys:import_records"), {"kind": "people", "file": good, "action": "import"}
    )
    assert Person.objects.count() == 4


def test_it_never_answers_500_to_a_strange_upload(login_as, coordinator):
    client = login_as(coordinator)
    for name, content in [
        ("x.csv", b"\x00\x01\x02" * 1000),
        ("x.xlsx", b"PK\x03\x04" + b"\xff" * 1000),
        ("x.csv", b'reference,name,referred_on\n"unclosed,quote\n'),
        ("x.csv", ("reference,name,referred_on\n" + "a," * 5000 + "\n").encode()),
        ("x.exe", b"MZ"),
    ]:
        upload = SimpleUploadedFile(name, content)
        response = client.post(
            reverse("journeys:import_records"), {"kind": "people", "file": upload}
        )
        assert response.status_code == 400, name


def test_it_checks_a_file_from_the_command_line_and_exits_1_on_refusal(tmp_path, worker):
    path = tmp_path / "old.csv"
    path.write_bytes(people_csv(3, bad_row=2))
    result = CliRunner().invoke(people_import, [str(path), "--dry-run"])
    assert result.exit_code == 1
    assert "Row 3: first_met_on" in result.output
    assert "nothing was written" in result.output
    path.write_bytes(people_csv(3))
    checked = CliRunner().invoke(people_import, [str(path), "--dry-run", "--json"])
    assert json.loads(checked.output) == {
        "kind": "people",
        "rows": 3,
        "written": False,
        "refused": [],
    }
    imported = CliRunner().invoke(people_import, [str(path)])
    assert imported.exit_code == 0 and "Imported 3 people rows." in imported.output
    assert Person.objects.count() == 3


def test_it_refuses_a_ten_thousand_row_file_with_one_bad_row_naming_that_row(worker):
    result = import_file("people", "big.csv", people_csv(10_000, bad_row=7_321), dry_run=False)
    assert result.rows == 10_000
    assert [str(r) for r in result.refused] == [
        "Row 7322: first_met_on '2025-13-40' is not a date like 2025-04-30"
    ]
    assert not Person.objects.exists()


def test_a_paused_row_imports_as_an_open_journey_with_a_pause(worker):
    data = (
        b"reference,name,referred_on,first_met_on,ended_on,end_reason\n"
        b"OLD-1,Paused Person,2025-02-01,2025-02-03,2025-06-01,paused\n"
        b"OLD-2,Ended Person,2025-02-01,2025-02-03,2025-06-01,moved_on\n"
    )
    assert import_file("people", "old.csv", data, dry_run=False).written
    paused = Journey.objects.get(person__reference="OLD-1")
    assert paused.ended_on is None and paused.state == "paused"
    assert str(paused.current_pause.paused_on) == "2025-06-01"
    assert Journey.objects.get(person__reference="OLD-2").state == "ended"
