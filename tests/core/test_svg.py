"""Text put into a drawing cannot become markup."""

from defusedxml import ElementTree

from thrive.core.svg import svg_attribute, svg_text, with_description, with_id_prefix

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>Net savings</title></svg>'


def test_it_escapes_markup_in_text_and_attributes():
    assert svg_text("<script>&") == "&lt;script&gt;&amp;"
    assert svg_attribute('say "hi" <b>') == "'say \"hi\" &lt;b&gt;'"


def test_it_adds_a_description_after_the_title():
    described = with_description(SVG, "Savings & costs <by payer>")
    root = ElementTree.fromstring(described)
    desc = root.find("{http://www.w3.org/2000/svg}desc")
    assert desc is not None
    assert desc.text == "Savings & costs <by payer>"


def test_it_prefixes_every_id_and_every_reference_to_one():
    drawing = (
        '<svg><defs><path id="m1"/><clipPath id="p2"/></defs>'
        '<g clip-path="url(#p2)"><use xlink:href="#m1"/></g></svg>'
    )
    assert with_id_prefix(drawing, "chart1") == (
        '<svg><defs><path id="chart1-m1"/><clipPath id="chart1-p2"/></defs>'
        '<g clip-path="url(#chart1-p2)"><use xlink:href="#chart1-m1"/></g></svg>'
    )
