"""Passages as a Word document to take away; tables go through thrive.lib.downloads."""

from __future__ import annotations

import io
from collections.abc import Iterable

from thrive.core.text import without_controls as clean


def docx_bytes(title: str, intro: str, passages: Iterable) -> bytes:
    """Passages as a Word document: a heading per transcript, each quote with its place."""
    from docx import Document

    document = Document()
    document.add_heading(clean(title), level=1)
    if intro:
        document.add_paragraph(clean(intro))
    current = None
    for passage in passages:
        if passage.transcript_id != current:
            current = passage.transcript_id
            heading = passage.transcript_title
            if passage.participant_label:
                heading = f"{heading} ({passage.participant_label})"
            document.add_heading(clean(heading), level=2)
        document.add_paragraph(clean(passage.quote), style="Quote")
        where = f"{passage.code_name} · characters {passage.start}–{passage.end}"
        if passage.coder:
            where += f" · coded by {passage.coder}"
        document.add_paragraph(clean(where))
        if passage.memo:
            document.add_paragraph(clean(f"Memo: {passage.memo}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
