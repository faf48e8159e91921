"""Passages can be narrowed to a group of transcripts or a group of codes."""

import pytest

from tests.inquiry.tool_projects import tool_qdpx
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.models import CodeGroup, DocumentGroup
from thrive.inquiry.retrieval import PassageFilter, passages

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(coordinator):
    inquiry, _, _ = exchange.import_project(tool_qdpx("MAXQDA"), user=coordinator)
    return inquiry


def quotes(study, code_name, **chosen):
    code = study.codes.get(name=code_name)
    return sorted(p.quote for p in passages(study, code, PassageFilter(**chosen)))


def test_it_keeps_passages_of_transcripts_in_a_document_group(study):
    second_round = DocumentGroup.objects.get(inquiry=study, name="Second round")
    assert quotes(study, "Way forward") == [
        "I felt calmer",
        "I work three days a week now",
        "started volunteering",
        "started volunteering",
    ]
    assert quotes(study, "Way forward", document_group_ids=(second_round.pk,)) == [
        "I work three days a week now"
    ]


def test_it_keeps_passages_coded_with_codes_in_a_code_group(study):
    wellbeing = CodeGroup.objects.get(inquiry=study, name="Wellbeing codes")
    assert quotes(study, "Way forward", code_group_ids=(wellbeing.pk,)) == [
        "I felt calmer",
        "I work three days a week now",
        "started volunteering",
    ]


def test_a_group_of_another_inquiry_finds_nothing(study, coordinator):
    other, _, _ = exchange.import_project(tool_qdpx("MAXQDA"), user=coordinator, title="Other")
    theirs = DocumentGroup.objects.get(inquiry=other, name="Second round")
    assert quotes(study, "Way forward", document_group_ids=(theirs.pk,)) == []


def test_the_passages_page_offers_the_groups_and_narrows_to_one(study, coordinator, login_as):
    second_round = DocumentGroup.objects.get(inquiry=study, name="Second round")
    code = study.codes.get(name="Way forward")
    url = f"/inquiries/{study.pk}/passages/"
    client = login_as(coordinator)
    page = client.get(url, {"code": code.pk})
    assert "Transcripts in a group" in page.text and "Wellbeing codes" in page.text
    narrowed = client.get(url, {"code": code.pk, "document_group": second_round.pk})
    assert [p.quote for p in narrowed.context["passages"]] == ["I work three days a week now"]
    odd = client.get(url, {"code": code.pk, "document_group": "not-a-number"})
    assert odd.status_code == 200 and len(odd.context["passages"]) == 4
