"""Member checks: private links, the participant's page and the team's decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.pdf_text import pdf_text
from thrive.audit.models import AuditEvent
from thrive.inquiry.member_checks import (
    LinkClosed,
    MemberCheckLink,
    MemberCheckResponse,
)
from thrive.inquiry.models import Code, Inquiry, MemberCheck, Participant
from thrive.lib.signing import make_link_token

pytestmark = pytest.mark.django_db

TEXT = "Interviewer: How was it?\nP1: The peer group saved me.\nP1: Work came later."


@pytest.fixture
def study(coordinator, co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Member checks", user=coordinator)
    inquiry.team.add(co_researcher)
    p1 = Participant.objects.create(inquiry=inquiry, label="P1")
    Participant.objects.create(inquiry=inquiry, label="P-other")
    transcript = inquiry.add_transcript("Interview one", TEXT, participant=p1, user=coordinator)
    code = Code.objects.create(
        inquiry=inquiry, name="SECRETCODENAME", description="Peer support helped you recover."
    )
    start = TEXT.index("The peer group")
    transcript.add_coding(code, start, start + 10, co_researcher)
    return inquiry, p1, transcript


def page(token: str) -> str:
    return reverse("member_check:page", args=[token])


def test_it_opens_their_own_copy_without_an_account_and_leaks_nothing(client, study, co_researcher):
    _, p1, _ = study
    link = MemberCheckLink.issue(p1)
    answer = client.get(page(link.token()))
    body = answer.content.decode()
    assert answer.status_code == 200
    assert "The peer group saved me." in body and "Peer support helped you recover." in body
    for secret in ("SECRETCODENAME", "P-other", co_researcher.username, "Inquiries"):
        assert secret not in body
    p1.refresh_from_db()
    assert p1.member_check == MemberCheck.OPENED
    assert AuditEvent.objects.filter(subject_type="participant", subject_id=str(p1.pk)).exists()


def test_it_refuses_expired_revoked_renewed_and_tampered_links_and_changes_nothing(client, study):
    _, p1, _ = study
    link = MemberCheckLink.issue(p1, days=3)
    old = link.token()
    with time_machine.travel(link.expires_at + timedelta(minutes=1)):
        assert client.get(page(old)).status_code == 410
    assert client.get(page(old[:-2] + "xx")).status_code == 404
    assert client.get(page(make_link_token("other", [p1.pk, link.counter]))).status_code == 404
    MemberCheckLink.issue(p1)
    assert client.get(page(old)).status_code == 410
    link.refresh_from_db()
    link.revoke()
    refused = client.post(page(link.token()), {"kind": "approve"})
    assert refused.status_code == 410 and "contact" in refused.content.decode()
    assert not MemberCheckResponse.objects.exists()
    with pytest.raises(LinkClosed):
        MemberCheckLink.open(link.token())


def test_it_stores_each_answer_without_changing_the_transcript_until_the_team_accepts(
    client, study, coordinator
):
    _, p1, transcript = study
    token = MemberCheckLink.issue(p1).token()
    client.post(page(token), {"kind": "comment", "passage": "2", "text": "Yes, that's right."})
    client.post(page(token), {"kind": "reword", "passage": "3", "text": "P1: Work came after."})
    client.post(page(token), {"kind": "approve"})
    transcript.refresh_from_db()
    p1.refresh_from_db()
    assert transcript.version == 1 and transcript.text.strip() == TEXT
    assert p1.member_check == MemberCheck.COMMENTED
    assert MemberCheckResponse.objects.filter(state="open").count() == 3
    reword = MemberCheckResponse.objects.get(kind="reword")
    reword.accept(coordinator)
    transcript.refresh_from_db()
    p1.refresh_from_db()
    assert transcript.version == 2 and "Work came after." in transcript.text
    assert transcript.codings.get().quote == "The peer g"
    assert p1.member_check == MemberCheck.AMENDED
    MemberCheckResponse.objects.get(kind="approve").accept(coordinator)
    p1.refresh_from_db()
    assert p1.member_check == MemberCheck.APPROVED


def test_it_withdraws_them_through_their_link_only_when_they_confirm(client, study):
    _, p1, _ = study
    token = MemberCheckLink.issue(p1).token()
    client.post(page(token), {"kind": "withdraw"})
    p1.refresh_from_db()
    assert not p1.is_withdrawn
    client.post(page(token), {"kind": "withdraw", "confirm": "yes"})
    p1.refresh_from_db()
    assert p1.is_withdrawn and p1.withdrawn_via == "link"
    assert client.get(page(token)).status_code == 410


def test_it_lets_the_team_send_a_link_and_record_an_answer_on_their_behalf(
    login_as, study, co_researcher
):
    inquiry, p1, _ = study
    client = login_as(co_researcher)
    url = reverse("inquiry:member_check", args=[inquiry.pk, p1.pk])
    sent = client.post(url, {"action": "send", "days": "10"})
    assert sent.status_code == 200
    link = MemberCheckLink.objects.get(participant=p1)
    assert link.token() in sent.content.decode()
    client.post(url, {"action": "record", "kind": "approve", "text": "Said so on the phone."})
    answer = p1.member_check_responses.get()
    assert (answer.kind, answer.recorded_by) == ("approve", co_researcher)
    p1.refresh_from_db()
    assert p1.member_check == MemberCheck.APPROVED  # nothing else open: it counts at once
    tasks = client.get(reverse("inquiry:member_check_tasks", args=[inquiry.pk]))
    assert tasks.status_code == 200 and "Approved" in tasks.content.decode()


def test_it_keeps_people_outside_the_team_away_from_member_checks(login_as, study, worker):
    inquiry, p1, _ = study
    client = login_as(worker)
    url = reverse("inquiry:member_check", args=[inquiry.pk, p1.pk])
    assert client.post(url, {"action": "send"}).status_code == 403
    assert not MemberCheckLink.objects.exists()


def test_it_prints_the_link_and_the_board_on_the_command_line(study):
    import json

    from click.testing import CliRunner

    from thrive.inquiry.cli import inquiry as group

    inquiry, p1, _ = study
    runner = CliRunner()
    sent = runner.invoke(group, ["member-check", str(inquiry.pk), "P1", "--days", "7", "--json"])
    assert sent.exit_code == 0, sent.output
    printed = json.loads(sent.output)
    assert printed["url"].startswith("http://127.0.0.1:8000/member-check/")
    assert printed["url"].endswith(MemberCheckLink.objects.get(participant=p1).token() + "/")
    board = json.loads(runner.invoke(group, ["status", str(inquiry.pk), "--json"]).output)
    assert {row["participant"]: row["status"] for row in board} == {
        "P-other": "not_started",
        "P1": "sent",
    }
    refused = runner.invoke(group, ["member-check", str(inquiry.pk), "P9", "--json"])
    assert refused.exit_code == 1 and "nothing was sent" in refused.output


def test_their_copy_is_a_pdf_through_their_link_or_from_the_team(client, study, login_as):
    inquiry, p1, _ = study
    token = MemberCheckLink.issue(p1).token()
    own = client.get(reverse("member_check:copy", args=[token]))
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    text = pdf_text(own.content)
    assert "The peer group saved me." in text and "Peer support helped you recover." in text
    assert "SECRETCODENAME" not in text and "P-other" not in text
    team = login_as(inquiry.team.first()).get(
        reverse("inquiry:member_check_copy", args=[inquiry.pk, p1.pk])
    )
    assert team.status_code == 200 and "The peer group saved me." in pdf_text(team.content)
    taken = AuditEvent.objects.filter(subject_id=str(p1.pk), detail__startswith="PDF copy")
    assert taken.count() == 2


def test_their_copy_is_refused_on_a_closed_or_made_up_link(client, study):
    _, p1, _ = study
    link = MemberCheckLink.issue(p1)
    token = link.token()
    link.revoke()
    assert client.get(reverse("member_check:copy", args=[token])).status_code == 410
    assert client.get(reverse("member_check:copy", args=["made-up"])).status_code == 404
    assert not AuditEvent.objects.filter(detail__startswith="PDF copy").exists()


@pytest.mark.django_db(transaction=True)
def test_an_accepted_removal_keeps_none_of_the_removed_words(client, study, coordinator):
    from tests.inquiry.test_withdrawal import every_table_text

    _, p1, transcript = study
    token = MemberCheckLink.issue(p1).token()
    client.post(page(token), {"kind": "comment", "passage": "3", "text": "I'd rather not."})
    client.post(page(token), {"kind": "remove", "passage": "3"})
    assert "Work came later." in every_table_text()  # the test can fail
    MemberCheckResponse.objects.get(kind="remove").accept(coordinator)
    transcript.refresh_from_db()
    assert transcript.version == 2 and "Work came later." not in transcript.text
    assert "Work came later." not in every_table_text()
    p1.refresh_from_db()
    assert p1.member_check == MemberCheck.AMENDED
    assert "removed at the participant" in client.get(page(token)).content.decode()
