"""Every form field announces its hint and its errors: the ids Django names exist on the page."""

from __future__ import annotations

import inspect
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.template.loader import render_to_string
from django.urls import reverse

from thrive.inquiry.models import Code, Inquiry, Participant
from thrive.inquiry.themes import Theme
from thrive.journeys.forms import ReferralForm

pytestmark = pytest.mark.django_db


class Ids(HTMLParser):
    """The ids on a page, and the ids each element's aria-describedby names."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.described: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] = tag
        if attrs.get("aria-describedby"):
            key = attrs.get("id") or attrs.get("name") or tag
            self.described[key] = attrs["aria-describedby"].split()


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def thrive_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class Thrive defines (found through the URLs, wherever its module lives)."""
    import thrive.urls  # noqa: F401  (imports every view, so every form)

    found = {
        cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.startswith("thrive.")
        and not (issubclass(cls, forms.ModelForm) and cls._meta.model is None)
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORM_CLASSES = thrive_form_classes()


@pytest.fixture
def needs(coordinator):
    """Whatever a form's constructor asks for by keyword."""
    inquiry = Inquiry.objects.create_inquiry("Belonging")
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = inquiry.add_transcript("Interview", "P1: Warm here.\n", participant)
    return {
        "inquiry": inquiry,
        "user": coordinator,
        "transcript": transcript,
        "code": Code.objects.filter(inquiry=inquiry).first(),
        "choices": [(1, "A passage")],
        "toml": "",
        "coders": (),
        "theme": Theme.objects.create_theme(inquiry, "Belonging"),
    }


def bound_with_errors(form_class, needs, *args) -> forms.BaseForm:
    """The form bound to nothing, then given an error on every field."""
    keywords = [
        name
        for name, p in inspect.signature(form_class.__init__).parameters.items()
        if p.kind is p.KEYWORD_ONLY
    ]
    given = {k: needs[k] for k in keywords}
    if issubclass(form_class, forms.ModelForm):
        model = form_class._meta.model
        given["instance"] = next((v for v in needs.values() if isinstance(v, model)), None)
    user = inspect.signature(form_class.__init__).parameters.get("user")
    if not args and user is not None and user.kind is user.POSITIONAL_OR_KEYWORD:
        args = (needs["user"],)  # the password forms take the user first
    form = form_class(*args, data={}, files={}, **given)
    form.is_valid()
    for name in form.fields:
        if name not in form.errors:
            form.add_error(name, "Please check this.")
    return form


def check_every_reference(form: forms.BaseForm, html: str) -> None:
    page = Ids(html)
    for owner, ids in page.described.items():
        missing = [i for i in ids if i not in page.ids]
        assert not missing, f"{type(form).__name__}: {owner} names {missing}, not on the page"
    for field in form:
        if field.is_hidden:
            continue
        described = page.described.get(field.auto_id, [])
        assert f"{field.auto_id}_error" in described, f"{field.auto_id} does not name its error"
        if field.help_text:
            assert f"{field.auto_id}_helptext" in described, f"{field.auto_id} omits its hint"


def test_it_finds_the_forms_of_every_area():
    modules = {cls.__module__.split(".")[1] for cls in FORM_CLASSES}
    assert {"economics", "inquiry", "journeys"} <= modules


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_it_links_every_field_to_its_hint_and_error(form_class, needs):
    form = bound_with_errors(form_class, needs)
    check_every_reference(form, render_to_string("form_fields.html", {"form": form}))


def test_it_links_the_password_change_fields(needs):
    form = bound_with_errors(PasswordChangeForm, needs, needs["user"])
    check_every_reference(form, render_to_string("form_fields.html", {"form": form}))


def test_it_uses_the_ids_django_names_in_the_widget():
    form = ReferralForm(data={"name": ""})
    html = render_to_string("form_field.html", {"field": form["name"]})
    assert 'aria-describedby="id_name_helptext id_name_error"' in form["name"].as_widget()
    assert 'id="id_name_helptext"' in html and "Any name you choose" in html
    assert 'id="id_name_error"' in html and "Please tell us a name to call you." in html
    assert 'aria-invalid="true"' in html


def test_it_describes_a_radio_group_on_its_fieldset():
    form = ReferralForm(data={"name": "Sam", "contact_preference": "carrier pigeon"})
    html = render_to_string("form_field.html", {"field": form["contact_preference"]})
    assert '<fieldset class="field radios has-error" id="id_contact_preference"' in html
    assert 'aria-describedby="id_contact_preference_error"' in html
    assert 'id="id_contact_preference_error"' in html
    assert "<legend>How should we get back to you?</legend>" in html


def test_it_links_the_error_summary_to_the_first_radio_button():
    form = ReferralForm(data={"name": "Sam", "contact_preference": "carrier pigeon"})
    html = render_to_string("form_errors.html", {"form": form})
    assert 'href="#id_contact_preference_0"' in html
    fields = render_to_string("form_field.html", {"field": form["contact_preference"]})
    assert 'id="id_contact_preference_0"' in fields


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("inquiry:coding_add", {"start": "-1", "memo": "x" * 20_001}),
        ("inquiry:answer_add", {"answer-start": "-1", "answer-turn": "99"}),
    ],
)
def test_it_links_the_coding_page_fields_to_their_hints_and_errors(url_name, data, needs, login_as):
    transcript = needs["transcript"]
    args = [transcript.inquiry_id, transcript.pk]
    response = login_as(needs["user"]).post(reverse(url_name, args=args), data)
    html = response.content.decode()
    page = Ids(html)
    assert page.described, "no field is described"
    for owner, ids in page.described.items():
        assert all(i in page.ids for i in ids), f"{owner} names {ids}, not all on the page"
    assert "<title>Error: " in html
