"""The study report's team-written texts as a form."""

from __future__ import annotations

from django import forms

from thrive.lib.forms import WordsField
from thrive.reports.models import LONGEST


class ReportTextForm(forms.Form):
    conclusions = WordsField(required=False, max_length=LONGEST, label="Conclusions")
    recommendations = WordsField(required=False, max_length=LONGEST, label="Recommendations")
    acknowledgements = WordsField(required=False, max_length=LONGEST, label="Acknowledgements")
