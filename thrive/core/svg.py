"""SVG text made safe: one place that escapes what people and scenarios put into a drawing."""

from __future__ import annotations

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
