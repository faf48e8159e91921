"""Withdrawal: a participant's words leave every page, export and count at once, and every
table and file once they are erased (at once on request, or by housekeeping after the grace
period)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from click.testing import CliRunner
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.inquiry.withdrawal_story import SENTENCES, STAYING, WORDS, build
from thrive.audit.models import Action, AuditEvent
from thrive.backup.housekeeping import housekeeping
from thrive.files.models import StoredFile
from thrive.inquiry.cli import inquiry as inquiry_group
from thrive.inquiry.models import (
    Coding,
    GuideAnswer,
    InquiryError,
    MemberCheck,
    Participant,
    Transcript,
    TranscriptVersion,
    UncarriedCoding,
)
from thrive.inquiry.retrieval import code_tree
from thrive.inquiry.search import search
from thrive.reports.dashboard_figures import inquiry_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(coordinator, co_researcher):
    return build(coordinator, co_researcher)


def readable(body: bytes) -> str:
    """A response's text; the text of every member when it is a ZIP (XLSX, DOCX, QDPX)."""
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def found_in(text: str) -> set[str]:
    """Which of P2's sentences and words the text holds (ignoring case)."""
    text = text.casefold()
    return {item for item in (*SENTENCES, *WORDS) if item.casefold() in text}


def addresses(story) -> list[str]:
    """Every page and download of the inquiry a coordinator can open, as addresses."""
    i = story.inquiry.pk
    code = story.code.pk
    pages = [
        reverse("inquiry:list"),
        reverse("inquiry:detail", args=[i]),
        reverse("inquiry:edit", args=[i]),
        reverse("inquiry:information_sheet", args=[i]),
        reverse("inquiry:guide", args=[i]),
        reverse("inquiry:participants", args=[i]),
        reverse("inquiry:case_summaries", args=[i]),
        reverse("inquiry:participant_edit", args=[i, story.stays.pk]),
        reverse("inquiry:participant_edit", args=[i, story.leaves.pk]),
        reverse("inquiry:transcript", args=[i, story.kept_transcript.pk]),
        reverse("inquiry:codebook", args=[i]),
        reverse("inquiry:codebook_export", args=[i]) + "?format=csv",
        reverse("inquiry:codebook_export", args=[i]) + "?format=xlsx",
        reverse("inquiry:exchange", args=[i]),
        reverse("inquiry:exchange_qdpx", args=[i]),
        reverse("inquiry:exchange_qdc", args=[i]),
        reverse("inquiry:matrix", args=[i]),
        reverse("inquiry:frequencies", args=[i]),
        reverse("inquiry:cooccurrence", args=[i]),
        reverse("reports:dashboard"),
    ]
    for fmt in ("", "csv", "xlsx"):
        query = f"?format={fmt}" if fmt else ""
        pages.append(reverse("inquiry:matrix", args=[i]) + query)
        pages.append(reverse("inquiry:frequencies", args=[i]) + query)
        pages.append(reverse("inquiry:cooccurrence", args=[i]) + query)
        for word in WORDS:
            pages.append(reverse("inquiry:search", args=[i]) + f"?q={word}&format={fmt}")
    for fmt in ("", "csv", "xlsx", "docx"):
        passages = reverse("inquiry:passages", args=[i]) + f"?code={code}&format={fmt}"
        pages += [passages, passages + f"&participant={story.leaves.pk}"]
    return pages


def their_own_pages(story) -> list[str]:
    """P2's transcript, their case summary and what hangs off them: answered 404 once they
    withdraw."""
    i, t = story.inquiry.pk, story.transcript.pk
    return [
        reverse("inquiry:transcript", args=[i, t]),
        reverse("inquiry:transcript_edit", args=[i, t]),
        reverse("inquiry:coding_memo", args=[i, t, story.coding.pk]),
        reverse("inquiry:case_summary", args=[i, story.leaves.pk]),
        reverse("inquiry:case_summary_history", args=[i, story.leaves.pk]),
    ]


def walk(client, story) -> set[str]:
    """Open every page and download; what of P2's words they show between them."""
    seen: set[str] = set()
    for address in addresses(story):
        page = client.get(address)
        assert page.status_code == 200, address
        text = readable(page.content)
        asked = parse_qs(urlsplit(address).query).get("q")
        if asked:  # the search page repeats the words searched for; only results count
            text = text.replace(asked[0], "")
        seen |= found_in(text)
    return seen


def test_it_shows_their_words_before_they_withdraw_so_the_walk_can_fail(story, login_as):
    client = login_as(story.inquiry.team.get(role="coordinator"))
    # The fourth sentence was corrected away: only their transcript page still quotes it.
    assert walk(client, story) == {*SENTENCES[:3], *WORDS[:3]}
    own = [client.get(address) for address in their_own_pages(story)]
    assert [page.status_code for page in own] == [200] * 5
    assert found_in(readable(own[4].content)) == {SENTENCES[3], WORDS[3]}  # an earlier text
    assert found_in(readable(own[0].content)) == {*SENTENCES, *WORDS}


def test_it_hides_every_sentence_from_every_page_and_download_at_once(story, login_as, coordinator):
    story.leaves.withdraw(requested_by=coordinator)
    client = login_as(coordinator)
    assert walk(client, story) == set()
    for address in their_own_pages(story):
        assert client.get(address).status_code == 404, address
    # P1's words are still there.
    passages = reverse("inquiry:passages", args=[story.inquiry.pk]) + f"?code={story.code.pk}"
    assert STAYING in client.get(passages).content.decode()


def test_it_leaves_them_out_of_search_counts_and_the_matrix(story, coordinator):
    story.leaves.withdraw(requested_by=coordinator)
    assert search(story.inquiry, "lighthouse") == []
    assert list(story.inquiry.transcripts.all()) == [story.kept_transcript]
    assert not Coding.objects.filter(transcript=story.transcript).exists()
    assert not story.code.codings.filter(transcript__participant=story.leaves).exists()
    assert not UncarriedCoding.objects.exists()
    assert not GuideAnswer.objects.exists()
    assert not TranscriptVersion.objects.exists()
    # Nothing is erased yet: the rows wait for the grace period.
    assert Transcript.all_including_withdrawn.filter(participant=story.leaves).exists()
    assert Coding.all_including_withdrawn.filter(transcript=story.transcript).count() == 2


def test_it_leaves_them_out_of_every_count(story, coordinator):
    story.leaves.withdraw(requested_by=coordinator)
    [progress] = inquiry_progress(coordinator)
    assert (progress.participants, progress.transcripts, progress.codings) == (1, 1, 1)
    [listed] = json.loads(run("list", "--json").output)
    assert (listed["participants"], listed["transcripts"], listed["codings"]) == (1, 1, 1)
    assert [node.direct for node in code_tree(story.inquiry) if node.code == story.code] == [1]


def test_it_records_who_withdrew_them_when_and_keeps_the_first_date(story, coordinator, worker):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        story.leaves.withdraw(requested_by=coordinator)
        first = timezone.now()
        clock.shift(timedelta(days=3))
        story.leaves.withdraw(requested_by=worker)
    story.leaves.refresh_from_db()
    assert story.leaves.withdrawn_at == first
    assert story.leaves.withdrawn_by == coordinator
    assert story.leaves.withdrawn_via == "team"
    assert story.leaves.member_check == MemberCheck.WITHDRAWN
    assert story.leaves.erasure_due_at == first + timedelta(days=14)
    events = AuditEvent.objects.filter(subject_type="participant", subject_id=story.leaves.pk)
    assert list(events.values_list("action", "user")) == [(Action.CHANGE, coordinator.pk)]


def test_it_marks_a_withdrawal_through_the_participants_own_link_as_theirs(story):
    story.leaves.withdraw()
    story.leaves.refresh_from_db()
    assert story.leaves.withdrawn_by is None
    assert story.leaves.withdrawn_via == "link"


def test_it_refuses_a_new_transcript_for_someone_who_withdrew(story, coordinator):
    story.leaves.withdraw(requested_by=coordinator)
    with pytest.raises(InquiryError, match="P2 has withdrawn"):
        story.inquiry.add_transcript("More", "P2: Something new.", story.leaves)
    assert Transcript.all_including_withdrawn.filter(participant=story.leaves).count() == 1


def test_it_offers_only_participants_who_have_not_withdrawn_for_new_transcripts(
    story, coordinator, login_as
):
    story.leaves.withdraw(requested_by=coordinator)
    page = login_as(coordinator).get(reverse("inquiry:upload", args=[story.inquiry.pk]))
    form = page.context["form"]
    assert list(form.fields["participant"].queryset) == [story.stays]


# Erasure: every table and every stored file --------------------------------------------------


def every_table_text() -> str:
    """Every value of every row of every table in the database, as one text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    parts.append(str(value))
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_it_leaves_no_sentence_in_any_table_or_stored_file_after_withdrawal_with_now(
    coordinator, co_researcher, storage_in
):
    story = build(coordinator, co_researcher)
    stored = StoredFile.objects.order_by("pk")  # P1's transcript was added first
    originals = [storage_in / kept.file.name for kept in stored]
    assert len(originals) == 2 and all(path.exists() for path in originals)
    assert found_in(every_table_text()) == {*SENTENCES, *WORDS}  # the test can fail

    assert story.leaves.withdraw(requested_by=coordinator, now=True) is True

    assert found_in(every_table_text()) == set()
    assert STAYING in every_table_text()
    assert [path.exists() for path in originals] == [True, False]  # P1's kept, P2's gone
    assert not Participant.objects.filter(label="P2").exists()
    assert AuditEvent.objects.filter(
        action=Action.ERASE, subject_type="participant", detail="erased at withdrawal"
    ).exists()


# Housekeeping after the grace period ---------------------------------------------------------


def test_housekeeping_erases_them_after_the_grace_period_and_not_before(story, coordinator):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        story.leaves.withdraw(requested_by=coordinator)
        clock.shift(timedelta(days=14) - timedelta(minutes=1))
        assert housekeeping(dry_run=True).counts["withdrawn_participants"] == 0
        assert housekeeping().counts["withdrawn_participants"] == 0
        assert Transcript.all_including_withdrawn.filter(participant=story.leaves).exists()

        clock.shift(timedelta(minutes=1))
        assert housekeeping(dry_run=True).counts["withdrawn_participants"] == 1
        assert Participant.objects.filter(pk=story.leaves.pk).exists()  # a dry run erases nothing
        assert housekeeping().counts["withdrawn_participants"] == 1
        assert housekeeping().counts["withdrawn_participants"] == 0  # and once only
    assert not Participant.objects.filter(pk=story.leaves.pk).exists()
    assert (
        not Transcript.all_including_withdrawn.filter(inquiry=story.inquiry)
        .exclude(participant=story.stays)
        .exists()
    )
    assert not Coding.all_including_withdrawn.filter(quote__contains="lighthouse").exists()
    erased = AuditEvent.objects.filter(
        action=Action.DELETE, subject_type="participant", subject_id=story.leaves.pk
    )
    assert erased.count() == 1 and erased.get().detail.startswith("housekeeping: withdrew on")


def test_housekeeping_follows_the_grace_period_setting(story, coordinator, settings):
    settings.THRIVE_WITHDRAWAL_GRACE_DAYS = 2
    with time_machine.travel(timezone.now(), tick=False) as clock:
        story.leaves.withdraw(requested_by=coordinator)
        clock.shift(timedelta(days=1))
        assert housekeeping().counts["withdrawn_participants"] == 0
        clock.shift(timedelta(days=1))
        assert housekeeping().counts["withdrawn_participants"] == 1


def test_housekeeping_never_erases_someone_who_has_not_withdrawn(story):
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert housekeeping().counts["withdrawn_participants"] == 0
    assert Participant.objects.filter(inquiry=story.inquiry).count() == 2


# The pages: withdraw (the team), erase now (coordinators) --------------------------------------


def test_a_worker_on_the_team_records_a_withdrawal_on_their_behalf(story, worker, login_as):
    story.inquiry.team.add(worker)
    url = reverse("inquiry:participant_withdraw", args=[story.inquiry.pk, story.leaves.pk])
    client = login_as(worker)
    assert "Record that P2 has withdrawn" in client.get(url).content.decode()
    page = client.post(url)
    assert page.status_code == 302
    story.leaves.refresh_from_db()
    assert story.leaves.withdrawn_by == worker
    assert AuditEvent.objects.filter(
        action=Action.CHANGE, subject_type="participant", subject_id=story.leaves.pk, user=worker
    ).exists()


def test_a_co_researcher_cannot_record_a_withdrawal(story, co_researcher, login_as):
    url = reverse("inquiry:participant_withdraw", args=[story.inquiry.pk, story.leaves.pk])
    assert login_as(co_researcher).post(url).status_code == 403
    story.leaves.refresh_from_db()
    assert story.leaves.withdrawn_at is None
    assert AuditEvent.objects.filter(action=Action.DENIED, user=co_researcher).exists()


def test_the_participant_page_offers_erase_now_to_coordinators_only(
    story, coordinator, worker, login_as
):
    story.inquiry.team.add(worker)
    story.leaves.withdraw(requested_by=coordinator)
    url = reverse("inquiry:participant_edit", args=[story.inquiry.pk, story.leaves.pk])
    erase = reverse("inquiry:participant_erase", args=[story.inquiry.pk, story.leaves.pk])
    assert erase in login_as(coordinator).get(url).content.decode()
    assert erase not in login_as(worker).get(url).content.decode()


def test_a_coordinator_erases_a_withdrawn_participant_now_after_confirming(
    story, coordinator, login_as
):
    story.leaves.withdraw(requested_by=coordinator)
    url = reverse("inquiry:participant_erase", args=[story.inquiry.pk, story.leaves.pk])
    client = login_as(coordinator)
    assert "Erase now, for good" in client.get(url).content.decode()
    wrong = client.post(url, {"confirm": "P1"})
    assert wrong.status_code == 200 and "Type P2 to confirm" in wrong.content.decode()
    assert Participant.objects.filter(pk=story.leaves.pk).exists()
    page = client.post(url, {"confirm": "P2"})
    assert page.status_code == 302
    assert not Participant.objects.filter(pk=story.leaves.pk).exists()
    assert not Transcript.all_including_withdrawn.filter(pk=story.transcript.pk).exists()
    assert AuditEvent.objects.filter(
        action=Action.ERASE, subject_type="participant", subject_id=story.leaves.pk
    ).exists()


def test_erase_now_is_refused_to_everyone_but_coordinators_and_audited(
    story, coordinator, worker, co_researcher, login_as
):
    story.inquiry.team.add(worker)
    story.leaves.withdraw(requested_by=coordinator)
    url = reverse("inquiry:participant_erase", args=[story.inquiry.pk, story.leaves.pk])
    for user in (worker, co_researcher):
        client = login_as(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirm": "P2"}).status_code == 403
        assert AuditEvent.objects.filter(action=Action.DENIED, user=user).count() == 2
    assert Participant.objects.filter(pk=story.leaves.pk).exists()


def test_erase_now_changes_nothing_for_someone_who_has_not_withdrawn(story, coordinator, login_as):
    url = reverse("inquiry:participant_erase", args=[story.inquiry.pk, story.stays.pk])
    client = login_as(coordinator)
    assert "record their withdrawal" in client.get(url).content.decode()
    client.post(url, {"confirm": "P1"})
    assert Transcript.objects.filter(participant=story.stays).exists()


# The command ---------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(inquiry_group, [str(a) for a in args], catch_exceptions=False)


def test_the_command_withdraws_and_says_when_they_will_be_erased(story):
    result = run("withdraw", story.inquiry.pk, "P2", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    story.leaves.refresh_from_db()
    assert printed == {
        "inquiry": story.inquiry.pk,
        "participant": "P2",
        "withdrawn_at": story.leaves.withdrawn_at.isoformat(),
        "erased": False,
        "erasure_due": story.leaves.erasure_due_at.isoformat(),
    }
    assert story.leaves.withdrawn_via == "command"
    assert search(story.inquiry, "zinnia") == []


def test_the_command_erases_at_once_with_now(story):
    result = run("withdraw", story.inquiry.pk, "P2", "--now")
    assert result.exit_code == 0, result.output
    assert "erased" in result.output
    assert not Participant.objects.filter(pk=story.leaves.pk).exists()
    assert not UncarriedCoding.all_including_withdrawn.exists()
    assert not TranscriptVersion.all_including_withdrawn.exists()
    assert StoredFile.objects.count() == 1  # P1's original


def test_the_command_refuses_an_unknown_participant_in_one_line_and_changes_nothing(story):
    result = run("withdraw", story.inquiry.pk, "P9")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: There is no participant 'P9' in this inquiry; nothing was changed."
    )
    assert not Participant.objects.withdrawn().exists()
