"""The text of a PDF as a reader's PDF viewer finds it (poppler's pdftotext)."""

from __future__ import annotations

import subprocess


def pdf_text(pdf: bytes) -> str:
    """Every page's text, in reading order, with runs of white space made single spaces."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())
