"""Forms for signing in with a second step and for turning it off."""

from __future__ import annotations

import re

from django import forms

from thrive.lib.forms import TidyCharField


class CodeForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    code = forms.CharField(
        label="Six-digit code",
        help_text="Open your authenticator app and type the code it shows for Thrive. "
        "A new code appears every 30 seconds.",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Please type the six digits your app shows.")
        return code


class PasswordForm(forms.Form):
    """The password again, before two-factor sign-in is turned off."""

    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password did not match. Please try again.")
        return password


class CoderNameForm(forms.Form):
    """The name other coders see on this person's codings and memos."""

    coder_name = TidyCharField(
        label="Name shown to other coders",
        required=False,
        max_length=80,
        help_text="Leave it blank to be shown by your name on this account.",
    )
