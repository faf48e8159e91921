"""A codebook's sets of codes become code groups, and the codebook exports them again."""

import pytest

from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import CodeGroup, Inquiry

pytestmark = pytest.mark.django_db

GUIDS = [f"{n:08X}-AAAA-4BBB-8CCC-DDDDDDDDDDDD" for n in range(5)]


def codebook_file() -> bytes:
    codes = (
        refi.Code(GUIDS[0], "Barriers", children=(refi.Code(GUIDS[1], "Money"),)),
        refi.Code(GUIDS[2], "Calm"),
    )
    sets = (refi.Set(GUIDS[3], "Ask at member check", "Open questions", (GUIDS[1], GUIDS[2])),)
    return refi.qdc_bytes(refi.Codebook(codes, sets))


def test_it_keeps_a_set_of_codes_as_a_code_group_and_writes_it_back():
    inquiry = Inquiry.objects.create_inquiry("Codebook study", from_template=False)
    added, _, warnings = exchange.import_codebook_qdc(inquiry, codebook_file())
    assert added == 3
    assert warnings == []
    group = CodeGroup.objects.get(inquiry=inquiry, name="Ask at member check")
    assert group.description == "Open questions"
    assert sorted(group.codes.values_list("name", flat=True)) == ["Calm", "Money"]
    back = refi.read_qdc(exchange.codebook_qdc(inquiry))
    names = {c.guid: c.name for c in refi.model.all_codes(back.codes)}
    assert [(s.name, sorted(names[g] for g in s.code_guids)) for s in back.sets] == [
        ("Ask at member check", ["Calm", "Money"])
    ]


def test_importing_the_codebook_again_adds_no_second_group():
    inquiry = Inquiry.objects.create_inquiry("Codebook study", from_template=False)
    exchange.import_codebook_qdc(inquiry, codebook_file())
    exchange.import_codebook_qdc(inquiry, codebook_file())
    assert CodeGroup.objects.get(inquiry=inquiry).codes.count() == 2
