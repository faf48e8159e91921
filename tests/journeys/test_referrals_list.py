"""New referrals: the coordinator sees who is waiting and matches each with a worker."""

import pytest
from django.urls import reverse

from thrive.audit.models import AuditEvent
from thrive.journeys.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(client):
    client.post(
        reverse("journeys:refer"), {"name": "Newcomer", "contact_preference": "phone", "phone": "1"}
    )
    return Person.objects.get(name="Newcomer")


def test_it_lists_new_referrals_longest_waiting_first(login_as, coordinator, referral):
    page = login_as(coordinator).get(reverse("journeys:referrals")).content.decode()
    assert "Waiting to be matched (1)" in page
    assert "Newcomer" in page


def test_it_matches_a_referral_with_a_peer_supporter(
    login_as, coordinator, peer_supporter, referral
):
    journey = referral.journeys.get()
    response = login_as(coordinator).post(
        reverse("journeys:match_referral", args=[journey.pk]), {"supporter": peer_supporter.pk}
    )
    assert response.status_code == 302
    assert list(referral.supporters.all()) == [peer_supporter]
    assert AuditEvent.objects.filter(action="change", subject_id=str(referral.pk)).exists()
    page = login_as(coordinator).get(reverse("journeys:referrals")).content.decode()
    assert "Matched, waiting for a first meeting (1)" in page


def test_it_answers_htmx_with_the_replaced_row(login_as, coordinator, worker, referral):
    journey = referral.journeys.get()
    response = login_as(coordinator).post(
        reverse("journeys:match_referral", args=[journey.pk]),
        {"supporter": worker.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'id="referral-{journey.pk}"' in response.content.decode()
    assert "is matched with" in response.content.decode()


def test_it_refuses_a_match_without_a_supporter(login_as, coordinator, referral):
    journey = referral.journeys.get()
    login_as(coordinator).post(
        reverse("journeys:match_referral", args=[journey.pk]), {"supporter": "x"}
    )
    assert not referral.supporters.exists()


def test_it_refuses_workers_and_get(login_as, worker, coordinator, referral):
    journey = referral.journeys.get()
    assert login_as(worker).get(reverse("journeys:referrals")).status_code == 403
    posted = login_as(worker).post(
        reverse("journeys:match_referral", args=[journey.pk]), {"supporter": worker.pk}
    )
    assert posted.status_code == 403
    assert (
        login_as(coordinator).get(reverse("journeys:match_referral", args=[journey.pk])).status_code
        == 405
    )
