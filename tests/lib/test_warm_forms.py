"""Django's default field errors in Thrive's words; numbers shown as people write them."""

from decimal import Decimal

from django import forms

from thrive.lib.forms import PlainNumberInput


class Example(forms.Form):
    name = forms.CharField()
    when = forms.DateField()
    hours = forms.DecimalField(required=False)
    count = forms.IntegerField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)
    email = forms.EmailField(required=False)


def test_default_errors_say_what_to_do_in_warm_words():
    form = Example(
        {
            "name": "",
            "when": "31/31/2025",
            "hours": "lots",
            "count": "2.5",
            "kind": "z",
            "email": "not-an-address",
        }
    )
    assert form.errors == {
        "name": ["Please fill this in."],
        "when": ["Please give a whole date: the day, month and year."],
        "hours": ["Please give a number, such as 16 or 7.5."],
        "count": ["Please give a whole number, such as 3."],
        "kind": ["Please choose one of the options shown."],
        "email": ["Please give an email address, such as name@example.org."],
    }


def test_a_form_that_words_its_own_message_keeps_it():
    field = forms.CharField(error_messages={"required": "Tell us a name to call you."})
    form = type("Named", (forms.Form,), {"name": field})({"name": ""})
    assert form.errors["name"] == ["Tell us a name to call you."]


def test_numbers_show_as_people_write_them():
    widget = PlainNumberInput()
    assert [widget.format_value(v) for v in (Decimal("16.0"), Decimal("7.50"), Decimal("100"))] == [
        "16",
        "7.5",
        "100",
    ]
