"""Blind coding, the agreement page, settling disagreements and `thrive inquiry agreement`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.urls import reverse

from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.models import Code, Coding, Inquiry, Settlement

pytestmark = pytest.mark.django_db

TEXT = (
    "Interviewer: What helped?\n"
    "P1: Having somewhere to live. My sister visits now.\n"
    "Interviewer: And work?\n"
    "P1: The job coach came with me to the first day.\n"
)
SECOND_TURN = (TEXT.index("P1: Having"), TEXT.index("\nInterviewer: And"))
LAST_TURN = (TEXT.index("P1: The job"), len(TEXT) - 1)


@pytest.fixture
def team(worker, co_researcher):
    """Wren (worker) and the co-researcher code one transcript; they disagree on one turn."""
    inquiry = Inquiry.objects.create_inquiry("Together", from_template=False)
    inquiry.team.add(worker, co_researcher)
    thriving = Code.objects.create(inquiry=inquiry, name="Thriving", codable=False)
    home = Code.objects.create(inquiry=inquiry, name="Home", parent=thriving)
    work = Code.objects.create(inquiry=inquiry, name="Work", parent=thriving)
    Code.objects.create(inquiry=inquiry, name="Never used")
    transcript = inquiry.add_transcript("Interview 1", TEXT)
    having = TEXT.index("Having")
    transcript.add_coding(home, having, having + 27, worker)
    transcript.add_coding(home, having, having + 27, co_researcher)
    job = TEXT.index("The job")
    transcript.add_coding(work, job, job + 13, worker)  # only Wren codes work
    return inquiry, transcript, home, work


def agreement_url(inquiry, *coders, unit="passage"):
    query = "&".join(f"coders=user:{c.pk}" for c in coders)
    return f"{reverse('inquiry:agreement', args=[inquiry.pk])}?{query}&unit={unit}"


# Blind coding ------------------------------------------------------------------------------


def test_blind_coding_hides_other_coders_codings_until_i_compare(
    team, worker, co_researcher, login_as
):
    inquiry, transcript, _home, _work = team
    client = login_as(co_researcher)
    page_url = reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk])
    blind_url = reverse("inquiry:blind_coding", args=[inquiry.pk, transcript.pk])
    assert "The job coach" in client.get(page_url).text.split('id="margin-heading"')[1]
    client.post(blind_url, {"blind": "on"})
    page = client.get(page_url).text
    margin = page.split('id="margin-heading"')[1]
    assert "Your coded passages (1)" in page
    assert "2 codings by other coders are hidden" in page
    assert "Work" not in margin and "Wren" not in margin
    assert page.count("<mark") == 1  # only the co-researcher's own coding is highlighted
    # Wren still sees everyone's: the setting is each person's own.
    assert "Coded passages (3)" in login_as(worker).get(page_url).text
    client.post(blind_url, {"blind": "off"})
    assert "Coded passages (3)" in client.get(page_url).text


def test_blind_coding_is_only_posted_by_the_inquiry_team(team, outsider, viewer, login_as):
    inquiry, transcript, _, _ = team
    blind_url = reverse("inquiry:blind_coding", args=[inquiry.pk, transcript.pk])
    assert login_as(outsider).post(blind_url, {"blind": "on"}).status_code == 403
    assert login_as(viewer).post(blind_url, {"blind": "on"}).status_code == 403
    from thrive.inquiry.models import CoderPreference

    assert not CoderPreference.objects.exists()


# The agreement page ------------------------------------------------------------------------


def test_the_page_shows_figures_per_code_by_full_path_and_the_disagreement(
    team, worker, co_researcher, login_as
):
    inquiry, _transcript, _, _ = team
    page = login_as(co_researcher).get(agreement_url(inquiry, worker, co_researcher))
    assert page.status_code == 200
    text = page.text
    assert "Thriving &gt; Home" in text and "Thriving &gt; Work" in text
    assert "Not defined: nobody used this code" in text
    assert "Passages where they disagree (1)" in text
    assert "The job coach came with me" in text
    assert "only some coders" in text
    assert AuditEvent.objects.filter(
        action=Action.VIEW, subject_type="inquiry", detail="agreement between coders"
    ).exists()


def test_the_page_asks_for_two_coders_and_is_closed_to_strangers(
    team, worker, outsider, viewer, login_as
):
    inquiry, _, _, _ = team
    page = login_as(worker).get(agreement_url(inquiry, worker))
    assert page.status_code == 200 and "Choose two or more coders to compare." in page.text
    assert page.text.count("<title>Error:") == 1
    assert login_as(outsider).get(agreement_url(inquiry, worker)).status_code == 403
    assert login_as(viewer).get(agreement_url(inquiry, worker)).status_code == 403


def settle(client, inquiry, transcript, coders, decision, span=LAST_TURN, **extra):
    data = {
        "transcript": transcript.pk,
        "transcript_version": transcript.version,
        "start": span[0],
        "end": span[1],
        "coders": [f"user:{c.pk}" for c in coders],
        "unit": "passage",
        "decision": decision,
        "note": "Talked it through",
        **extra,
    }
    return client.post(reverse("inquiry:agreement_settle", args=[inquiry.pk]), data)


def codes_of(user, transcript):
    return sorted(
        (c.code.name, c.start, c.end)
        for c in Coding.objects.filter(transcript=transcript, coder=user)
    )


def test_keeping_one_coders_codes_gives_the_others_a_copy_and_records_the_decision(
    team, worker, co_researcher, login_as
):
    inquiry, transcript, _, _work = team
    client = login_as(co_researcher)
    answer = settle(client, inquiry, transcript, [worker, co_researcher], f"keep:user:{worker.pk}")
    assert answer.status_code == 302
    job = TEXT.index("The job")
    assert ("Work", job, job + 13) in codes_of(co_researcher, transcript)
    settlement = Settlement.objects.get()
    assert settlement.kept == "Wren" and settlement.note == "Talked it through"
    assert settlement.before == {f"user:{worker.pk}": ["Thriving > Work"]}
    assert settlement.after == {
        f"user:{worker.pk}": ["Thriving > Work"],
        f"user:{co_researcher.pk}": ["Thriving > Work"],
    }
    assert AuditEvent.objects.filter(
        action=Action.CHANGE, subject_id=str(transcript.pk), detail__startswith="disagreement"
    ).exists()
    page = client.get(agreement_url(inquiry, worker, co_researcher)).text
    assert "Passages where they disagree (0)" in page and "kept Wren’s codes" in page


def test_keeping_none_removes_the_disputed_code_and_both_keeps_every_code(
    team, worker, co_researcher, login_as
):
    inquiry, transcript, _home, work = team
    client = login_as(co_researcher)
    settle(client, inquiry, transcript, [worker, co_researcher], "neither")
    assert codes_of(worker, transcript) == [
        ("Home", TEXT.index("Having"), TEXT.index("Having") + 27)
    ]
    # The agreed code on the other turn was never touched; now the second turn disagrees.
    transcript.refresh_from_db()
    transcript.add_coding(work, SECOND_TURN[0] + 4, SECOND_TURN[0] + 10, worker)
    settle(client, inquiry, transcript, [worker, co_researcher], "both", span=SECOND_TURN)
    assert ("Work", SECOND_TURN[0] + 4, SECOND_TURN[0] + 10) in codes_of(co_researcher, transcript)
    assert Settlement.objects.count() == 2


def test_settling_changes_nothing_when_the_input_is_wrong_or_the_text_changed(
    team, worker, co_researcher, login_as
):
    inquiry, transcript, _, _ = team
    client = login_as(co_researcher)
    before = sorted(Coding.objects.values_list("pk", "code", "start", "end", "coder"))
    pair = [worker, co_researcher]
    for decision in ("", "keep:user:99999", "everything"):
        answer = settle(client, inquiry, transcript, pair, decision)
        assert answer.status_code == 302
    agreed = (TEXT.index("Interviewer: What"), TEXT.index("\nP1: Having"))  # nobody coded it
    settle(client, inquiry, transcript, pair, "both", span=agreed)
    settle(client, inquiry, transcript, pair, "both", transcript_version=transcript.version + 1)
    transcript.edit_text(TEXT + "Interviewer: Thank you.\n", worker)
    stale = settle(client, inquiry, transcript, pair, "both", transcript_version=1)
    messages = [str(m) for m in stale.wsgi_request._messages]
    assert any("Nothing was changed" in m and "transcript changed" in m for m in messages)
    assert sorted(Coding.objects.values_list("pk", "code", "start", "end", "coder")) == before
    assert not Settlement.objects.exists()


def test_only_the_team_may_settle(team, worker, co_researcher, outsider, viewer, login_as):
    inquiry, transcript, _, _ = team
    for stranger in (outsider, viewer):
        answer = settle(login_as(stranger), inquiry, transcript, [worker, co_researcher], "both")
        assert answer.status_code == 403
    assert (
        login_as(worker).get(reverse("inquiry:agreement_settle", args=[inquiry.pk])).status_code
        == 405
    )
    assert not Settlement.objects.exists()


# The command -------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def test_the_command_prints_figures_by_code_path_with_notes_for_undefined_ones(team, worker):
    inquiry = team[0]
    result = run(
        "agreement", inquiry.pk, "--coders", "worker,researcher", "--unit", "passage", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["unit"] == "passage" and data["coders"] == ["worker", "researcher"]
    by_code = {row["code"]: row for row in data["codes"]}
    assert set(by_code) == {"Never used", "Thriving > Home", "Thriving > Work"}
    unused = by_code["Never used"]
    assert (unused["kappa"], unused["alpha"]) == (None, None)
    assert unused["notes"]["kappa"] == "not defined: nobody used this code"
    home = by_code["Thriving > Home"]
    assert (home["agreement"], home["kappa"], home["alpha"]) == (1.0, 1.0, 1.0)
    assert by_code["Thriving > Work"]["agreement"] == pytest.approx(3 / 4)  # 4 turns
    assert set(data["overall"]) == {"agreement", "kappa", "alpha", "notes"}
    plain = run("agreement", inquiry.pk)
    assert plain.exit_code == 0 and "Thriving > Work: agreement 0." in plain.output


def test_the_command_refuses_unknown_coders_and_a_single_coder_in_one_line(team):
    inquiry = team[0]
    unknown = run("agreement", inquiry.pk, "--coders", "worker,nobody")
    assert unknown.exit_code == 1
    assert unknown.output.strip() == "Error: Nobody called 'nobody' has coded in this inquiry."
    single = run("agreement", inquiry.pk, "--coders", "worker")
    assert (
        single.exit_code == 1
        and single.output.strip() == "Error: Choose two or more coders to compare."
    )
    assert run("agreement", 99999).exit_code == 1
