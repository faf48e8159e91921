"""SVG text made safe: one place that escapes what people and scenarios put into a drawing."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr


def svg_text(value: str) -> str:
    """Text for an element's content (<title>, <desc>, <text>): &, < and > escaped."""
    return escape(value)


def svg_attribute(value: str) -> str:
    """A quoted attribute value, quotes and markup escaped: aria-label={svg_attribute(x)}."""
    return quoteattr(value)


def with_description(svg: str, description: str) -> str:
    """The drawing with a <desc> after its <title>, so a screen reader can say what it shows."""
    return svg.replace("</title>", f"</title><desc>{svg_text(description)}</desc>", 1)


def with_id_prefix(svg: str, prefix: str) -> str:
    """The drawing with every id, and every reference to one, prefixed: several drawings
    can then share one page without two elements having the same id."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
