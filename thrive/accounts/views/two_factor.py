"""Setting up two-factor sign-in with an authenticator app, and turning it off."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from thrive.accounts import two_factor
from thrive.accounts.forms import CodeForm, PasswordForm
from thrive.lib.forms import posted, render_form


@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """Whether two-factor sign-in is on; if not, the key to add to an app and a code to confirm."""
    device = two_factor.confirmed_device(request.user)
    if device is not None:
        return show(request, off_form=PasswordForm(user=request.user))
    device = two_factor.device_to_confirm(request.user)
    form = CodeForm(posted(request))
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, "Two-factor sign-in is on. You'll be asked for a code when you log in."
            )
            return redirect("accounts:two_factor")
        form.add_error(
            "code",
            "That code did not match. Check the key was typed in full, "
            "then type the newest code your app shows.",
        )
    return show(request, device=device, form=form)


@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, after the password is typed again."""
    if two_factor.is_required_for(request.user):
        refusal = "Two-factor sign-in is required for coordinators at this service, so it stays on."
        return show(request, off_form=PasswordForm(user=request.user), error=refusal)
    form = PasswordForm(request.POST, user=request.user)
    if not form.is_valid():
        return show(request, off_form=form)
    two_factor.TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, "Two-factor sign-in is off. You'll log in with your password alone.")
    return redirect("accounts:two_factor")


def show(
    request: HttpRequest, *, device=None, form=None, off_form=None, error: str = ""
) -> HttpResponse:
    context = {
        "error": error,
        "device": device,
        "form": form,
        "off_form": off_form,
        "required": two_factor.is_required_for(request.user),
    }
    if device is not None:
        context["secret"] = two_factor.readable_secret(device)
        context["otpauth"] = device.config_url
    return render_form(request, "accounts/two_factor.html", context)
