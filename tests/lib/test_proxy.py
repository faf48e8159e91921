"""Whom Thrive believes about a client's address: waitress, told the proxy's address only."""

from django.test import RequestFactory
from waitress.proxy_headers import proxy_headers_middleware

from thrive.journeys.ratelimit import client_key
from thrive.lib.proxy import waitress_options


def seen_by_django(options: dict, peer: str, headers: dict) -> dict:
    """Run one request's environ through waitress's own proxy handling, as serve sets it up."""
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return []

    wrapped = proxy_headers_middleware(
        app,
        trusted_proxy=options.get("trusted_proxy"),
        trusted_proxy_headers=options.get("trusted_proxy_headers"),
        clear_untrusted=options["clear_untrusted_proxy_headers"],
    )
    environ = {"REMOTE_ADDR": peer, "wsgi.url_scheme": "http", **headers}
    wrapped(environ, lambda *args: None)
    return seen


FORWARDED = {"HTTP_X_FORWARDED_FOR": "203.0.113.9", "HTTP_X_FORWARDED_PROTO": "https"}


def test_it_believes_the_trusted_proxy_about_address_and_scheme(settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXY = True, "10.0.0.2"
    environ = seen_by_django(waitress_options(), "10.0.0.2", FORWARDED)
    assert environ["REMOTE_ADDR"] == "203.0.113.9"
    assert environ["wsgi.url_scheme"] == "https"


def test_it_drops_forwarded_headers_from_anyone_else(settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXY = True, "10.0.0.2"
    environ = seen_by_django(waitress_options(), "198.51.100.7", FORWARDED)
    assert environ["REMOTE_ADDR"] == "198.51.100.7"
    assert environ["wsgi.url_scheme"] == "http"
    assert "HTTP_X_FORWARDED_FOR" not in environ
    assert "HTTP_X_FORWARDED_PROTO" not in environ


def test_it_trusts_no_proxy_when_not_behind_one(settings):
    settings.BEHIND_PROXY = False
    options = waitress_options()
    assert "trusted_proxy" not in options
    environ = seen_by_django(options, "127.0.0.1", FORWARDED)
    assert environ["REMOTE_ADDR"] == "127.0.0.1"
    assert "HTTP_X_FORWARDED_FOR" not in environ


def test_it_counts_referrals_by_the_resolved_address_not_a_header():
    factory = RequestFactory()
    one = factory.post("/refer/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1")
    same = factory.post("/refer/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="2.2.2.2")
    other = factory.post("/refer/", REMOTE_ADDR="198.51.100.7")
    assert client_key(one, "referral") == client_key(same, "referral")
    assert client_key(one, "referral") != client_key(other, "referral")
