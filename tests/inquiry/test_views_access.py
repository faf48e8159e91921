"""Who may open which inquiry page: team members and coordinators; everyone else 403."""

import pytest
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Code, Inquiry, Participant

pytestmark = pytest.mark.django_db

GET_PAGES = [
    "detail", "information_sheet", "guide", "question_edit", "participants",
    "participant_create", "participant_edit", "upload", "paste", "transcript", "transcript_edit",
    "coding_memo", "codebook", "codebook_export", "code_edit", "code_merge", "code_split",
    "passages", "search", "matrix", "frequencies", "cooccurrence",
]  # fmt: skip
POST_ONLY = [
    "question_move", "question_delete", "coding_add", "coding_undo", "coding_restore",
    "answer_add", "answer_delete", "coding_delete", "code_delete", "codebook_import",
]  # fmt: skip
GET_ONLY = [
    "detail", "information_sheet", "participants", "transcript", "codebook_export",
    "passages", "search", "matrix", "frequencies", "cooccurrence",
]  # fmt: skip


@pytest.fixture
def place(coordinator, co_researcher, worker):
    inquiry = Inquiry.objects.create_inquiry("Access")
    inquiry.team.add(co_researcher, worker)
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = inquiry.add_transcript("T", "P1: a warm home\n", participant)
    code = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell")
    coding = transcript.add_coding(code, 4, 15, worker)
    answer = transcript.mark_answer(inquiry.guide.first(), 4, 15, worker)
    return {
        "pk": inquiry.pk,
        "question_pk": inquiry.guide.first().pk,
        "participant_pk": participant.pk,
        "transcript_pk": transcript.pk,
        "coding_pk": coding.pk,
        "code_pk": code.pk,
        "answer_pk": answer.pk,
    }


def url(name, place, **override):
    route_kwargs = {
        "detail": ["pk"], "information_sheet": ["pk"], "guide": ["pk"],
        "question_edit": ["pk", "question_pk"], "question_move": ["pk", "question_pk"],
        "question_delete": ["pk", "question_pk"], "participants": ["pk"],
        "participant_create": ["pk"], "participant_edit": ["pk", "participant_pk"],
        "upload": ["pk"], "paste": ["pk"], "transcript": ["pk", "transcript_pk"],
        "transcript_edit": ["pk", "transcript_pk"], "coding_add": ["pk", "transcript_pk"],
        "coding_undo": ["pk", "transcript_pk"], "coding_restore": ["pk", "transcript_pk"],
        "answer_add": ["pk", "transcript_pk"],
        "answer_delete": ["pk", "transcript_pk", "answer_pk"],
        "coding_memo": ["pk", "transcript_pk", "coding_pk"],
        "coding_delete": ["pk", "transcript_pk", "coding_pk"], "codebook": ["pk"],
        "codebook_export": ["pk"], "codebook_import": ["pk"], "code_edit": ["pk", "code_pk"],
        "code_merge": ["pk", "code_pk"], "code_split": ["pk", "code_pk"],
        "code_delete": ["pk", "code_pk"], "passages": ["pk"], "search": ["pk"],
        "matrix": ["pk"], "frequencies": ["pk"], "cooccurrence": ["pk"],
    }[name]  # fmt: skip
    values = {**place, **override}
    return reverse(f"inquiry:{name}", kwargs={key: values[key] for key in route_kwargs})


@pytest.mark.parametrize("name", GET_PAGES)
def test_it_opens_every_page_for_a_co_researcher_on_the_team(name, place, login_as, co_researcher):
    assert login_as(co_researcher).get(url(name, place)).status_code == 200


@pytest.mark.parametrize("name", GET_PAGES)
def test_it_opens_every_page_for_a_coordinator_not_on_the_team(name, place, login_as, coordinator):
    assert login_as(coordinator).get(url(name, place)).status_code == 200


@pytest.mark.parametrize("name", GET_PAGES + POST_ONLY)
def test_it_refuses_a_commissioner(name, place, login_as, viewer):
    client = login_as(viewer)
    assert client.get(url(name, place)).status_code == 403
    assert client.post(url(name, place)).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.VIEW, user=viewer).exists()


@pytest.mark.parametrize("name", GET_PAGES + POST_ONLY)
def test_it_refuses_people_not_on_the_team(name, place, login_as, django_user_model):
    from thrive.accounts.models import Role

    stranger = django_user_model.objects.create_user("stranger", role=Role.CO_RESEARCHER)
    other_worker = django_user_model.objects.create_user("other", role=Role.WORKER)
    for user in (stranger, other_worker):
        client = login_as(user)
        assert client.get(url(name, place)).status_code == (405 if name in POST_ONLY else 403)
        assert client.post(url(name, place)).status_code == (405 if name in GET_ONLY else 403)
    assert AuditEvent.objects.filter(action=Action.DENIED, user=stranger).exists()


def call(client, name, address):
    return client.post(address) if name in POST_ONLY else client.get(address)


@pytest.mark.parametrize("name", GET_PAGES + POST_ONLY)
def test_it_answers_404_for_an_inquiry_that_does_not_exist(name, place, login_as, coordinator):
    assert call(login_as(coordinator), name, url(name, place, pk=999_999)).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["transcript", "transcript_edit", "coding_memo", "code_edit", "participant_edit",
     "question_edit", "coding_add", "code_merge", "coding_delete", "answer_delete"],
)  # fmt: skip
def test_it_answers_404_for_things_of_another_inquiry(name, place, login_as, coordinator):
    other = Inquiry.objects.create_inquiry("Other")
    assert call(login_as(coordinator), name, url(name, place, pk=other.pk)).status_code == 404


@pytest.mark.parametrize("name", POST_ONLY)
def test_it_refuses_get_on_actions(name, place, login_as, coordinator):
    assert login_as(coordinator).get(url(name, place)).status_code == 405


@pytest.mark.parametrize("name", GET_ONLY)
def test_it_refuses_post_on_read_only_pages(name, place, login_as, coordinator):
    assert login_as(coordinator).post(url(name, place)).status_code == 405


def test_it_lists_only_the_inquiries_a_co_researcher_is_on(place, login_as, co_researcher):
    Inquiry.objects.create_inquiry("Not theirs")
    page = login_as(co_researcher).get(reverse("inquiry:list")).content.decode()
    assert "Access" in page and "Not theirs" not in page


def test_it_lets_only_coordinators_and_team_workers_change_settings(
    place, login_as, co_researcher, worker, coordinator
):
    edit = reverse("inquiry:edit", args=[place["pk"]])
    assert login_as(co_researcher).get(edit).status_code == 403
    assert login_as(worker).get(edit).status_code == 200
    assert login_as(coordinator).get(edit).status_code == 200


def test_it_sends_anonymous_visitors_to_log_in(place, client):
    response = client.get(reverse("inquiry:detail", args=[place["pk"]]))
    assert response.status_code == 302 and "/login" in response["Location"]
