"""What Thrive cannot carry is left out with a warning while the text still imports."""

from tests.inquiry.hostile_corpus import (
    CODE,
    SOURCE,
    TEXT,
    package,
    project_xml,
    selection,
    text_source,
)
from thrive.inquiry.core.refi import read_qdpx

PDF = "55555555-6666-4777-8888-999999999999"
PDF_SELECTION = "66666666-7777-4888-8999-AAAAAAAAAAAA"
CASE = "77777777-8888-4999-8AAA-BBBBBBBBBBBB"
VARIABLE = "88888888-9999-4AAA-8BBB-CCCCCCCCCCCC"
PASSAGE = "It helped me find my feet"
START = TEXT.index(PASSAGE)


def mixed_project() -> bytes:
    pdf = (
        f'<PDFSource guid="{PDF}" name="Leaflet" path="internal://{PDF}.pdf">'
        f'<PDFSelection guid="{PDF_SELECTION}" page="1" firstX="0" firstY="0" secondX="9" '
        f'secondY="9"/></PDFSource>'
    )
    qde = project_xml(text_source(selection(START, START + len(PASSAGE))) + pdf).replace(
        b"<Sources>",
        f'<Variables><Variable guid="{VARIABLE}" name="Colour" typeOfVariable="Colour"/>'
        f'</Variables><Cases><Case guid="{CASE}" name="P05"><VariableValue>'
        f'<VariableRef targetGUID="{VARIABLE}"/><TextValue>red</TextValue></VariableValue>'
        f'<SourceRef targetGUID="{SOURCE}"/><SourceRef targetGUID="{PDF}"/>'
        f'<SelectionRef targetGUID="{PDF_SELECTION}"/></Case></Cases><Sources>'.encode(),
    )
    qde = qde.replace(
        b"</Project>",
        b'<Links><Link guid="99999999-AAAA-4BBB-8CCC-DDDDDDDDDDDD"/></Links>'
        b'<Graphs><Graph guid="A9999999-AAAA-4BBB-8CCC-DDDDDDDDDDDD"/></Graphs></Project>',
    )
    return package(qde)


def test_it_imports_the_text_source_alongside_unsupported_parts():
    project = read_qdpx(mixed_project()).project
    (source,) = project.sources
    (chosen,) = source.selections
    assert source.text[chosen.start : chosen.end] == PASSAGE
    assert chosen.codings[0].code_guid == CODE


def test_it_warns_about_each_kind_of_part_left_out():
    warnings = " ".join(read_qdpx(mixed_project()).warnings)
    for words in ("PDF source", "link", "graph", "variable 'Colour'"):
        assert words in warnings


def test_it_drops_references_to_parts_left_out():
    (case,) = read_qdpx(mixed_project()).project.cases
    assert case.source_guids == (SOURCE,)
    assert case.selection_guids == ()
    assert case.values == ()


def test_it_reads_inline_plain_text_content():
    inline = (
        f'<TextSource guid="{SOURCE}" name="Inline"><PlainTextContent>{TEXT}</PlainTextContent>'
        f"{selection()}</TextSource>"
    )
    (source,) = read_qdpx(package(project_xml(inline))).project.sources
    assert source.text == TEXT
    assert source.text[source.selections[0].start : source.selections[0].end].startswith("It")


def test_it_reads_a_relative_path_that_is_inside_the_container():
    qde = project_xml(text_source(selection(), path="relative://interviews/p05.txt"))
    data = package(qde, **{"interviews/p05.txt": TEXT.encode()})
    assert read_qdpx(data).project.sources[0].text == TEXT
