"""Forms the same way everywhere: bind a post, mark a page with errors, keep people's words tidy."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thrive.core.text import tidy

LONG_TEXT = 4000


def posted(request: HttpRequest, files: bool = False):
    """The posted data (even when empty) for a POST, None for a GET, so forms bind correctly."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def render_form(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a page; a form with errors makes the title start with 'Error: '."""
    forms_with_errors = [f for f in context.values() if getattr(f, "errors", None)]
    context.setdefault("has_errors", bool(forms_with_errors) or bool(context.get("error")))
    return render(request, template, context)


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
