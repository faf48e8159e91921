"""Self-referral: a name and one way to reply, public, spam-resistant, never a 500."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.models import Journey, Person
from thrive.journeys.service_settings import ServiceSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_earlier_referrals_counted():
    """Browser tests refer themselves through a live server, and their rate-limit counts are
    committed to the database cache, which flushing leaves alone."""
    cache.clear()


def refer(client, address="127.0.0.1", **data):
    data = {"contact_preference": "phone", **data}
    return client.post(reverse("journeys:refer"), data, REMOTE_ADDR=address)


def test_it_shows_the_form_without_logging_in(client):
    page = client.get(reverse("journeys:refer")).content.decode()
    assert "The name you&#x27;d like us to use" in page
    assert "(optional)" in page
    for word in ("diagnosis", "medication", "risk"):
        assert f'name="{word}' not in page


def test_it_accepts_only_a_name_and_a_phone_number(client):
    response = refer(client, name="Sam", phone="07700 900111")
    assert response.status_code == 302
    assert response["Location"] == reverse("journeys:referral_thanks")
    person = Person.objects.get()
    assert person.name == "Sam" and person.reference == f"TH-{person.pk:05d}"
    journey = person.journeys.get()
    assert journey.first_met_on is None and journey.ended_on is None
    assert AuditEvent.objects.filter(action="create", subject_id=str(person.pk)).exists()


def test_it_thanks_and_says_someone_will_be_in_touch_within_two_working_days(client):
    page = client.get(reverse("journeys:referral_thanks")).content.decode()
    assert "within two working days" in page
    assert "nothing else you need to do" in page


def test_it_accepts_i_will_drop_in_with_no_number_or_address(client):
    response = refer(client, name="Jo", contact_preference="drop_in")
    assert response.status_code == 302
    assert Person.objects.get().contact_preference == "drop_in"


def test_it_keeps_the_optional_words_and_who_suggested_it(client):
    refer(
        client,
        name="Kai",
        phone="0207 946 0000",
        help_with="I want to get back to work but I'm scared",
        referral_source="occupational_therapist",
    )
    journey = Journey.objects.get()
    assert journey.in_their_words == "I want to get back to work but I'm scared"
    assert journey.referral_source == "occupational_therapist"


def test_it_asks_for_a_name_and_a_way_to_reply_with_an_error_title(client):
    response = refer(client, name="", phone="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Please tell us a name to call you." in page
    assert "Please give a phone number" in page
    assert not Person.objects.exists()


def test_it_refuses_a_huge_text_with_a_plain_message(client):
    response = refer(client, name="Big", phone="0123", help_with="x" * 100_000)
    assert response.status_code == 200
    assert "Please keep this under 4,000 characters." in response.content.decode()
    assert not Person.objects.exists()


def test_it_strips_control_characters_and_escapes_scripts(client, login_as, coordinator):
    refer(
        client,
        name="Eve\x00\x07<script>alert(1)</script>",
        phone="0123\x1b456",
        help_with="line one\r\nline\x0b two <img src=x onerror=alert(1)>",
    )
    person = Person.objects.get()
    assert person.name == "Eve<script>alert(1)</script>"
    assert person.phone == "0123456"
    page = login_as(coordinator).get(reverse("journeys:person", args=[person.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_it_never_answers_500_to_odd_input(client):
    odd = [
        {"name": "\x00" * 50, "phone": "1"},
        {"name": "A" * 10_000, "email": "not an email", "contact_preference": "email"},
        {"name": "B", "contact_preference": "carrier pigeon"},
        {"name": "C", "phone": "1", "referral_source": "<b>"},
        {"name": ["x", "y"], "phone": "1"},
    ]
    for data in odd:
        assert refer(client, **data).status_code in (200, 302, 400)
    broken = client.post(
        reverse("journeys:refer"),
        b"name=%FF%FE%00&phone=%C0%AF&help_with=" + b"%E2%80%AE" * 10,
        content_type="application/x-www-form-urlencoded",
    )
    assert broken.status_code in (200, 302, 400)


def test_it_pretends_to_thank_a_bot_that_fills_the_hidden_field_but_saves_nothing(client):
    response = refer(client, name="Bot", phone="0123", website="http://spam.example")
    assert response.status_code == 302
    assert not Person.objects.exists()


def test_it_limits_referrals_from_one_address_per_hour(client, monkeypatch):
    monkeypatch.setenv("THRIVE_REFERRALS_PER_HOUR", "2")
    assert refer(client, name="One", phone="1").status_code == 302
    assert refer(client, name="Two", phone="2").status_code == 302
    limited = refer(client, name="Three", phone="3")
    assert limited.status_code == 429
    assert "Please try again later" in limited.content.decode()
    assert Person.objects.count() == 2
    other = refer(client, "10.0.0.9", name="Elsewhere", phone="4")
    assert other.status_code == 302


def test_it_refuses_other_methods(client):
    assert client.put(reverse("journeys:refer")).status_code == 405


def test_it_preselects_no_way_to_reply_and_never_marks_a_field_optional_it_may_ask_for(client):
    page = client.get(reverse("journeys:refer")).content.decode()
    assert "checked" not in page
    phone_label = page.split('for="id_phone"')[1].split("</label>")[0]
    email_label = page.split('for="id_email"')[1].split("</label>")[0]
    assert "optional" not in phone_label and "optional" not in email_label


def test_it_asks_for_a_way_to_reply_when_none_is_chosen(client):
    page = client.post(reverse("journeys:refer"), {"name": "Rae"}).content.decode()
    assert "Please choose how we should get back to you." in page
    assert not Person.objects.exists()


def test_it_asks_for_a_number_only_beside_the_phone_field(client):
    page = refer(client, name="Rae")
    assert page.context["form"].errors == {
        "phone": ["Please give a phone number, or choose another way to reply."]
    }


def test_the_thanks_page_says_what_the_coordinator_set(client, coordinator, login_as):
    login_as(coordinator).post(
        reverse("journeys:service_settings"),
        {
            "opening_hours": "Monday to Friday, 10am to 4pm",
            "address": "The Hub, 12 Mill Lane",
            "how_we_reply": "We reply the next working day.",
            "in_a_crisis": "Call the crisis line on 0800 000 0000.",
        },
    )
    page = client.get(reverse("journeys:referral_thanks")).content.decode()
    for words in (
        "Monday to Friday, 10am to 4pm",
        "The Hub, 12 Mill Lane",
        "We reply the next working day.",
        "Call the crisis line on 0800 000 0000.",
    ):
        assert words in page
    assert "within two working days" not in page


def test_the_thanks_page_leaves_out_what_the_coordinator_left_empty(client, coordinator, login_as):
    login_as(coordinator).post(
        reverse("journeys:service_settings"),
        {"how_we_reply": "We will ring you.", "in_a_crisis": ""},
    )
    page = client.get(reverse("journeys:referral_thanks")).content.decode()
    assert "If things feel too much" not in page and "Dropping in" not in page
    assert ServiceSettings.objects.count() == 1


def test_saving_the_settings_twice_keeps_one_row_and_is_audited(coordinator, login_as):
    client = login_as(coordinator)
    for hours in ("Mondays", "Tuesdays"):
        client.post(reverse("journeys:service_settings"), {"opening_hours": hours})
    assert list(ServiceSettings.objects.values_list("opening_hours", flat=True)) == ["Tuesdays"]
    assert AuditEvent.objects.filter(subject_type="service_settings").count() == 2


def test_the_settings_refuse_an_over_long_text_and_keep_the_old_words(coordinator, login_as):
    client = login_as(coordinator)
    client.post(reverse("journeys:service_settings"), {"opening_hours": "Mondays"})
    page = client.post(reverse("journeys:service_settings"), {"opening_hours": "x" * 5000})
    assert page.status_code == 200 and "Error:" in page.content.decode()
    assert ServiceSettings.current().opening_hours == "Mondays"
