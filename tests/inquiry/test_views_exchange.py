"""The Exchange page: REFI-QDA downloads and imports for the team; bad files change nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.inquiry.hostile_corpus import HOSTILE
from tests.inquiry.test_exchange_import import MINIMAL, row_counts
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.models import Code, Coding, Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(co_researcher, worker):
    inquiry = Inquiry.objects.create_inquiry("Exchange")
    inquiry.team.add(co_researcher, worker)
    inquiry.add_transcript("Interview", "P1: the café group gave me a warm place.\n")
    return inquiry


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_it_shows_the_exchange_page_with_what_is_not_carried(inquiry, login_as, co_researcher):
    response = login_as(co_researcher).get(reverse("inquiry:exchange", args=[inquiry.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Exchange with other tools" in page
    assert "Download the project (.qdpx)" in page and "interview guide" in page


def test_it_downloads_the_project_and_records_the_export(inquiry, login_as, worker):
    response = login_as(worker).get(reverse("inquiry:exchange_qdpx", args=[inquiry.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Exchange.qdpx"'
    assert "project.qde" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, subject_type="inquiry", subject_id=str(inquiry.pk)
    ).exists()


def test_it_downloads_the_codebook(inquiry, login_as, worker):
    response = login_as(worker).get(reverse("inquiry:exchange_qdc", args=[inquiry.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"<?xml") and b"<CodeBook" in response.content


def test_it_says_why_an_empty_codebook_cannot_be_downloaded(login_as, coordinator):
    empty = Inquiry.objects.create_inquiry("Empty", from_template=False)
    client = login_as(coordinator)
    response = client.get(reverse("inquiry:exchange_qdc", args=[empty.pk]), follow=True)
    assert "A codebook needs at least one code" in response.content.decode()


@pytest.mark.parametrize("name", ["exchange", "exchange_qdpx", "exchange_qdc"])
def test_it_refuses_people_off_the_team(name, inquiry, login_as, outsider, viewer):
    address = reverse(f"inquiry:{name}", args=[inquiry.pk])
    assert login_as(outsider).get(address).status_code == 403
    assert login_as(viewer).get(address).status_code == 403


def test_it_refuses_a_commissioner_the_project_import(login_as, viewer):
    client = login_as(viewer)
    address = reverse("inquiry:project_import")
    assert client.get(address).status_code == 403
    assert client.post(address, {"file": upload("p.qdpx", MINIMAL)}).status_code == 403
    assert Inquiry.objects.count() == 0


def test_it_refuses_an_outsider_the_codebook_import(inquiry, login_as, outsider):
    address = reverse("inquiry:exchange_codebook_import", args=[inquiry.pk])
    before = row_counts()
    data = exchange.codebook_qdc(inquiry)
    assert login_as(outsider).post(address, {"file": upload("c.qdc", data)}).status_code == 403
    assert {k: v for k, v in row_counts().items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"
    }


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("exchange", "post"),
        ("exchange_qdpx", "post"),
        ("exchange_qdc", "post"),
        ("exchange_codebook_import", "get"),
    ],
)
def test_it_refuses_the_wrong_method(name, method, inquiry, login_as, worker):
    address = reverse(f"inquiry:{name}", args=[inquiry.pk])
    assert getattr(login_as(worker), method)(address).status_code == 405


def test_it_refuses_the_wrong_method_for_the_project_import(login_as, worker):
    assert login_as(worker).put(reverse("inquiry:project_import")).status_code == 405


def test_it_imports_a_project_as_a_new_inquiry_with_the_importer_on_the_team(login_as, worker):
    client = login_as(worker)
    response = client.post(
        reverse("inquiry:project_import"),
        {"file": upload("minimal.qdpx", MINIMAL), "title": "From QualCoder"},
        follow=True,
    )
    assert response.status_code == 200
    inquiry = Inquiry.objects.get(title="From QualCoder")
    assert inquiry.team.filter(pk=worker.pk).exists()
    assert Coding.objects.filter(transcript__inquiry=inquiry).count() == 2
    page = response.content.decode()
    assert "Imported “From QualCoder” with 1 transcript." in page
    assert "positions counted as characters, as the REFI-QDA standard asks" in page


def test_it_asks_for_a_file_when_none_is_sent(login_as, worker):
    response = login_as(worker).post(reverse("inquiry:project_import"), {})
    assert response.status_code == 200
    assert "<title>Error: Import a project" in response.content.decode()


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_it_refuses_each_hostile_project_with_one_message_and_no_change(label, login_as, worker):
    data, words = HOSTILE[label]
    before = row_counts()
    response = login_as(worker).post(
        reverse("inquiry:project_import"), {"file": upload("hostile.qdpx", data)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Import a project" in page
    assert page.count('role="alert"') == 1
    assert words.lower() in page.lower().replace("&#x27;", "'")
    assert row_counts() == before


def test_it_refuses_a_project_over_the_size_limit(login_as, worker, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 1000)
    response = login_as(worker).post(
        reverse("inquiry:project_import"), {"file": upload("big.qdpx", MINIMAL)}
    )
    assert "larger than" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_it_imports_a_codebook_into_the_inquiry(inquiry, login_as, worker):
    other = Inquiry.objects.create_inquiry("Other", from_template=False)
    Code.objects.create(inquiry=other, name="Café group", colour="#123456")
    address = reverse("inquiry:exchange_codebook_import", args=[inquiry.pk])
    response = login_as(worker).post(
        address, {"file": upload("c.qdc", exchange.codebook_qdc(other))}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("inquiry:codebook", args=[inquiry.pk])
    assert Code.objects.get(inquiry=inquiry, name="Café group").colour == "#123456"


@pytest.mark.parametrize(
    "data",
    [b"not xml at all", MINIMAL, b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'],
)
def test_it_refuses_a_bad_codebook_with_one_message_and_no_change(data, inquiry, login_as, worker):
    before = row_counts()
    address = reverse("inquiry:exchange_codebook_import", args=[inquiry.pk])
    response = login_as(worker).post(address, {"file": upload("c.qdc", data)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Exchange with other tools" in page
    assert page.count('role="alert"') == 1
    assert row_counts() == before


def test_it_links_the_exchange_page_and_the_project_import(inquiry, login_as, worker):
    client = login_as(worker)
    listing = client.get(reverse("inquiry:list")).content.decode()
    assert reverse("inquiry:project_import") in listing
    codebook = client.get(reverse("inquiry:codebook", args=[inquiry.pk])).content.decode()
    assert reverse("inquiry:exchange", args=[inquiry.pk]) in codebook
