"""Reading standalone codebooks (.qdc), including Taguette's slightly invalid ones."""

import pytest

from thrive.inquiry.core.refi import RefiError, read_qdc

TAGUETTE = b"""<?xml version='1.0' encoding='utf-8'?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1">
  <Codes>
    <Code guid="0F6B1C3E-2A4D-4E5F-9A8B-7C6D5E4F3A2B" name="hope" isCodable="true" color="#7FFF00">
      <Description>Talk about the future</Description>
    </Code>
  </Codes>
  <Sets/>
</CodeBook>"""


def test_it_accepts_taguettes_empty_sets_element():
    codebook = read_qdc(TAGUETTE)
    assert [(c.name, c.color, c.description) for c in codebook.codes] == [
        ("hope", "#7FFF00", "Talk about the future")
    ]
    assert codebook.sets == ()
    assert codebook.origin == "Taguette 1.4.1"


def test_it_refuses_a_project_given_as_a_codebook():
    with pytest.raises(RefiError, match="whole project"):
        read_qdc(b"PK\x03\x04rest")


def test_it_refuses_a_codebook_with_entities():
    hostile = TAGUETTE.replace(b"<CodeBook", b'<!DOCTYPE x [<!ENTITY a "b">]><CodeBook', 1)
    with pytest.raises(RefiError, match="DTD or entities"):
        read_qdc(hostile)


def test_it_refuses_a_set_listing_an_unknown_code():
    broken = TAGUETTE.replace(
        b"<Sets/>",
        b'<Sets><Set guid="1F6B1C3E-2A4D-4E5F-9A8B-7C6D5E4F3A2B" name="S">'
        b'<MemberCode guid="2F6B1C3E-2A4D-4E5F-9A8B-7C6D5E4F3A2B"/></Set></Sets>',
    )
    with pytest.raises(RefiError, match="not in the codebook"):
        read_qdc(broken)
