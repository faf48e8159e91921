"""The codebook pages: add, edit and move, merge, split, remove, export and import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Code, Coding, Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Codes")
    inquiry.team.add(co_researcher)
    transcript = inquiry.add_transcript("T", "P1: warm home, kind people\n")
    codes = {c.name: c for c in Code.objects.filter(inquiry=inquiry)}
    transcript.add_coding(codes["Somewhere to dwell"], 4, 14, co_researcher)
    transcript.add_coding(codes["Somewhere to dwell"], 16, 27, co_researcher)
    return inquiry, codes


def test_it_adds_a_code_inside_another(book, login_as, co_researcher):
    inquiry, codes = book
    response = login_as(co_researcher).post(
        reverse("inquiry:codebook", args=[inquiry.pk]),
        {"new-name": "Noise", "new-parent": codes["Somewhere to dwell"].pk, "new-colour": "#aa3300",
         "new-valence": "invalidating", "new-codable": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Code.objects.get(name="Noise").parent == codes["Somewhere to dwell"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new-name": "", "new-colour": "#aa3300"}, "Please fill this in."),
        ({"new-name": "A/B", "new-colour": "#aa3300"}, "slash"),
        ({"new-name": "Ok", "new-colour": "red"}, "colour such as"),
        ({"new-name": "Areas of living", "new-colour": "#aa3300"}, "already a code"),
        ({"new-name": "Ok", "new-colour": "#aa3300", "new-parent": "99999"}, "options shown"),
    ],
)
def test_it_explains_bad_codes(book, login_as, co_researcher, data, message):
    inquiry, _ = book
    page = login_as(co_researcher).post(
        reverse("inquiry:codebook", args=[inquiry.pk]), {"new-valence": "neutral", **data}
    )
    text = page.content.decode().replace("&#x27;", "'")
    assert "<title>Error: " in text and message in text


def test_it_renames_and_moves_but_refuses_a_cycle(book, login_as, co_researcher):
    inquiry, codes = book
    client = login_as(co_researcher)
    areas = codes["Areas of living"]
    edit = reverse("inquiry:code_edit", args=[inquiry.pk, areas.pk])
    fields = {"name": "Areas", "colour": "#112233", "valence": "neutral"}
    cycle = client.post(edit, {**fields, "parent": codes["Somewhere to dwell"].pk})
    assert "<title>Error: " in cycle.content.decode() and "inside itself" in cycle.content.decode()
    assert Code.objects.get(pk=areas.pk).name == "Areas of living"
    assert client.post(edit, fields).status_code == 302
    assert Code.objects.get(pk=areas.pk).name == "Areas"


def test_it_merges_codes_from_the_page(book, login_as, co_researcher):
    inquiry, codes = book
    source, target = codes["Somewhere to dwell"], codes["Someone to love"]
    client = login_as(co_researcher)
    merge = reverse("inquiry:code_merge", args=[inquiry.pk, source.pk])
    into_child = client.post(merge, {"target": codes["Somewhere to dwell (validating)"].pk})
    assert "own codes" in into_child.content.decode()
    assert client.post(merge, {"target": target.pk}).status_code == 302
    assert Coding.objects.filter(code=target).count() == 2


def test_it_splits_passages_into_a_new_code(book, login_as, co_researcher):
    inquiry, codes = book
    home = codes["Somewhere to dwell"]
    first = home.codings.order_by("start").first()
    client = login_as(co_researcher)
    split = reverse("inquiry:code_split", args=[inquiry.pk, home.pk])
    none = client.post(split, {"name": "People"})
    assert "Choose at least one passage" in none.content.decode()
    foreign = client.post(split, {"name": "People", "codings": ["999999"]})
    assert "<title>Error: " in foreign.content.decode()
    assert client.post(split, {"name": "People", "codings": [first.pk]}).status_code == 302
    assert list(Code.objects.get(name="People").codings.all()) == [first]


def test_it_audits_the_passages_the_split_page_shows_and_the_split(book, login_as, co_researcher):
    inquiry, codes = book
    home = codes["Somewhere to dwell"]
    first = home.codings.order_by("start").first()
    client = login_as(co_researcher)
    split = reverse("inquiry:code_split", args=[inquiry.pk, home.pk])
    assert "warm home" in client.get(split).content.decode()
    read = AuditEvent.objects.get(action=Action.VIEW)
    assert (read.subject_type, read.detail) == (
        "transcript",
        f"passages of code {home.pk} to split",
    )
    client.post(split, {"name": "People", "codings": [first.pk]})
    people = Code.objects.get(name="People")
    changed = AuditEvent.objects.get(action=Action.CHANGE)
    assert (changed.subject_type, changed.subject_id) == ("inquiry", str(inquiry.pk))
    assert changed.detail == f"code {home.pk} split: 1 passage(s) to code {people.pk}"


def test_it_removes_only_empty_codes(book, login_as, co_researcher):
    inquiry, codes = book
    client = login_as(co_researcher)
    busy = client.post(
        reverse("inquiry:code_delete", args=[inquiry.pk, codes["Somewhere to dwell"].pk]),
        follow=True,
    )
    assert "still holds" in busy.content.decode()
    empty = codes["Somewhere to dwell (validating)"]
    client.post(reverse("inquiry:code_delete", args=[inquiry.pk, empty.pk]))
    assert not Code.objects.filter(pk=empty.pk).exists()


def test_it_exports_and_imports_the_codebook(book, login_as, co_researcher):
    inquiry, _ = book
    client = login_as(co_researcher)
    exported = client.get(reverse("inquiry:codebook_export", args=[inquiry.pk]) + "?format=csv")
    assert exported["Content-Type"].startswith("text/csv")
    other = Inquiry.objects.create_inquiry("Blank", from_template=False)
    other.team.add(co_researcher)
    response = client.post(
        reverse("inquiry:codebook_import", args=[other.pk]),
        {"file": SimpleUploadedFile("codebook.csv", exported.content)},
    )
    assert response.status_code == 302
    assert other.codes.count() == inquiry.codes.count()
    xlsx = client.get(reverse("inquiry:codebook_export", args=[inquiry.pk]) + "?format=xlsx")
    assert xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("name", "data"),
    [("codebook.csv", b"\x00\x01\x02"), ("codebook.xlsx", b"junk"), ("c.txt", b"code\nA\n")],
)
def test_it_explains_a_bad_codebook_file(book, login_as, co_researcher, name, data):
    inquiry, _ = book
    response = login_as(co_researcher).post(
        reverse("inquiry:codebook_import", args=[inquiry.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200 and "<title>Error: " in response.content.decode()
