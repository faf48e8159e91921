"""Free text as people type it, made safe to store: no control characters, sensible length.

Output is escaped by Django's templates; here we only refuse what no person
means to send (NUL and other control characters) and text far too long to read.
"""

from __future__ import annotations

import re

from django import forms

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
LONG_TEXT = 4000


def tidy(value: str) -> str:
    """Remove control and direction-override characters; keep line breaks and tabs."""
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class TidyCharField(forms.CharField):
    """A CharField that strips control characters before validating length."""

    def to_python(self, value):
        value = super().to_python(value)
        return tidy(value) if isinstance(value, str) else value


class WordsField(TidyCharField):
    """The person's own words: a textarea, kept under LONG_TEXT characters."""

    def __init__(self, *, max_length: int = LONG_TEXT, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        kwargs.setdefault(
            "error_messages",
            {"max_length": f"Please keep this under {max_length:,} characters."},
        )
        super().__init__(max_length=max_length, **kwargs)
