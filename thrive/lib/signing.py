"""Signed links: unguessable, expiring tokens that carry one value, each purpose with its salt.

A link opens without an account, so its token must prove where it came from (Django's
signing with the secret key and a per-purpose salt) and when (its age is checked on
every opening). Revoking is the caller's part: put a value in the token that the record
can change, such as a counter, and compare it on opening.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.core import signing


class LinkProblem(StrEnum):
    EXPIRED = "expired"
    NOT_VALID = "not valid"


class LinkRefused(Exception):
    """A token that cannot be used; `problem` says whether it expired or was never valid."""

    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def make_link_token(purpose: str, value: str | int | list | dict) -> str:
    """A URL-safe token carrying `value`, signed for this purpose only."""
    return signing.dumps(value, salt=f"thrive.{purpose}", compress=True)


def read_link_token(purpose: str, token: str, max_age: timedelta) -> str | int | list | dict:
    """The value in a token made for this purpose and younger than max_age, or LinkRefused."""
    try:
        return signing.loads(token, salt=f"thrive.{purpose}", max_age=max_age)
    except signing.SignatureExpired:
        raise LinkRefused(LinkProblem.EXPIRED) from None
    except signing.BadSignature:
        raise LinkRefused(LinkProblem.NOT_VALID) from None
