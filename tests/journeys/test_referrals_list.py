"""New referrals: the coordinator sees who is waiting and matches each with a worker."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

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
    assert "Waiting to be matched (1)" in strip_tags(page)
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
    assert "Matched, waiting for a first meeting (1)" in strip_tags(page)


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


def test_it_updates_both_counts_in_the_htmx_answer(login_as, coordinator, worker, referral):
    Person.refer(on=date(2025, 6, 1), name="Second", journey={})
    journey = referral.journeys.get()
    response = login_as(coordinator).post(
        reverse("journeys:match_referral", args=[journey.pk]),
        {"supporter": worker.pk},
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert '<span id="unmatched-count" hx-swap-oob="true">1</span>' in fragment
    assert '<span id="matched-count" hx-swap-oob="true">1</span>' in fragment
    page = login_as(coordinator).get(reverse("journeys:referrals")).content.decode()
    assert '<span id="unmatched-count">1</span>' in page  # the elements the fragment replaces


def test_it_shows_how_many_each_supporter_supports_when_matching(
    login_as, coordinator, worker, referral
):
    for n in range(2):
        Person.refer(on=date(2025, 6, 1), name=f"On caseload {n}", journey={}).supporters.add(
            worker
        )
    ended = Person.refer(on=date(2025, 6, 1), name="Moved on", journey={})
    ended.supporters.add(worker)
    ended.journeys.get().end(date(2025, 7, 1), "moved_on")
    page = login_as(coordinator).get(reverse("journeys:referrals")).content.decode()
    assert f'<option value="{worker.pk}">{worker.display_name} (worker, supports 2 now)' in page


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


def test_the_caseload_sizes_follow_a_match_at_once(login_as, coordinator, worker, referral):
    Person.refer(on=date(2025, 6, 1), name="Still waiting", journey={})
    client = login_as(coordinator)
    assert "(worker, supports 0 now)" in client.get(reverse("journeys:referrals")).content.decode()
    journey = referral.journeys.get()
    client.post(reverse("journeys:match_referral", args=[journey.pk]), {"supporter": worker.pk})
    assert "(worker, supports 1 now)" in client.get(reverse("journeys:referrals")).content.decode()
