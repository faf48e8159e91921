"""Coordinators manage logins in the browser: who has which role, new logins, set-password
links, and deactivation (never deletion, so the history keeps who did what)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thrive.accounts import logins
from thrive.accounts.access import requires
from thrive.accounts.forms import NewLoginForm, NewPasswordForm, RoleForm
from thrive.accounts.models import Capability, Role, User
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.lib.forms import posted, render_form


@requires(Capability.MANAGE_USERS)
def login_list(request: HttpRequest) -> HttpResponse:
    """Everyone who can sign in (and those who no longer can), with their roles."""
    people = User.objects.order_by("-is_active", "first_name", "last_name", "username")
    counts = {label: people.filter(is_active=True, role=key).count() for key, label in Role.choices}
    return render(request, "team/list.html", {"people": people, "counts": counts})


@requires(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def login_create(request: HttpRequest) -> HttpResponse:
    """A new login; the next page gives the link where the person sets their own password."""
    form = NewLoginForm(posted(request), initial={"role": Role.WORKER})
    if form.is_valid():
        data = form.cleaned_data
        user = logins.create_login(
            data["username"],
            data["role"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            peer=data["peer"],
        )
        record(request, Action.CREATE, "login", user.pk, f"{user.username} as {user.role_label}")
        return _show_link(request, user, created=True)
    return render_form(request, "team/new.html", {"form": form})


@requires(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def login_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One login: change its role, make a new set-password link, deactivate or reactivate."""
    person = get_object_or_404(User, pk=pk)
    form = RoleForm(
        posted(request), initial={"role": person.role, "peer": person.is_peer_supporter}
    )
    error = ""
    if form.is_valid():
        before = person.role_label
        try:
            changed = logins.change_role(
                person, form.cleaned_data["role"], form.cleaned_data["peer"]
            )
        except logins.LoginRefused as refused:
            error = str(refused)
        else:
            if changed:
                record(
                    request,
                    Action.CHANGE,
                    "login",
                    person.pk,
                    f"role {before} → {person.role_label}",
                )
                messages.success(request, f"{person.display_name} is now a {person.role_label}.")
            return redirect("team:login_detail", pk=person.pk)
    return render_form(
        request,
        "team/detail.html",
        {"person": person, "form": form, "error": error},
    )


@requires(Capability.MANAGE_USERS)
@require_POST
def login_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A fresh one-time link to set a password (earlier unused links keep working until used
    or expired; using any of them ends the others, since the password changes)."""
    person = get_object_or_404(User, pk=pk, is_active=True)
    record(request, Action.CHANGE, "login", person.pk, "set-password link made")
    return _show_link(request, person, created=False)


def _show_link(request: HttpRequest, person: User, *, created: bool) -> HttpResponse:
    link = request.build_absolute_uri(logins.set_password_path(person))
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return render(
        request,
        "team/link.html",
        {"person": person, "link": link, "created": created, "timeout_days": days},
    )


@requires(Capability.MANAGE_USERS)
@require_POST
def login_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a login (it can no longer sign in) or let it sign in again."""
    person = get_object_or_404(User, pk=pk)
    if request.POST.get("active") == "yes":
        logins.reactivate(person)
        record(request, Action.CHANGE, "login", person.pk, "reactivated")
        messages.success(request, f"{person.display_name} can sign in again.")
    else:
        try:
            logins.deactivate(person, request.user)
        except logins.LoginRefused as refused:
            messages.error(request, str(refused))
        else:
            record(request, Action.CHANGE, "login", person.pk, "deactivated")
            messages.success(
                request,
                f"{person.display_name} can no longer sign in. Everything they recorded stays.",
            )
    return redirect("team:login_detail", pk=person.pk)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The person's own page for choosing a password, reached through their one-time link."""

    template_name = "team/set_password.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:login")

    def get_user(self, uidb64):
        """Nobody: a deactivated login's link stops working with it."""
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        record(
            None,
            Action.CHANGE,
            "login",
            self.user.pk,
            "password set through a link",
            user=self.user,
        )
        messages.success(self.request, "Your password is set. Please sign in with it.")
        return response


set_password = login_not_required(SetPasswordView.as_view())
