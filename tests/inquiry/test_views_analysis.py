"""Passages, search, the framework matrix, frequencies and co-occurrence pages and exports."""

import csv
import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Code, Inquiry, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Analysis")
    inquiry.team.add(co_researcher)
    p1 = Participant.objects.create(inquiry=inquiry, label="P1", attributes={"gender": "woman"})
    transcript = inquiry.add_transcript("T", "P1: =SUM(A1) warm home 🏠, kind people\n", p1)
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    love = Code.objects.get(inquiry=inquiry, name="Someone to love")
    transcript.add_coding(home, 4, 24, co_researcher, "memo here")
    transcript.add_coding(love, 13, 38, co_researcher)
    return inquiry, home, love, transcript


def get(client, name, inquiry, query=""):
    return client.get(reverse(f"inquiry:{name}", args=[inquiry.pk]) + query)


def test_it_shows_passages_linking_back_to_their_place(coded, login_as, co_researcher):
    inquiry, home, _, transcript = coded
    parent = home.parent
    page = get(login_as(co_researcher), "passages", inquiry, f"?code={parent.pk}").content.decode()
    assert "=SUM(A1) warm home 🏠" in page
    assert f"/transcripts/{transcript.pk}/?hl=4-24#hl" in page


def test_it_survives_hostile_passage_filters(coded, login_as, co_researcher):
    inquiry, *_ = coded
    client = login_as(co_researcher)
    for query in ("?code=abc", "?code=-1", "?code=99999999999999999999", "?participant=x&coder=%00",
                  "?code=1&attribute=noequals&attribute=a=b=c", "?format=docx"):  # fmt: skip
        assert get(client, "passages", inquiry, query).status_code == 200


def test_it_exports_passages_as_csv_xlsx_and_docx(coded, login_as, co_researcher):
    inquiry, home, _, _ = coded
    client = login_as(co_researcher)
    csv = get(client, "passages", inquiry, f"?code={home.pk}&format=csv").content.decode(
        "utf-8-sig"
    )
    assert "'=SUM(A1) warm home 🏠" in csv and "memo here" in csv
    book = openpyxl.load_workbook(
        io.BytesIO(get(client, "passages", inquiry, f"?code={home.pk}&format=xlsx").content)
    )
    assert book.active["F2"].value == "'=SUM(A1) warm home 🏠"
    document = docx.Document(
        io.BytesIO(get(client, "passages", inquiry, f"?code={home.pk}&format=docx").content)
    )
    assert any("warm home" in p.text for p in document.paragraphs)
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 3


def test_it_searches_with_links_to_each_place(coded, login_as, co_researcher):
    inquiry, _, _, transcript = coded
    client = login_as(co_researcher)
    page = get(client, "search", inquiry, "?q=Kind").content.decode()
    start = transcript.text.index("kind")
    assert f"?hl={start}-{start + 4}#hl" in page and "1 transcript found" in page
    assert get(client, "search", inquiry, "?q=%00%ff'\"OR").status_code == 200
    assert get(client, "search", inquiry, "?q=" + "a" * 10_000).status_code == 200
    export = get(client, "search", inquiry, "?q=kind&format=xlsx")
    assert export.content[:2] == b"PK"


def test_it_highlights_a_found_place_in_the_transcript(coded, login_as, co_researcher):
    inquiry, _, _, transcript = coded
    url = reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk])
    client = login_as(co_researcher)
    page = client.get(url + "?hl=25-29").content.decode()
    assert 'id="hl"' in page and "found" in page
    for bad in ("?hl=9-2", "?hl=-1-3", "?hl=0-999999", "?hl=x"):
        assert 'id="hl"' not in client.get(url + bad).content.decode()


def test_it_shows_and_exports_the_framework_matrix(coded, login_as, co_researcher):
    inquiry, *_ = coded
    client = login_as(co_researcher)
    page = get(client, "matrix", inquiry).content.decode()
    assert "Areas of living" in page and "“=SUM(A1) warm home 🏠”" in page
    text = get(client, "matrix", inquiry, "?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["code", "P1"]
    assert any(r[0] == "Areas of living" and r[1].startswith("2: ") for r in rows)
    own = get(client, "matrix", inquiry, "?children=0").content.decode()
    assert "Areas of living" not in own


def test_it_shows_frequencies_and_co_occurrence(coded, login_as, co_researcher):
    inquiry, *_ = coded
    client = login_as(co_researcher)
    assert "Someone to love" in get(client, "frequencies", inquiry).content.decode()
    rows = get(client, "cooccurrence", inquiry, "?format=csv").content.decode("utf-8-sig")
    assert rows.splitlines()[1].endswith(",1") or ",1" in rows
    assert "Overlapping codings" in get(client, "cooccurrence", inquiry).content.decode()
