"""Peer supporters: training, supervision, who they support and their own journey."""

import pytest
from django.urls import reverse

from thrive.journeys.models import PeerTraining, Supervision

pytestmark = pytest.mark.django_db


def test_it_lists_peer_supporters_for_a_coordinator(login_as, coordinator, peer_supporter):
    page = login_as(coordinator).get(reverse("journeys:peer_supporters")).content.decode()
    assert reverse("journeys:peer_supporter", args=[peer_supporter.pk]) in page


def test_it_records_training_and_supervision(login_as, coordinator, peer_supporter):
    client = login_as(coordinator)
    url = reverse("journeys:add_peer_record", args=[peer_supporter.pk, "training"])
    client.post(url, {"title": "Peer-support foundation", "started_on": "2025-01-06"})
    client.post(
        reverse("journeys:add_peer_record", args=[peer_supporter.pk, "supervision"]),
        {"held_on": "2025-02-01", "notes": "Reflected on the month"},
    )
    assert PeerTraining.objects.get().title == "Peer-support foundation"
    assert Supervision.objects.get().supervisor == coordinator
    page = client.get(reverse("journeys:peer_supporter", args=[peer_supporter.pk])).content.decode()
    assert "Peer-support foundation" in page and "Reflected on the month" in page


def test_it_refuses_a_future_supervision_date(login_as, coordinator, peer_supporter):
    login_as(coordinator).post(
        reverse("journeys:add_peer_record", args=[peer_supporter.pk, "supervision"]),
        {"held_on": "2999-01-01"},
    )
    assert not Supervision.objects.exists()


def test_it_links_a_peer_supporter_to_their_own_journey(
    login_as, coordinator, peer_supporter, person
):
    client = login_as(coordinator)
    client.post(
        reverse("journeys:link_own_record", args=[peer_supporter.pk]),
        {"reference": person.reference},
    )
    person.refresh_from_db()
    assert person.user == peer_supporter
    page = client.get(reverse("journeys:peer_supporter", args=[peer_supporter.pk])).content.decode()
    assert person.name in page


def test_it_lets_a_peer_supporter_see_their_own_page_but_not_anothers(
    login_as, peer_supporter, django_user_model
):
    other = django_user_model.objects.create_user(
        "other-peer", role="worker", is_peer_supporter=True
    )
    client = login_as(peer_supporter)
    assert (
        client.get(reverse("journeys:peer_supporter", args=[peer_supporter.pk])).status_code == 200
    )
    assert client.get(reverse("journeys:peer_supporter", args=[other.pk])).status_code == 403
    assert client.get(reverse("journeys:peer_supporters")).status_code == 403


def test_it_answers_404_for_a_worker_who_is_not_a_peer_supporter(login_as, coordinator, worker):
    assert (
        login_as(coordinator).get(reverse("journeys:peer_supporter", args=[worker.pk])).status_code
        == 404
    )


def test_it_refuses_workers_adding_records_and_get_on_adding(
    login_as, worker, coordinator, peer_supporter
):
    url = reverse("journeys:add_peer_record", args=[peer_supporter.pk, "training"])
    assert login_as(worker).post(url, {"title": "x", "started_on": "2025-01-01"}).status_code == 403
    assert login_as(coordinator).get(url).status_code == 405
    assert not PeerTraining.objects.exists()
