"""Behind a reverse proxy: whom to believe about the client's address and scheme.

waitress resolves X-Forwarded-For and X-Forwarded-Proto itself, and only when the
request comes from THRIVE_TRUSTED_PROXY; from anyone else those headers are cleared.
So REMOTE_ADDR is the real client's address behind the proxy, and never a value an
outsider typed. The login pause and the referral limit both read it here.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.http import HttpRequest

FORWARDED_HEADERS = frozenset({"x-forwarded-for", "x-forwarded-proto"})


def waitress_options() -> dict:
    """What `thrive serve` tells waitress: whom to believe about forwarded headers."""
    options: dict = {"clear_untrusted_proxy_headers": True}
    if settings.BEHIND_PROXY and settings.TRUSTED_PROXY:
        options["trusted_proxy"] = settings.TRUSTED_PROXY
        options["trusted_proxy_headers"] = set(FORWARDED_HEADERS)
    return options


def client_address(request: HttpRequest) -> str:
    """The client's address as waitress resolved it from a trusted proxy (or the peer's own)."""
    return request.META.get("REMOTE_ADDR", "")


@checks.register(checks.Tags.security, deploy=True)
def check_proxy_setup(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Set-ups that cannot work behind a proxy, each described in one line."""
    problems: list[checks.CheckMessage] = []
    if settings.HTTPS and settings.BEHIND_PROXY and not settings.TRUSTED_PROXY:
        problems.append(
            checks.Error(
                "THRIVE_HTTPS and THRIVE_BEHIND_PROXY are on but THRIVE_TRUSTED_PROXY is empty, "
                "so the proxy's X-Forwarded-Proto is dropped and every page redirects to itself; "
                "set THRIVE_TRUSTED_PROXY to the proxy's address.",
                id="thrive.E001",
            )
        )
    if settings.BEHIND_PROXY and settings.TRUSTED_PROXY == "*":
        problems.append(
            checks.Warning(
                "THRIVE_TRUSTED_PROXY is * so forwarded headers are believed from any address, "
                "and anyone who reaches Thrive directly can pretend to be someone else; "
                "set it to the proxy's own address.",
                id="thrive.W002",
            )
        )
    return problems
