"""Forms for signing in with a second step, one's name as a coder, and managing logins."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from thrive.accounts.models import Role, User
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


class RoleForm(forms.Form):
    """What a login may do: its role, and for a worker whether they are a peer supporter."""

    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    peer = forms.BooleanField(
        label="A peer supporter (a worker who brings lived experience)", required=False
    )


class NewLoginForm(RoleForm):
    """A new login: a username and a name to be known by; the person sets their password."""

    username = TidyCharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in: letters, digits and . @ + - _ only.",
        validators=[UnicodeUsernameValidator()],
        error_messages={"required": "Please choose a username for them to sign in with."},
    )
    first_name = TidyCharField(label="First name", max_length=150, required=False)
    last_name = TidyCharField(label="Last name", max_length=150, required=False)
    field_order = ["username", "first_name", "last_name", "role", "peer"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                "Someone already signs in with that username; please choose another."
            )
        return username


class NewPasswordForm(SetPasswordForm):
    """Choosing a password: a password that is too short or too common is explained beside
    the first box, where it was typed, not beside the box that repeats it."""

    def validate_password_for_user(self, user, *_, **__) -> None:
        super().validate_password_for_user(user, "new_password1")


class ChangePasswordForm(PasswordChangeForm, NewPasswordForm):
    """Changing one's own password, with the same placement of messages."""
