"""Security headers on every page: a strict Content Security Policy, no caching of
personal data, a Permissions-Policy, and HSTS whenever Thrive is served over HTTPS."""

from pathlib import Path

import pytest
from django.urls import reverse

import thrive

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(thrive.__file__).parent.glob("**/templates/**/*.html"))


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {name: value for name, value in pairs}


@pytest.mark.parametrize(
    "persona, url",
    [
        ("coordinator", "reports:dashboard"),
        ("coordinator", "journeys:referrals"),
        ("coordinator", "audit:log"),
        ("worker", "journeys:people"),
        ("worker", "inquiry:list"),
        ("co_researcher", "framework:index"),
        ("viewer", "economics:index"),
    ],
)
def test_it_sends_the_security_headers_to_each_role(request, login_as, persona, url):
    response = login_as(request.getfixturevalue(persona)).get(reverse(url))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]


def test_it_keeps_the_self_referral_pages_out_of_caches(client):
    response = client.get(reverse("journeys:refer"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response


def test_it_sends_hsts_whenever_https_is_on_even_without_the_redirect(client, settings):
    settings.HTTPS = True  # with the HSTS settings THRIVE_HTTPS brings (thrive/settings.py)
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_SSL_REDIRECT = False
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_it_sends_no_hsts_when_https_is_off(client, settings):
    settings.HTTPS = False
    response = client.get(reverse("accounts:login"))
    assert "Strict-Transport-Security" not in response


def test_it_turns_off_htmx_eval_and_script_tags(login_as, coordinator):
    page = login_as(coordinator).get(reverse("reports:dashboard")).content.decode()
    assert '"allowEval":false' in page
    assert '"allowScriptTags":false' in page
    assert '"includeIndicatorStyles":false' in page


def test_it_serves_the_accent_colour_as_a_stylesheet(client, settings):
    settings.THRIVE_ACCENT_COLOUR = "#123456"
    response = client.get(reverse("brand_css"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--accent: #123456" in response.content.decode()


def test_it_refuses_an_accent_colour_that_is_not_a_colour(client, settings):
    settings.THRIVE_ACCENT_COLOUR = "red; } body { display: none"
    css = client.get(reverse("brand_css")).content.decode()
    assert "display: none" not in css
    assert "--accent: #2f6f5e" in css


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_it_keeps_scripts_and_style_elements_out_of_templates(template):
    text = template.read_text()
    assert "<style" not in text, f"{template}: an inline <style> (CSP style-src 'self')"
    for tag in text.split("<script")[1:]:
        assert tag.split(">", 1)[0].strip().startswith("src="), f"{template}: an inline script"
    assert " onclick=" not in text and " onchange=" not in text and "hx-on" not in text
