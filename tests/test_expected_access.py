"""Every address answers every role exactly as tests/access_table.py (and docs/roles.md) say.

The demo service is loaded once for the module; each role keeps one logged-in client.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Max
from django.test import Client
from django.urls import reverse

from tests.access_table import LOGINS, POSTS, ROLES, ROWS, Post, Row
from tests.test_login_required import every_url
from thrive.demo.load import load_demo

REFUSED, NOT_FOUND = 403, 404


def names_without_a_row(rows: list[Row] = ROWS) -> list[str]:
    """Every URL name in the URL conf with no row in the access table (so no expectation)."""
    listed = {row.name for row in rows}
    return sorted({name for name, _ in every_url()} - listed)


def rows_for_no_address(rows: list[Row] = ROWS) -> list[str]:
    """Rows naming an address the URL conf no longer has."""
    return sorted({row.name for row in rows} - {name for name, _ in every_url()})


# Finding the demo objects each sample names ------------------------------------------------


def find_samples() -> dict[str, object]:
    """Demo objects by the name the access table gives them, plus the few the demo lacks."""
    from thrive.economics.models import SavedScenario
    from thrive.inquiry.models import Inquiry
    from thrive.jobs.models import Job
    from thrive.journeys.models import Goal, Journey, Meeting, Person

    users = {u.username: u for u in get_user_model().objects.all()}

    def only_supported_by(username: str) -> Person:
        return (
            Person.objects.annotate(n=Count("supporters"))
            .filter(n=1, supporters=users[username], journeys__ended_on__isnull=True)
            .filter(journeys__meetings__isnull=False, journeys__pauses__isnull=True)
            .order_by("pk")
            .first()
        )

    alex_person = only_supported_by("alex")
    jordan_person = only_supported_by("jordan")
    inquiry = Inquiry.objects.get(title="What helps people thrive at the Hub")
    other = Inquiry.objects.create_inquiry("An inquiry only priya works on", user=users["priya"])
    transcript = inquiry.transcripts.order_by("pk").first()
    coding = transcript.codings.filter(coder=users["coordinator"]).order_by("pk").first()
    question = inquiry.guide.order_by("position").first()
    answer = transcript.mark_answer(question, coding.start, coding.end, users["coordinator"])
    withdrawn = inquiry.participants.create(label="P-withdrawn")
    from tests.inquiry.recorded import recorded_transcript

    recorded = recorded_transcript(inquiry, "Recorded sample")
    withdrawn.withdraw(requested_by=users["coordinator"])
    from thrive.inquiry.member_checks import MemberCheckLink
    from thrive.inquiry.themes import Theme

    theme = Theme.objects.create_theme(inquiry, "Somewhere to belong")
    theme.add_codes([coding.code])
    other_theme = Theme.objects.create_theme(other, "Only priya's theme")
    other_participant = other.participants.create(label="P1")
    scenario = SavedScenario.objects.order_by("pk").first()
    runs = [scenario.run(seed=seed, iterations=20) for seed in (1, 2)]
    return {
        "alex_person": alex_person.pk,
        "alex_person_name": alex_person.name,
        "alex_person_reference": alex_person.reference,
        "alex_meeting": Meeting.objects.filter(journey__person=alex_person).first().pk,
        "jordan_person": jordan_person.pk,
        "jordan_meeting": Meeting.objects.filter(journey__person=jordan_person).first().pk,
        **{
            f"{login}_goal": Goal.objects.create(
                journey=who.open_journey, set_on=who.open_journey.referred_on, in_their_words="A"
            ).pk
            for login, who in (("alex", alex_person), ("jordan", jordan_person))
        },
        "priya_person": only_supported_by("priya").pk,
        "waiting_journey": Journey.objects.filter(
            first_met_on__isnull=True, ended_on__isnull=True, person__supporters=users["alex"]
        )
        .first()
        .pk,
        "jordan": users["jordan"].pk,
        "marcus": users["marcus"].pk,
        "alex": users["alex"].pk,
        **{
            f"{role}_job": Job.objects.create(kind="test", title=role, started_by=users[login]).pk
            for role, login in LOGINS.items()
        },
        "inquiry": inquiry.pk,
        "other_inquiry": other.pk,
        "transcript": transcript.pk,
        "recorded_transcript": recorded.pk,
        "coding": coding.pk,
        "code": coding.code_id,
        "theme": theme.pk,
        "other_theme": other_theme.pk,
        "question": question.pk,
        "answer": answer.pk,
        "participant": inquiry.participants.order_by("pk").first().pk,
        "withdrawn_participant": withdrawn.pk,
        "other_participant": other_participant.pk,
        "member_check_token": MemberCheckLink.issue(
            inquiry.participants.order_by("pk").first()
        ).token(),
        "scenario": scenario.pk,
        "run": runs[0].pk,
        "run2": runs[1].pk,
        "chart": "tornado",
    }


def address(row: Row | Post, samples: dict[str, object]) -> str:
    kwargs = {key: samples.get(value, value) for key, value in row.kwargs.items()}
    path = reverse(row.name, kwargs=kwargs)
    query = getattr(row, "query", "")
    return f"{path}?{query.format(**samples)}" if query else path


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo service, its samples and one client per role, for the whole module."""
    with django_db_blocker.unblock():
        load_demo()
        samples = find_samples()
        users = get_user_model().objects.in_bulk(LOGINS.values(), field_name="username")
        clients = {"anonymous": Client(raise_request_exception=False)}
        for role, username in LOGINS.items():
            clients[role] = Client(raise_request_exception=False)
            clients[role].force_login(users[username])
    yield samples, clients
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def meets(row: Row | Post, role: str, expected: int, answered: int) -> None:
    """Fail unless the answer is the expected one, naming the page and the role."""
    assert answered == expected, f"{row.id} as {role}: expected {expected}, got {answered}"


# The walk -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_it_answers_each_role_as_the_access_table_says(demo, row, role):
    samples, clients = demo
    page = clients[role].get(address(row, samples))
    meets(row, role, row.expect[role], page.status_code)
    if role == "anonymous" and page.status_code == 302:
        assert page["Location"].startswith("/account/login/")
    if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
        reads_well(page.content.decode())


def reads_well(html: str) -> None:
    """What a person notices: no dashes for "nothing chosen", no two elements with one id."""
    assert "---------" not in html
    ids = re.findall(r"""\sid=["']([^"']+)["']""", html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    words = re.sub(r"<(script|style|textarea|code)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", words) == []


def state() -> dict[str, object]:
    """What a refused post must leave alone: row counts and the values it would have changed."""
    from thrive.economics.models import SavedScenario, ScenarioRun
    from thrive.inquiry.case_summaries import CaseSummary
    from thrive.inquiry.models import Coding, Inquiry, Participant, Transcript
    from thrive.inquiry.themes import Theme, ThemeChange
    from thrive.journeys.erasure_requests import ErasureRequest
    from thrive.journeys.models import Journey, Meeting, PeerTraining, Person
    from thrive.journeys.service_settings import ServiceSettings

    return {
        "logins": list(get_user_model().objects.values_list("pk", "role", "is_active")),
        "service settings": list(
            ServiceSettings.objects.values_list("opening_hours", "in_a_crisis")
        ),
        "people": Person.objects.count(),
        "erasure requests": ErasureRequest.objects.count(),
        "linked": list(Person.objects.filter(user__isnull=False).values_list("pk", "user")),
        "names": list(Person.objects.values_list("pk", "name", "contact_preference")),
        "supporters": sorted(Person.supporters.through.objects.values_list("person", "user")),
        "open journeys": Journey.objects.filter(ended_on__isnull=True).count(),
        "meetings": Meeting.objects.count(),
        "training": PeerTraining.objects.count(),
        "inquiries": list(Inquiry.objects.values_list("pk", "title")),
        "participants": Participant.objects.count(),
        "withdrawn": list(Participant.objects.withdrawn().values_list("pk", flat=True)),
        "codings": Coding.objects.count(),
        "transcript versions": list(Transcript.objects.values_list("pk", "version")),
        "themes": list(Theme.objects.values_list("pk", "name", "parent_id", "valence")),
        "theme changes": ThemeChange.objects.count(),
        "case summaries": list(CaseSummary.objects.values_list("pk", "version", "texts")),
        "scenarios": list(SavedScenario.objects.values_list("pk", "toml")),
        "last scenario change": SavedScenario.objects.aggregate(Max("updated_at")),
        "runs": ScenarioRun.objects.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("post", "role"),
    [(post, role) for post in POSTS for role in post.refused],
    ids=[f"{post.id}-{role}" for post in POSTS for role in post.refused],
)
def test_it_refuses_a_changing_post_from_each_role_that_may_not_and_changes_nothing(
    demo, post, role
):
    samples, clients = demo
    data = {key: samples.get(value, value) for key, value in post.data.items()}
    before = state()
    page = clients[role].post(address(post, samples), data)
    assert state() == before
    meets(post, role, post.refused[role], page.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("post", POSTS, ids=[post.id for post in POSTS])
def test_it_posts_samples_that_change_something_when_the_coordinator_sends_them(demo, post):
    """So a refused post leaving everything alone means the refusal, not a harmless post."""
    samples, _ = demo
    coordinator = Client()  # its own session: this test's changes are rolled back after it
    coordinator.force_login(get_user_model().objects.get(username="coordinator"))
    data = {key: samples.get(value, value) for key, value in post.data.items()}
    before = state()
    page = coordinator.post(address(post, samples), data)
    assert page.status_code in {200, 302}, page.status_code
    assert state() != before


# The table covers the URL conf, and the check notices when it does not ----------------------


def test_it_has_a_row_for_every_address():
    assert names_without_a_row() == []


def test_it_has_no_row_for_an_address_that_is_gone():
    assert rows_for_no_address() == []


def test_it_has_an_answer_for_every_role_in_every_row():
    assert [row.id for row in ROWS if set(row.expect) != set(ROLES)] == []


@pytest.mark.urls("tests.urls_with_an_unlisted_page")
def test_it_notices_an_address_without_a_row():
    assert names_without_a_row() == ["unlisted"]


def test_it_notices_a_row_without_an_address():
    extra = Row("journeys:gone", {role: 200 for role in ROLES})
    assert rows_for_no_address([*ROWS, extra]) == ["journeys:gone"]


# docs/roles.md says the same, in summary ---------------------------------------------------

ROLES_DOC = Path(__file__).resolve().parents[1] / "docs" / "roles.md"
DOC_COLUMNS = ("coordinator", "worker", "peer_supporter", "co_researcher", "commissioner")
SEES = {200, 302, 400}  # an answer that shows the page (302: sent on, e.g. after logging in)


def documented_pages() -> dict[str, dict[str, str]]:
    """URL name → role → the cell of docs/roles.md's page table that covers it."""
    table, wildcards = {}, {}
    urls = sorted({row.name for row in ROWS})
    for line in ROLES_DOC.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or "`" not in cells[0]:
            continue
        says = dict(zip((*DOC_COLUMNS, "anonymous"), cells[1:], strict=True))
        for name in re.findall(r"`([^`]+)`", cells[0]):
            (wildcards if name.endswith(":*") else table)[name.removesuffix("*")] = says
    for name in urls:
        if name not in table:
            namespace = name.partition(":")[0] + ":"
            if namespace in wildcards:
                table[name] = wildcards[namespace]
    return table


def disagreements_with_the_docs(rows: list[Row] = ROWS) -> list[str]:
    """Where docs/roles.md says a role may not open a page the access table lets it, or says
    it may and no sample of that page opens for it."""
    documented = documented_pages()
    found = []
    for name in sorted({row.name for row in rows}):
        if name not in documented:
            found.append(f"{name}: no row in docs/roles.md")
            continue
        for role, cell in documented[name].items():
            answered = {row.expect[role] for row in rows if row.name == name}
            if cell == "no" and answered & SEES - ({302} if role == "anonymous" else set()):
                found.append(f"{name}: docs say no for {role}, the table {sorted(answered)}")
            if cell != "no" and not answered & (SEES | {405}):
                found.append(f"{name}: docs say {cell} for {role}, the table {sorted(answered)}")
    return found


def test_it_agrees_with_the_page_table_in_docs_roles():
    assert disagreements_with_the_docs() == []


def test_it_notices_when_the_docs_and_the_table_disagree():
    opened = Row("audit:log", {role: 200 for role in ROLES})
    assert disagreements_with_the_docs([*ROWS, opened])[:1] == [
        "audit:log: docs say no for worker, the table [200, 403]"
    ]
