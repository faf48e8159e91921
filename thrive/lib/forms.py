"""Forms the same way everywhere: bind a post, mark a page with errors, keep people's words tidy."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import validate_email
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


WARM_MESSAGES: dict[type[forms.Field], dict[str, str]] = {
    forms.Field: {"required": "Please fill this in."},
    forms.ChoiceField: {"invalid_choice": "Please choose one of the options shown."},
    forms.ModelChoiceField: {"invalid_choice": "Please choose one of the options shown."},
    forms.MultipleChoiceField: {"invalid_choice": "Please choose from the options shown."},
    forms.ModelMultipleChoiceField: {"invalid_choice": "Please choose from the options shown."},
    forms.DateField: {"invalid": "Please give a whole date: the day, month and year."},
    forms.IntegerField: {"invalid": "Please give a whole number, such as 3."},
    forms.DecimalField: {"invalid": "Please give a number, such as 16 or 7.5."},
    forms.FloatField: {"invalid": "Please give a number, such as 16 or 7.5."},
}


def use_warm_messages() -> None:
    """Django's default field errors in Thrive's own words, saying what to do next; a form
    that words its own message keeps it."""
    for field, words in WARM_MESSAGES.items():
        field.default_error_messages = {**field.default_error_messages, **words}
    validate_email.message = "Please give an email address, such as name@example.org."


class PlainNumberInput(forms.NumberInput):
    """A number shown as people write it: 16, not 16.0; 7.5, not 7.50."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = f"{value.normalize():f}"
        return super().format_value(value)
