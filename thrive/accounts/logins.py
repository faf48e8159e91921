"""Logins managed in the browser: created with a role, a one-time link to set a password,
deactivated rather than deleted so every record keeps who wrote it."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from thrive.accounts.models import Role, User


class LoginRefused(ValueError):
    """A change to a login that would leave the service unmanaged; one sentence why."""


def set_password_path(user: User) -> str:
    """The one-time address where the person sets their own password.

    Django's token hashes the current password and last login, so the link stops working
    once it has been used, when another link is made after a password is set, or after
    PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("team:set_password", kwargs={"uidb64": uid, "token": token})


def other_active_coordinators(user: User) -> bool:
    return User.objects.filter(is_active=True, role=Role.COORDINATOR).exclude(pk=user.pk).exists()


@transaction.atomic
def create_login(
    username: str, role: str, *, first_name: str = "", last_name: str = "", peer: bool = False
) -> User:
    """A new login with no usable password: the person sets it through their link."""
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        is_peer_supporter=peer and role == Role.WORKER,
    )
    user.set_unusable_password()
    user.save()
    return user


def change_role(user: User, role: str, peer: bool) -> bool:
    """Give a login another role; False when nothing changed. The last coordinator stays one."""
    peer = peer and role == Role.WORKER
    if user.role == role and user.is_peer_supporter == peer:
        return False
    leaving = user.role == Role.COORDINATOR and role != Role.COORDINATOR
    if leaving and not other_active_coordinators(user):
        raise LoginRefused(
            "Someone else needs to be a coordinator first, so the service is never left "
            "without one."
        )
    user.role = role
    user.is_peer_supporter = peer
    user.save(update_fields=["role", "is_peer_supporter"])
    return True


def deactivate(user: User, by: User) -> None:
    """Stop a login from signing in (any open session ends at its next page); history stays."""
    if user.pk == by.pk:
        raise LoginRefused("You cannot deactivate your own login; ask another coordinator.")
    if user.role == Role.COORDINATOR and not other_active_coordinators(user):
        raise LoginRefused("This is the only active coordinator; make someone else one first.")
    user.is_active = False
    user.save(update_fields=["is_active"])


def reactivate(user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
