"""Logging in: the password, then the six-digit code for people who use two-factor sign-in."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from thrive.accounts import two_factor
from thrive.accounts.forms import CodeForm
from thrive.lib.forms import posted, render_form


class LoginView(auth_views.LoginView):
    """Django's login page; someone with an authenticator is asked for a code next."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.confirmed_device(user) is None:
            return super().form_valid(form)
        two_factor.remember_password_step(self.request, user, self.get_success_url())
        return redirect("accounts:login_code")


class LogoutView(auth_views.LogoutView):
    """Django's logout, then the login page says plainly that it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have logged out. Close the browser on a shared computer.")
        return response


@login_not_required
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the app finishes the login the password began."""
    pending = two_factor.pending_login(request)
    user = None
    if pending is not None:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        two_factor.forget_password_step(request)
        return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        two_factor.forget_password_step(request)
        return get_lockout_response(request, None, credentials)
    form = CodeForm(posted(request))
    if form.is_valid():
        device = two_factor.confirmed_device(user)
        if device is not None and device.verify_token(form.cleaned_data["code"]):
            two_factor.forget_password_step(request)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(pending["next"])
        form.add_error(
            "code",
            "That code did not match. Codes change every 30 seconds: please type the newest one.",
        )
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            two_factor.forget_password_step(request)
            return get_lockout_response(request, None, credentials)
    return render_form(request, "accounts/login_code.html", {"form": form})
