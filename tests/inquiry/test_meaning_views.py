"""The pages of search by meaning: a search in plain words, passages like one, getting ready."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.inquiry.back_to_work import FIRST, SECOND, TERRIFIED, back_to_work
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.meaning import refresh_vectors
from thrive.inquiry.models import Inquiry, Participant
from thrive.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(co_researcher):
    return back_to_work(co_researcher)


@pytest.fixture
def ready(inquiry):
    refresh_vectors(inquiry)
    return inquiry


@pytest.fixture
def client(login_as, co_researcher):
    return login_as(co_researcher)


def search(client, inquiry, query: str):
    url = reverse("inquiry:search", args=[inquiry.pk])
    return client.get(url, {"q": query, "how": "meaning"})


def like_url(inquiry, title: str) -> str:
    transcript = inquiry.transcripts.get(title=title)
    return reverse("inquiry:passages_like", args=[inquiry.pk, transcript.pk])


def test_it_lists_passages_nearest_in_meaning_with_links_to_their_place(ready, client):
    response = search(client, ready, "scared about returning to my job")
    page = response.content.decode()
    first = ready.transcripts.get(title="First")
    start = FIRST.index(TERRIFIED)
    span = f"/inquiries/{ready.pk}/transcripts/{first.pk}/?hl={start}-{start + len(TERRIFIED)}#hl"
    assert response.status_code == 200 and "6 passages nearest in meaning" in page
    assert page.index(escape(span)) < page.index("allotment")
    assert "First (P1)" in page and "similarity 0." in page
    assert escape(TERRIFIED) in page
    event = AuditEvent.objects.get(detail="search by meaning")
    assert event.action == Action.VIEW and event.subject_type == "transcript"


def test_it_shows_the_search_form_without_a_message_for_an_empty_search(ready, client):
    response = search(client, ready, "   ")
    page = response.content.decode()
    assert response.status_code == 200 and "nearest in meaning" not in page
    assert 'id="how-meaning" checked' in page and "That did not work" not in page
    assert not AuditEvent.objects.filter(detail="search by meaning").exists()


def test_it_refuses_a_huge_search_in_one_sentence(ready, client):
    response = search(client, ready, "work" * 1250)
    page = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in page
    assert "That search is 5,000 characters long; please keep it to 1,000 or fewer." in page


def test_it_survives_strange_characters(ready, client):
    for query in ("%00\x00'\"OR 1=1", "🏠🏠🏠", "<script>alert(1)</script>"):
        response = search(client, ready, query)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_it_says_plainly_when_nothing_is_ready_and_offers_to_start(inquiry, client):
    page = search(client, inquiry, "work").content.decode()
    assert "Search by meaning is not ready yet" in page
    assert "Get the transcripts ready" in page
    prepare = reverse("inquiry:search_prepare", args=[inquiry.pk])
    response = client.post(prepare)
    job = Job.objects.get(kind="passage_vectors")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.params == {"inquiry": inquiry.pk}
    assert client.post(prepare)["Location"] == f"/jobs/{job.pk}/"
    assert Job.objects.filter(kind="passage_vectors").count() == 1
    page = search(client, inquiry, "work").content.decode()
    assert (
        "A job on this server is getting them ready" in page and f'href="/jobs/{job.pk}/"' in page
    )


def test_it_says_which_transcripts_wait_after_an_edit(ready, client):
    ready.transcripts.get(title="Second").edit_text(SECOND.replace("shorter", "fewer"))
    page = search(client, ready, "work").content.decode()
    assert "1 of 2 transcripts is not ready for search by meaning yet" in page
    assert "4 passages nearest in meaning" in page


def test_it_lists_passages_like_one_passage(ready, client):
    start = FIRST.index(TERRIFIED)
    response = client.get(
        like_url(ready, "First"), {"passage": f"{start}-{start + len(TERRIFIED)}"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "5 passages nearest in meaning" in page
    assert page.count(escape(TERRIFIED)) == 2  # the chosen passage and its option, not a result
    assert page.index("calmed my nerves") < page.index("my brother.</blockquote>")
    event = AuditEvent.objects.get(detail="passages like a passage")
    assert event.subject_id == str(ready.transcripts.get(title="First").pk)


def test_it_offers_every_passage_of_the_transcript_to_start_from(ready, client):
    page = client.get(like_url(ready, "First")).content.decode()
    assert page.count("<option ") == 4 and "Passage 2: P1: I was terrified" in page
    transcript = ready.transcripts.get(title="First")
    url = reverse("inquiry:transcript", args=[ready.pk, transcript.pk])
    page = client.get(url).content.decode()
    assert f'action="{like_url(ready, "First")}"' in page
    assert "Passage 4: P1: We grew tomatoes" in page and "Passage 5:" not in page


@pytest.mark.parametrize("passage", ["nonsense", "1-2", "-5-3", "0-99999999", "9" * 40, "5-"])
def test_it_refuses_a_passage_that_is_not_one_in_one_sentence(ready, client, passage):
    response = client.get(like_url(ready, "First"), {"passage": passage})
    assert response.status_code == 400
    assert "That is not one of this transcript&#x27;s passages" in response.content.decode()


def test_it_answers_404_for_a_transcript_that_is_not_in_the_inquiry(ready, client):
    other = Inquiry.objects.create(title="Other")
    stranger = other.add_transcript("Elsewhere", "P9: Somewhere else.\n")
    for transcript_pk in (stranger.pk, 999_999):
        url = reverse("inquiry:passages_like", args=[ready.pk, transcript_pk])
        assert client.get(url, {"passage": "0-18"}).status_code == 404


def test_it_never_shows_a_withdrawn_participants_words(ready, client):
    first = ready.transcripts.get(title="First")
    Participant.objects.get(label="P1").withdraw()
    page = search(client, ready, "scared about returning to my job").content.decode()
    assert "terrified" not in page and "allotment" not in page
    assert "2 passages nearest in meaning" in page
    url = reverse("inquiry:passages_like", args=[ready.pk, first.pk])
    assert client.get(url, {"passage": "0-10"}).status_code == 404


def test_it_keeps_search_by_meaning_to_the_team(ready, login_as, worker, viewer):
    assert search(login_as(worker), ready, "work").status_code == 403
    assert search(login_as(viewer), ready, "work").status_code == 403
    prepare = reverse("inquiry:search_prepare", args=[ready.pk])
    assert login_as(worker).post(prepare).status_code == 403
    assert login_as(worker).get(like_url(ready, "First")).status_code == 403


def test_it_links_to_the_job_only_for_someone_who_may_open_it(inquiry, login_as, coordinator):
    job = inquiry.start_passage_vectors()
    page = search(login_as(coordinator), inquiry, "work").content.decode()
    assert f'href="/jobs/{job.pk}/"' in page
    other = inquiry.team.get()
    page = search(login_as(other), inquiry, "work").content.decode()
    assert "getting them ready. Come back in a few minutes." in page
    assert f'href="/jobs/{job.pk}/"' not in page
