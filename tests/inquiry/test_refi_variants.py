"""Projects written the way NVivo, MAXQDA, ATLAS.ti, QualCoder and others write them."""

import pytest

from tests.inquiry.refi_variants import LINES, PASSAGES, VARIANTS, variant_qdpx
from thrive.inquiry.core.refi import read_qdpx


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_it_lands_each_tools_selections_on_the_intended_text(name):
    source = read_qdpx(variant_qdpx(name)).project.sources[0]
    assert [source.text[s.start : s.end] for s in source.selections] == PASSAGES


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_it_records_the_convention_each_tool_used(name):
    result = read_qdpx(variant_qdpx(name))
    assert result.conventions == {
        result.project.sources[0].guid: VARIANTS[name].expected_convention
    }


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_it_stores_canonical_text_whatever_the_file_encoding(name):
    text = read_qdpx(variant_qdpx(name)).project.sources[0].text
    assert text == "\n".join(LINES) + "\n"
    assert "\r" not in text and "\ufeff" not in text


def test_it_normalises_braced_lower_case_guids():
    project = read_qdpx(variant_qdpx("atlasti")).project
    assert project.sources[0].guid == "0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3"
    assert project.sources[0].selections[0].codings[0].code_guid == project.codes[0].guid
