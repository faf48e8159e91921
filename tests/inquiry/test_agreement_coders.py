"""Coders and agreement in an inquiry: who coded (by the name they chose, or as an imported
file named them), REFI-QDA round trips of coders, and agreement between imported coders."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from thrive.inquiry import agreement
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.core import refi
from thrive.inquiry.models import Code, Coding, Inquiry

pytestmark = pytest.mark.django_db

TEXT = (
    "Interviewer: What helped?\n"
    "P1: Having somewhere to live. My sister visits now.\n"
    "Interviewer: And work?\n"
    "P1: The job coach came with me to the first day.\n"
)


def gid() -> str:
    return str(uuid.uuid4()).upper()


def project(users: list[str], coded_by: list[str | None]) -> bytes:
    """A project with one transcript and two codes; every name in coded_by (a user's name, or
    None for nobody) codes the same two passages the same way."""
    people = {name: refi.User(gid(), name) for name in users}
    home, work = gid(), gid()
    codes = (
        refi.Code(
            gid(),
            "Thriving",
            False,
            children=(refi.Code(home, "Home"), refi.Code(work, "Work")),
        ),
    )
    spans = [(TEXT.index("Having"), TEXT.index(" My sister"), home)]
    spans.append((TEXT.index("The job"), len(TEXT) - 1, work))
    selections = tuple(
        refi.Selection(
            gid(),
            start,
            end,
            user_guid=people[name].guid if name else None,
            codings=(refi.Coding(gid(), code, user_guid=people[name].guid if name else None),),
        )
        for name in coded_by
        for start, end, code in spans
    )
    source = refi.TextSource(gid(), "Interview 1", TEXT, selections=selections)
    return refi.qdpx_bytes(
        refi.Project("Two coders", users=tuple(people.values()), codes=codes, sources=(source,))
    )


def test_two_coders_in_a_file_with_the_same_codings_agree_perfectly(coordinator):
    inquiry, _, _ = exchange.import_project(
        project(["Sam", "Ali"], ["Sam", "Ali"]), user=coordinator
    )
    codings = Coding.objects.filter(transcript__inquiry=inquiry)
    # The same passage coded by two people is two codings, never folded into one.
    assert sorted(codings.values_list("external_coder", flat=True)) == ["Ali", "Ali", "Sam", "Sam"]
    assert not codings.filter(coder__isnull=False).exists()
    coders = agreement.coders_of(inquiry)
    assert [c.name for c in coders] == [
        "Ali (from an imported file)",
        "Sam (from an imported file)",
    ]
    for unit in ("character", "passage"):
        result = agreement.compare(inquiry, coders, unit)
        used = [f for f in result.codes if f.code in ("Thriving > Home", "Thriving > Work")]
        assert len(used) == 2
        for figures in (*used, result.overall):
            assert (figures.agreement, figures.kappa, figures.alpha) == (1.0, 1.0, 1.0)


def test_two_people_importing_the_same_codings_agree_perfectly(coordinator, worker):
    data = project([], [None])  # the file names nobody: each importer is credited
    inquiry, _, _ = exchange.import_project(data, user=coordinator)
    exchange.import_project(data, user=worker, into=inquiry)
    codings = Coding.objects.filter(transcript__inquiry=inquiry)
    assert sorted(codings.values_list("coder__username", flat=True)) == [
        "coord",
        "coord",
        "worker",
        "worker",
    ]
    assert inquiry.transcripts.count() == 1
    result = agreement.compare(inquiry, agreement.coders_of(inquiry), "character")
    assert (result.overall.kappa, result.overall.alpha) == (1.0, 1.0)
    # Importing the same file again adds nothing: the same coder's same coding is kept once.
    exchange.import_project(data, user=worker, into=inquiry)
    assert codings.count() == 4


def test_export_writes_imported_coders_back_as_users_and_keeps_them_through_a_round_trip(
    coordinator, django_user_model
):
    django_user_model.objects.create_user(username="Sam", role="worker")  # same name, no link
    inquiry, _, _ = exchange.import_project(project(["Sam"], ["Sam"]), user=coordinator)
    written = refi.read_qdpx(exchange.project_qdpx(inquiry)).project
    sam = [u for u in written.users if u.name == "Sam"]
    assert len(sam) == 1
    creators = {c.user_guid for s in written.sources for sel in s.selections for c in sel.codings}
    assert creators == {sam[0].guid}
    again, _, _ = exchange.import_project(exchange.project_qdpx(inquiry), user=coordinator)
    copies = Coding.objects.filter(transcript__inquiry=again)
    assert set(copies.values_list("coder", "external_coder")) == {(None, "Sam")}


def test_coders_are_shown_and_exported_by_the_name_they_chose(coordinator):
    inquiry = Inquiry.objects.create_inquiry("Names", from_template=False)
    code = Code.objects.create(inquiry=inquiry, name="Home")
    transcript = inquiry.add_transcript("One", TEXT)
    coding = transcript.add_coding(code, 0, 10, coordinator)
    assert coding.coder_name == "Cora"
    coordinator.coder_name = "  Cora (co-researcher lead) "
    coordinator.save()
    coding.refresh_from_db()
    assert coding.coder_name == "Cora (co-researcher lead)"
    written = refi.read_qdpx(exchange.project_qdpx(inquiry)).project
    assert [u.name for u in written.users] == ["Inquiry team", "Cora (co-researcher lead)"]
    assert [c.name for c in agreement.coders_of(inquiry)] == ["Cora (co-researcher lead)"]


def test_a_person_chooses_the_name_other_coders_see(co_researcher, login_as):
    client = login_as(co_researcher)
    url = reverse("accounts:coder_name")
    page = client.get(url)
    assert page.status_code == 200 and "Name shown to other coders" in page.text
    client.post(url, {"coder_name": "River"})
    co_researcher.refresh_from_db()
    assert co_researcher.name_as_coder == "River"
    refused = client.post(url, {"coder_name": "x" * 81})
    assert refused.status_code == 200 and refused.text.count("Error:") >= 1
    co_researcher.refresh_from_db()
    assert co_researcher.coder_name == "River"
    client.post(url, {"coder_name": ""})
    co_researcher.refresh_from_db()
    assert co_researcher.name_as_coder == "researcher"


def test_it_names_coders_by_username_or_imported_name_and_refuses_strangers(coordinator):
    inquiry, _, _ = exchange.import_project(project(["Sam"], ["Sam", None]), user=coordinator)
    found = agreement.find_coders(inquiry, ["coord", "Sam"])
    assert [c.key for c in found] == [f"user:{coordinator.pk}", "file:Sam"]
    with pytest.raises(Exception, match="Nobody called 'nobody' has coded"):
        agreement.find_coders(inquiry, ["nobody"])
