"""Stylesheets load in <head>, never inside <body>."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import thrive

TEMPLATES = sorted(Path(thrive.__file__).parent.glob("**/templates/**/*.html"))
STYLE = re.compile(r'<link rel="stylesheet"[^>]*>|<style[ >]')
HEAD_BLOCK = re.compile(r"{% block head %}.*?{% endblock %}", re.S)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_it_puts_every_stylesheet_in_the_head(template):
    text = template.read_text()
    body = text.split("</head>", 1)[1] if "<head>" in text else HEAD_BLOCK.sub("", text)
    assert not STYLE.search(body), f"{template}: a stylesheet outside <head>"


@pytest.mark.django_db
def test_it_renders_a_page_stylesheet_inside_head(login_as, coordinator):
    html = login_as(coordinator).get(reverse("inquiry:list")).content.decode()
    head = html.split("</head>", 1)[0]
    assert "inquiry/inquiry.css" in head
