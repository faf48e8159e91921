"""The case-summary pages: the index, the editor with its coded passages, the history;
roles, audit, refused input and a save over someone else's newer words."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tests.inquiry.case_summary_story import P1_SAYS, P2_SAYS, build
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.case_summaries import CaseSummary, CaseSummaryVersion
from thrive.inquiry.models import Inquiry, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(coordinator, co_researcher):
    made = build(coordinator)
    made.inquiry.team.add(co_researcher)
    return made


def editor(participant) -> str:
    return reverse("inquiry:case_summary", args=[participant.inquiry_id, participant.pk])


def history(participant) -> str:
    return reverse("inquiry:case_summary_history", args=[participant.inquiry_id, participant.pk])


def text(page) -> str:
    return html.unescape(page.content.decode())


def post(client, participant, action="draft", version=0, **texts):
    data = {"action": action, "version": str(version)}
    data.update({f"text-{key}": value for key, value in texts.items()})
    return client.post(editor(participant), data)


def test_the_index_lists_each_participant_with_where_their_summary_stands(
    story, login_as, co_researcher, coordinator
):
    CaseSummary.of(story.p1).write({"life": "A damp flat."}, "ready", coordinator, 0)
    page = login_as(co_researcher).get(reverse("inquiry:case_summaries", args=[story.inquiry.pk]))
    body = text(page)
    assert page.status_code == 200
    assert body.index("P1") < body.index("Ready") < body.index("P2") < body.index("Not started")
    assert f'href="{editor(story.p2)}"' in body
    assert AuditEvent.objects.filter(
        action=Action.VIEW, detail=f"case summaries of inquiry {story.inquiry.pk}"
    ).exists()


def test_the_inquiry_page_links_to_the_case_summaries(story, login_as, co_researcher):
    page = login_as(co_researcher).get(reverse("inquiry:detail", args=[story.inquiry.pk]))
    assert reverse("inquiry:case_summaries", args=[story.inquiry.pk]) in page.content.decode()


def test_the_editor_shows_each_sections_passages_as_quotes_linked_to_their_span(
    story, login_as, co_researcher
):
    page = login_as(co_researcher).get(editor(story.p1))
    body = text(page)
    assert page.status_code == 200
    assert body.index("Life struggles") < body.index(P1_SAYS["hard"]) < body.index("Involvement")
    assert body.index("Involvement") < body.index(P1_SAYS["joined"]) < body.index("What worked")
    assert body.index("Future and reflections") < body.index(P1_SAYS["without"])
    start = story.p1_transcript.text.index(P1_SAYS["hard"])
    span = f"?hl={start}-{start + len(P1_SAYS['hard'])}#hl"
    assert f'<blockquote class="quote" cite="/inquiries/{story.inquiry.pk}/transcripts/' in body
    assert f'{story.p1_transcript.pk}/{span}">In the transcript' in body
    assert "Passages in no section yet" in body and P1_SAYS["aside"] in body
    assert body.count("<textarea") == 7
    assert "Save draft" in body and "Mark ready" in body
    assert AuditEvent.objects.filter(
        action=Action.VIEW, subject_id=str(story.p1.pk), detail="case summary"
    ).exists()


def test_the_quote_link_opens_the_transcript_at_the_coded_words(story, login_as, co_researcher):
    client = login_as(co_researcher)
    body = client.get(editor(story.p2)).content.decode()
    start = body.index('cite="') + len('cite="')
    address = html.unescape(body[start : body.index('"', start)])
    page = client.get(address)
    assert page.status_code == 200
    assert '<span class="anchor" id="hl"></span>' in page.content.decode()
    assert P2_SAYS in text(page)


def test_saving_a_draft_then_marking_it_ready_keeps_the_draft_in_the_history(
    story, login_as, co_researcher, worker
):
    story.inquiry.team.add(worker)
    first = post(login_as(co_researcher), story.p1, life="A damp flat.", summary="Getting by.")
    assert first.status_code == 302 and first["Location"] == editor(story.p1)
    changed = post(login_as(worker), story.p1, "ready", 1, life="A damp flat, now a home.")
    assert changed.status_code == 302
    summary = CaseSummary.objects.get()
    assert (summary.status, summary.texts) == ("ready", {"life": "A damp flat, now a home."})

    page = login_as(co_researcher).get(history(story.p1))
    body = text(page)
    assert page.status_code == 200
    assert "Version 1 (draft)" in body and "A damp flat." in body and "Getting by." in body
    assert "by researcher" in body and "replaced" in body and "by Wren" in body
    assert "A damp flat, now a home." not in body  # the current words are on the editor
    changes = AuditEvent.objects.filter(action=Action.CHANGE, subject_id=str(story.p1.pk))
    assert list(changes.order_by("pk").values_list("detail", flat=True)) == [
        "case summary draft",
        "case summary ready",
    ]
    assert AuditEvent.objects.filter(action=Action.VIEW, detail="case summary history").exists()


def test_a_save_that_changes_nothing_says_so_and_writes_nothing(story, login_as, co_researcher):
    client = login_as(co_researcher)
    post(client, story.p1, life="A damp flat.")
    again = client.post(
        editor(story.p1),
        {"action": "draft", "version": "1", "text-life": "A damp flat."},
        follow=True,
    )
    assert "Nothing had changed" in text(again)
    assert CaseSummary.objects.get().version == 1 and not CaseSummaryVersion.objects.exists()


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("A flat\x1b[31m with colour codes", "holds control characters"),
        ("x" * 10_001, "please keep each section under 10,000"),
    ],
)
def test_bad_input_gets_one_clear_message_keeps_the_words_and_saves_nothing(
    story, login_as, co_researcher, words, message
):
    page = post(login_as(co_researcher), story.p1, life=words, summary="Kept on the page.")
    body = text(page)
    assert page.status_code == 200
    assert "<title>Error: " in body and message in body
    assert body.count('class="error-summary"') == 1
    assert "Kept on the page." in body
    assert not CaseSummary.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CHANGE).exists()


@pytest.mark.parametrize("action", ["publish", ""])
def test_a_post_without_a_known_button_saves_nothing(story, login_as, co_researcher, action):
    page = post(login_as(co_researcher), story.p1, action, life="Words.")
    assert "<title>Error: " in text(page)
    assert not CaseSummary.objects.exists()


def test_a_save_over_newer_words_shows_them_and_keeps_yours_unsaved(
    story, login_as, co_researcher, coordinator
):
    CaseSummary.of(story.p1).write({"life": "The coordinator's words."}, "draft", coordinator, 0)
    page = post(login_as(co_researcher), story.p1, life="The researcher's words.")  # opened at 0
    body = text(page)
    assert "<title>Error: " in body and "Someone else changed this" in body
    assert "The coordinator's words." in body and "The researcher's words." in body
    assert 'name="version" value="1"' in body  # saving again is a knowing choice
    assert CaseSummary.objects.get().texts == {"life": "The coordinator's words."}


def test_a_withdrawn_participants_summary_is_not_found(story, login_as, coordinator):
    story.p2.withdraw(requested_by=coordinator)
    client = login_as(coordinator)
    assert client.get(editor(story.p2)).status_code == 404
    assert client.get(history(story.p2)).status_code == 404
    assert post(client, story.p2, life="Words.").status_code == 404
    index = client.get(reverse("inquiry:case_summaries", args=[story.inquiry.pk]))
    assert "P2" not in text(index)


def test_a_participant_of_another_inquiry_is_not_found_here(story, login_as, coordinator):
    other = Inquiry.objects.create_inquiry("Another", user=coordinator, from_template=False)
    stranger = Participant.objects.create(inquiry=other, label="P1")
    address = reverse("inquiry:case_summary", args=[story.inquiry.pk, stranger.pk])
    assert login_as(coordinator).get(address).status_code == 404


def test_only_the_inquirys_team_opens_or_changes_a_summary(story, login_as, outsider, viewer):
    for user, status in ((outsider, 403), (viewer, 403)):
        client = login_as(user)
        assert client.get(editor(story.p1)).status_code == status
        assert client.get(history(story.p1)).status_code == status
        assert post(client, story.p1, life="Not theirs.").status_code == status
    assert not CaseSummary.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DENIED).exists()


def test_the_code_page_chooses_a_codes_section(story, login_as, co_researcher):
    code = story.codes["Asides"]
    client = login_as(co_researcher)
    address = reverse("inquiry:code_edit", args=[story.inquiry.pk, code.pk])
    assert "Section of case summaries" in text(client.get(address))
    saved = client.post(
        address,
        {"name": "Asides", "colour": "#7a9e7e", "valence": "neutral", "case_section": "summary"},
    )
    assert saved.status_code == 302
    code.refresh_from_db()
    assert code.case_section == "summary"
    body = text(client.get(editor(story.p1)))
    assert "Passages in no section yet" not in body
    assert body.index("Summary</h2>") < body.index(P1_SAYS["aside"])


def test_the_participants_page_links_to_their_summary_until_they_withdraw(
    story, login_as, coordinator
):
    client = login_as(coordinator)
    address = reverse("inquiry:participant_edit", args=[story.inquiry.pk, story.p2.pk])
    assert f'href="{editor(story.p2)}"' in client.get(address).content.decode()
    story.p2.withdraw(requested_by=coordinator)
    assert f'href="{editor(story.p2)}"' not in client.get(address).content.decode()


@pytest.mark.parametrize("version", ["99999999999999999999", "-1", "one", ""])
def test_a_made_up_version_saves_nothing_and_answers_without_a_server_error(
    story, login_as, co_researcher, coordinator, version
):
    CaseSummary.of(story.p1).write({"life": "The team's words."}, "draft", coordinator, 0)
    page = login_as(co_researcher).post(
        editor(story.p1), {"action": "draft", "version": version, "text-life": "Other words."}
    )
    assert page.status_code == 200 and "Someone else changed this" in text(page)
    assert CaseSummary.objects.get().texts == {"life": "The team's words."}
