"""An employment outcome records pay and the Universal Credit the job replaced, for economics."""

from decimal import Decimal

from django.urls import reverse

from thrive.journeys.models import Outcome


def add_outcome(client, person, **fields):
    return client.post(reverse("journeys:add_entry", args=[person.pk, "outcome"]), fields)


def test_it_records_pay_lcwra_and_housing_on_a_job(login_as, worker, person):
    add_outcome(
        login_as(worker), person, kind="employment", achieved_on="2025-09-01",
        in_their_words="Started at the café", hours_per_week="20", off_benefits="yes",
        hourly_pay="12.50", had_lcwra="yes", housing_element="310",
    )  # fmt: skip
    outcome = Outcome.objects.get()
    assert outcome.hourly_pay == Decimal("12.50")
    assert outcome.had_lcwra is True
    assert outcome.housing_element == Decimal("310")


def test_it_drops_pay_and_benefit_elements_from_outcomes_that_are_not_paid_work(
    login_as, worker, person
):
    add_outcome(
        login_as(worker), person, kind="education", achieved_on="2025-09-01",
        in_their_words="A college course", hourly_pay="12", had_lcwra="yes", housing_element="5",
    )  # fmt: skip
    outcome = Outcome.objects.get()
    assert (outcome.hourly_pay, outcome.had_lcwra, outcome.housing_element) == (None, None, None)


def test_it_refuses_negative_pay_and_saves_nothing(login_as, worker, person):
    response = add_outcome(
        login_as(worker), person, kind="employment", achieved_on="2025-09-01",
        in_their_words="A job", hourly_pay="-3",
    )  # fmt: skip
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert not Outcome.objects.exists()
