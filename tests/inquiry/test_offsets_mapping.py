"""Positions counted by other tools map onto canonical code-point offsets."""

import pytest

from thrive.inquiry.core.offsets import (
    Convention,
    OffsetMap,
    SourceText,
    candidate_conventions,
    decoded_source,
    detected_convention,
)

RAW = "Intro 😊 line\r\nP1: café 🚌 trip\r\n"
CANONICAL = "Intro 😊 line\nP1: café 🚌 trip\n"


def positions(raw: str, passage: str, unit: str) -> tuple[int, int]:
    start = raw.index(passage)
    before = {"utf16": lambda s: len(s.encode("utf-16-le")) // 2, "utf8": lambda s: len(s.encode())}
    count = before.get(unit, len)
    return count(raw[:start]), count(raw[: start + len(passage)])


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_it_maps_each_unit_with_crlf_counted_twice(unit):
    offsets = OffsetMap(SourceText(RAW), Convention(unit, crlf_units=2))
    start, end = offsets.span(*positions(RAW, "trip", unit))
    assert CANONICAL[start:end] == "trip"


def test_it_maps_utf16_positions_on_lf_text_when_crlf_counted_once():
    lf = RAW.replace("\r\n", "\n")
    offsets = OffsetMap(SourceText(RAW), Convention("utf16", crlf_units=1))
    start, end = offsets.span(*positions(lf, "café 🚌", "utf16"))
    assert CANONICAL[start:end] == "café 🚌"


def test_it_maps_an_inclusive_end_ending_on_an_emoji():
    offsets = OffsetMap(SourceText(RAW), Convention("utf16", inclusive_end=True))
    start, end = positions(RAW, "café 🚌", "utf16")
    at = CANONICAL.index("café 🚌")
    assert offsets.span(start, end - 1) == (at, at + len("café 🚌"))


def test_it_shifts_positions_that_count_the_byte_order_mark():
    offsets = OffsetMap(SourceText(RAW, had_bom=True), Convention("utf8", counts_bom=True))
    start, end = positions(RAW, "line", "utf8")
    assert CANONICAL[slice(*offsets.span(start + 3, end + 3))] == "line"


def test_it_refuses_positions_inside_a_character_or_beyond_the_text():
    offsets = OffsetMap(SourceText(RAW), Convention("utf16"))
    assert offsets.span(7, 8) is None
    assert offsets.span(0, 999) is None
    assert offsets.span(5, 2) is None


def test_it_detects_utf16_from_selection_names():
    selections = [(*positions(RAW, p, "utf16"), p) for p in ("line", "trip")]
    assert detected_convention(SourceText(RAW), selections).name == "utf16-crlf2-exclusive"


def test_it_detects_the_convention_from_word_edges_without_names():
    selections = [(*positions(RAW, p, "utf8"), "") for p in ("line", "café", "trip")]
    assert detected_convention(SourceText(RAW), selections).name == "utf8-crlf2-exclusive"


def test_it_accepts_a_truncated_name_as_evidence():
    selections = [(*positions(RAW, "café 🚌 trip", "utf16"), "café…")]
    assert detected_convention(SourceText(RAW), selections).unit == "utf16"


def test_it_offers_only_conventions_that_count_differently():
    assert [c.name for c in candidate_conventions(SourceText("plain\n"))] == [
        "codepoint-crlf2-exclusive",
        "codepoint-crlf2-inclusive",
    ]


@pytest.mark.parametrize(
    ("data", "bom"),
    [
        (RAW.encode("utf-8"), False),
        (RAW.encode("utf-8-sig"), True),
        (RAW.encode("utf-16"), True),
        (RAW.encode("utf-16-le"), False),
        (RAW.encode("utf-16-be"), False),
    ],
)
def test_it_decodes_source_files_in_common_encodings(data, bom):
    decoded = decoded_source(data)
    assert (decoded.raw, decoded.had_bom, decoded.canonical) == (RAW, bom, CANONICAL)


def test_it_falls_back_to_windows_1252_for_legacy_text():
    assert decoded_source("Café – naïve".encode("cp1252")).raw == "Café – naïve"
