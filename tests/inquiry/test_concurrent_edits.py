"""Concurrent transcript edits and coding from a stale page never lose or misplace words."""

import importlib
import threading

import pytest
from django.apps import apps
from django.db import close_old_connections, connection
from django.urls import reverse

from thrive.inquiry.models import (
    Code,
    Coding,
    GuideAnswer,
    Inquiry,
    InquiryError,
    Transcript,
    TranscriptChanged,
    TranscriptVersion,
)

pytestmark = pytest.mark.django_db

TEXT = "Interviewer: How is home?\nP1: Warm and quiet now. My sister Jo visits.\n"
REDACTED = TEXT.replace("Jo", "[name]")
STALE = "The transcript changed since you opened this page: reload it to code the current words."


@pytest.fixture
def setting(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Coding")
    inquiry.team.add(co_researcher)
    transcript = inquiry.add_transcript("Interview", TEXT)
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    return inquiry, transcript, home


def hidden(page: str, name: str) -> str:
    marker = f'name="{name}" value="'
    assert marker in page, f"the page carries no {name}"
    return page.split(marker, 1)[1].split('"', 1)[0]


def what_it_says_now(page: str) -> tuple[str, str]:
    """The stored values the conflict message shows, and the rest of the page after them."""
    assert '<dl class="now">' in page, "the page does not say what the record says now"
    now, after = page.split('<dl class="now">', 1)[1].split("</dl>", 1)
    return now, after


# Editing the text ---------------------------------------------------------------------------


def test_it_carries_the_version_the_edit_page_was_opened_at(setting, login_as, co_researcher):
    inquiry, transcript, _ = setting
    url = reverse("inquiry:transcript_edit", args=[inquiry.pk, transcript.pk])
    page = login_as(co_researcher).get(url).content.decode()
    assert hidden(page, "version") == "1"


def test_it_keeps_a_redaction_when_a_second_editor_saves_an_older_text(
    setting, login_as, co_researcher, coordinator
):
    inquiry, transcript, _ = setting
    inquiry.team.add(coordinator)
    url = reverse("inquiry:transcript_edit", args=[inquiry.pk, transcript.pk])
    first, second = login_as(co_researcher), login_as(coordinator)
    first_version = hidden(first.get(url).content.decode(), "version")
    second_version = hidden(second.get(url).content.decode(), "version")

    redacted = first.post(url, {"title": "Interview", "text": REDACTED, "version": first_version})
    assert redacted.status_code == 302
    theirs = TEXT.replace("quiet", "peaceful")
    late = second.post(url, {"title": "Interview 1", "text": theirs, "version": second_version})

    page = late.content.decode()
    assert late.status_code == 200 and "<title>Error: " in page
    assert "Someone else changed this while you were writing." in page
    assert "Your words are below; here is what it says now:" in page
    now, form = what_it_says_now(page)
    assert "My sister [name] visits." in now
    assert "Warm and peaceful now. My sister Jo visits." in form
    assert hidden(page, "version") == "2"
    transcript.refresh_from_db()
    assert transcript.text == REDACTED and transcript.version == 2
    assert transcript.title == "Interview"
    assert list(TranscriptVersion.objects.values_list("version", flat=True)) == [1]


def test_it_refuses_a_title_change_from_a_stale_page_too(setting, login_as, co_researcher):
    inquiry, transcript, _ = setting
    transcript.edit_text(REDACTED)
    url = reverse("inquiry:transcript_edit", args=[inquiry.pk, transcript.pk])
    late = login_as(co_researcher).post(url, {"title": "Renamed", "text": TEXT, "version": "1"})
    assert "Someone else changed this" in late.content.decode()
    transcript.refresh_from_db()
    assert transcript.text == REDACTED and transcript.title == "Interview"


def test_it_refuses_a_stale_edit_at_the_model(setting):
    _, transcript, _ = setting
    stale = Transcript.objects.get(pk=transcript.pk)
    transcript.edit_text(REDACTED)
    with pytest.raises(TranscriptChanged):
        stale.edit_text(TEXT.replace("quiet", "peaceful"))
    with pytest.raises(TranscriptChanged):
        Transcript.objects.get(pk=transcript.pk).edit_text(TEXT, opened_at=1)
    transcript.refresh_from_db()
    assert transcript.text == REDACTED and transcript.version == 2


# Coding from a page ----------------------------------------------------------------------------


def code(client, inquiry, transcript, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("inquiry:coding_add", args=[inquiry.pk, transcript.pk])
    return client.post(url, data, **headers)


def test_it_stores_a_coding_with_the_version_it_was_made_on(setting, login_as, co_researcher):
    inquiry, transcript, home = setting
    transcript.edit_text(REDACTED)
    client = login_as(co_researcher)
    page = client.get(reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]))
    assert hidden(page.content.decode(), "transcript_version") == "2"
    start = REDACTED.index("Warm")
    response = code(
        client, inquiry, transcript, codes=[home.pk], start=start, end=start + 4,
        transcript_version="2",
    )  # fmt: skip
    assert response.status_code == 302
    coding = Coding.objects.get()
    assert coding.quote == "Warm" and coding.transcript_version == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_it_refuses_kindly_a_coding_from_a_page_opened_before_the_text_changed(
    setting, login_as, co_researcher, htmx
):
    inquiry, transcript, home = setting
    start = TEXT.index("Jo")
    transcript.edit_text(REDACTED)
    response = code(
        login_as(co_researcher), inquiry, transcript, htmx=htmx,
        codes=[home.pk], start=start, end=start + 2, memo="my memo", transcript_version="1",
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert STALE in page
    assert not Coding.objects.exists()
    assert hidden(page, "transcript_version") == "2"
    assert 'name="start" value=' not in page and 'name="end" value=' not in page
    assert f'value="{home.pk}" id="code-{home.pk}" checked' in page
    assert "my memo</textarea>" in page


def test_it_refuses_a_coding_post_that_names_no_version(setting, login_as, co_researcher):
    inquiry, transcript, home = setting
    response = code(login_as(co_researcher), inquiry, transcript, codes=[home.pk], start=0, end=4)
    assert STALE in response.content.decode()
    assert not Coding.objects.exists()


def test_it_refuses_a_stale_coding_at_the_model(setting, co_researcher):
    _, transcript, home = setting
    stale = Transcript.objects.get(pk=transcript.pk)
    transcript.edit_text(REDACTED)
    with pytest.raises(InquiryError, match="reload it to code the current words"):
        stale.add_codings([home], 0, 4, co_researcher)
    with pytest.raises(InquiryError, match="reload it to code the current words"):
        transcript.add_coding(home, 0, 4, co_researcher, opened_at=1)
    assert not Coding.objects.exists()
    made = transcript.add_coding(home, 0, 4, co_researcher, opened_at=2)
    assert made.transcript_version == 2


def test_it_gives_carried_codings_the_new_version(setting, co_researcher):
    _, transcript, home = setting
    start = TEXT.index("Warm")
    coding = transcript.add_coding(home, start, start + 4, co_researcher)
    assert coding.transcript_version == 1
    revision = transcript.edit_text(REDACTED)
    assert revision.carried == 1
    coding.refresh_from_db()
    assert coding.transcript_version == 2 and REDACTED[coding.start : coding.end] == "Warm"


def test_it_restores_a_coding_at_the_current_version(setting, co_researcher):
    _, transcript, home = setting
    transcript.edit_text(REDACTED)
    snapshot = transcript.add_coding(home, 0, 4, co_researcher).remove()
    assert transcript.restore_coding(snapshot).transcript_version == 2


def test_it_refuses_an_answer_marked_on_a_stale_page(setting, login_as, co_researcher):
    inquiry, transcript, _ = setting
    transcript.edit_text(REDACTED)
    question = inquiry.guide.all()[0]
    response = login_as(co_researcher).post(
        reverse("inquiry:answer_add", args=[inquiry.pk, transcript.pk]),
        {"answer-question": question.pk, "answer-turn": 1, "answer-transcript_version": "1"},
    )
    assert "The transcript changed since you opened this page" in response.content.decode()
    assert not GuideAnswer.objects.exists()


def test_it_gives_codings_made_before_versions_were_named_their_transcripts_version(
    setting, co_researcher
):
    _, transcript, home = setting
    transcript.edit_text(REDACTED)
    transcript.edit_text(TEXT)
    coding = transcript.add_coding(home, 0, 4, co_researcher)
    Coding.objects.update(transcript_version=1)  # as the column's default leaves them
    migration = importlib.import_module("thrive.inquiry.migrations.0005_coding_transcript_version")
    migration.name_current_versions(apps, None)
    coding.refresh_from_db()
    assert coding.transcript_version == transcript.version == 3


# Real races on PostgreSQL -------------------------------------------------------------------


def race(*jobs):
    """Run the jobs in threads that start together; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as problem:  # the outcome under test
            results[index] = problem
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs two connections to PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_racing_edits_through(postgres_only, setting):
    _, transcript, _ = setting
    first = Transcript.objects.get(pk=transcript.pk)
    second = Transcript.objects.get(pk=transcript.pk)
    results = race(
        lambda: first.edit_text(REDACTED, opened_at=1),
        lambda: second.edit_text(TEXT.replace("quiet", "peaceful"), opened_at=1),
    )
    assert sum(isinstance(r, TranscriptChanged) for r in results) == 1, results
    transcript.refresh_from_db()
    assert transcript.version == 2
    assert transcript.text in {REDACTED, TEXT.replace("quiet", "peaceful")}
    assert TranscriptVersion.objects.get().text == TEXT


@pytest.mark.django_db(transaction=True)
def test_it_never_stores_a_coding_on_words_an_edit_racing_it_replaced(
    postgres_only, setting, co_researcher
):
    _, transcript, home = setting
    start = TEXT.index("Jo")
    editor = Transcript.objects.get(pk=transcript.pk)
    coder = Transcript.objects.get(pk=transcript.pk)
    edited, coded = race(
        lambda: editor.edit_text(REDACTED, opened_at=1),
        lambda: coder.add_coding(home, start, start + 2, co_researcher, opened_at=1),
    )
    assert edited.version == 2
    transcript.refresh_from_db()
    if isinstance(coded, InquiryError):
        assert str(coded) == STALE and not transcript.uncarried.exists()
    else:
        assert transcript.uncarried.get().quote == "Jo", "the coding came first: kept aside"
    assert not Coding.objects.exists()
