"""Who may open what: the expected answer to every address, for every role.

The source of truth is the role table in docs/roles.md; each row below was written from it
and from the views' decorators and scoping helpers (thrive/accounts/models.py's capability
table, thrive/journeys/access.py, thrive/inquiry/access.py), not copied from what the code
answered. tests/test_expected_access.py walks every row against the demo service and fails
when an address in the URL conf has no row here.

Roles are the demo logins: the coordinator, alex (a worker), jordan (a peer supporter),
researcher (a co-researcher) and commissioner (a viewer), plus someone not logged in.
A participant's private link (a signed address) opens their own page for whoever holds it,
logged in or not: the link is the permission, so its rows answer the same for every role.

Samples name demo objects by what they are to the roles, e.g. "alex_person" is a person on
alex's caseload and nobody else's of the five; test_expected_access.py finds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ROLES = ("anonymous", "coordinator", "worker", "peer_supporter", "co_researcher", "commissioner")
LOGINS = {
    "coordinator": "coordinator",
    "worker": "alex",
    "peer_supporter": "jordan",
    "co_researcher": "researcher",
    "commissioner": "commissioner",
}

OK = 200
REDIRECT = 302  # for "anonymous" always to the login page; the walk checks where
BAD = 400
REFUSED = 403  # the role may not do this at all: nothing about any record is revealed
NOT_FOUND = 404  # not theirs to see, answered exactly as if it did not exist
NOT_ALLOWED = 405  # wrong method (a GET to a form that only takes a POST)
LOGIN = REDIRECT

# Capabilities of docs/roles.md, as sets of roles (written out, not read from the code).
EVERYONE = ("coordinator", "worker", "peer_supporter", "co_researcher", "commissioner")
DASHBOARD = EVERYONE
FRAMEWORK = EVERYONE
CASELOAD = ("coordinator", "worker", "peer_supporter")
RECORD = ("coordinator", "worker", "peer_supporter")
ALL_PEOPLE = ("coordinator",)
REFERRALS = ("coordinator",)
AUDIT = ("coordinator",)
INQUIRIES = ("coordinator", "worker", "peer_supporter", "co_researcher")
ECONOMICS = ("coordinator", "commissioner")
LOGINS_MANAGED = ("coordinator",)


def answers(
    allowed: Iterable[str], ok: int = OK, refused: int = REFUSED, anonymous: int = LOGIN, **only
) -> dict[str, int]:
    """The answer for each role: `ok` for the allowed, `refused` for the rest, then exceptions."""
    allowed = set(allowed)
    table = {"anonymous": anonymous}
    table.update({role: ok if role in allowed else refused for role in EVERYONE})
    table.update(only)
    return table


@dataclass(frozen=True)
class Row:
    """One address (a URL name with sample arguments) and the expected GET answer per role."""

    name: str
    expect: dict[str, int]
    kwargs: dict[str, str] = field(default_factory=dict)  # values name samples, or are literal
    query: str = ""  # may name samples too, as {code}
    sample: str = ""  # what the sample is, for the test id

    @property
    def id(self) -> str:
        return f"{self.name}[{self.sample}]" if self.sample else self.name


def person_rows(
    name: str, extra: dict[str, str] | None = None, change: bool = False, ok: int = OK
) -> list:
    """A person page for each of: alex's person, jordan's person and someone neither supports.

    Seeing needs the person in view (coordinators: everyone; workers: their caseload).
    Changing first needs the role to record journeys (403 for co-researchers and viewers,
    before any lookup), then the person in view. Not in view answers 404 (audited); roles
    that see no people at all answer 403 for every id alike, which reveals nothing either.
    """
    rows = []
    for sample, sees in (
        ("alex_person", {"coordinator", "worker"}),
        ("jordan_person", {"coordinator", "peer_supporter"}),
        ("priya_person", {"coordinator"}),
    ):
        may_try = set(RECORD) if change else set(EVERYONE)
        expect = answers(sees, ok=ok, refused=NOT_FOUND)
        for role in EVERYONE:
            if role not in may_try or role not in CASELOAD:
                expect[role] = REFUSED  # roles that see no people: 403 for every id alike
        rows.append(
            Row(
                name,
                expect,
                {"pk": sample, **(extra or {})},
                sample=sample,
            )
        )
    return rows


def team_rows(name: str, extra: dict[str, str] | None = None, ok: int = OK, query: str = ""):
    """An inquiry page: the demo inquiry (alex, jordan, researcher and the coordinator on its
    team) and an inquiry whose team is only priya (the coordinator opens every inquiry)."""
    return [
        Row(
            name,
            answers(INQUIRIES, ok=ok),
            {"pk": "inquiry", **(extra or {})},
            query=query,
            sample="team",
        ),
        Row(
            name,
            # A GET to a POST-only form is turned away before the inquiry is looked up.
            answers(INQUIRIES if ok == NOT_ALLOWED else ("coordinator",), ok=ok),
            {"pk": "other_inquiry", **(extra or {})},
            query=query,
            sample="not_team",
        ),
    ]


def demo_inquiry_row(name: str, extra: dict[str, str] | None = None, **kw) -> Row:
    """A page of the demo inquiry (only its own objects exist, so one sample)."""
    kw.setdefault("expect", answers(INQUIRIES))
    return Row(name, kwargs={"pk": "inquiry", **(extra or {})}, sample="team", **kw)


POST_ONLY_INQUIRY = answers(INQUIRIES, ok=NOT_ALLOWED)  # the role is checked before the method
T = {"transcript_pk": "transcript"}
R = {"transcript_pk": "recorded_transcript"}

ROWS: list[Row] = [
    # Public addresses, and the login pages.
    Row("health", answers(EVERYONE, anonymous=OK)),
    Row("journeys:refer", answers(EVERYONE, anonymous=OK)),
    Row("journeys:referral_thanks", answers(EVERYONE, anonymous=OK)),
    Row("accounts:login", answers((), refused=REDIRECT, anonymous=OK)),  # logged in: onwards
    Row("accounts:logout", answers((), refused=NOT_ALLOWED)),  # POST only
    Row("accounts:password_change", answers(EVERYONE)),
    # The second login step: without a password step in progress, back to the login page.
    Row("accounts:login_code", answers((), refused=REDIRECT, anonymous=REDIRECT)),
    Row("accounts:two_factor", answers(EVERYONE)),
    Row("accounts:two_factor_off", answers((), refused=NOT_ALLOWED)),  # POST only
    Row("brand_css", answers(EVERYONE, anonymous=OK)),  # colours only, public
    Row("accounts:password_change_done", answers(EVERYONE)),
    Row("accounts:coder_name", answers(EVERYONE)),  # one's own name on codings
    # Logins: coordinators create them, change roles, make set-password links, deactivate.
    Row("team:logins", answers(LOGINS_MANAGED)),
    Row("team:login_create", answers(LOGINS_MANAGED)),
    Row("team:login_detail", answers(LOGINS_MANAGED), {"pk": "alex"}),
    Row("team:login_link", answers(LOGINS_MANAGED, ok=NOT_ALLOWED), {"pk": "alex"}),
    Row("team:login_active", answers(LOGINS_MANAGED, ok=NOT_ALLOWED), {"pk": "alex"}),
    # A set-password link: the link is the permission; a used or made-up one says so, 200.
    Row(
        "team:set_password",
        answers(EVERYONE, anonymous=OK),
        {"uidb64": "MQ", "token": "made-up-token"},
        sample="used_link",
    ),
    # Aggregate figures: everyone logged in (counts under 5 suppressed for viewers).
    Row("reports:dashboard", answers(DASHBOARD)),
    Row("reports:outcome_report", answers(DASHBOARD)),
    Row("reports:outcome_report_print", answers(DASHBOARD)),
    Row("reports:outcome_report_csv", answers(DASHBOARD)),
    Row("reports:outcome_report_xlsx", answers(DASHBOARD)),
    *team_rows("reports:appendix_tables"),
    *team_rows("reports:framework_table"),
    # The study's trees and the commissioner summary: whoever may open the inquiry.
    *team_rows("reports:study_trees"),
    *team_rows("reports:study_tree_svg", {"kind": "growth"}),
    *team_rows("reports:commissioner_summary"),
    # The study report of an inquiry: its team (the coordinator opens every inquiry).
    *team_rows("reports:study_report"),
    *team_rows("reports:study_report_text"),
    # No report built yet in the demo: back to the report page to build one.
    *team_rows("reports:study_report_file", {"fmt": "pdf"}, ok=REDIRECT),
    Row("framework:index", answers(FRAMEWORK)),
    # The audit log: coordinators.
    Row("audit:log", answers(AUDIT)),
    # Jobs: anyone sees the jobs they started; coordinators see everyone's; others' are 404.
    Row("jobs:list", answers(EVERYONE)),
    *(
        Row(
            "jobs:detail",
            answers({"coordinator", role}, refused=NOT_FOUND),
            {"pk": f"{role}_job"},
            sample=f"{role}_job",
        )
        for role in EVERYONE
    ),
    # Referrals: coordinators match them.
    Row("journeys:referrals", answers(REFERRALS)),
    Row("journeys:service_settings", answers(REFERRALS)),
    Row(
        "journeys:match_referral",
        answers(REFERRALS, ok=NOT_ALLOWED),
        {"pk": "waiting_journey"},
    ),
    # People and their journeys.
    Row("journeys:people", answers(CASELOAD)),
    Row("journeys:my_people", answers(CASELOAD)),
    *person_rows("journeys:edit_person", change=True),
    # Who supports a person is changed by coordinators, as matching is (403 before any lookup).
    Row("journeys:change_supporters", answers(REFERRALS), {"pk": "alex_person"}),
    Row("journeys:import_records", answers(ALL_PEOPLE)),
    *person_rows("journeys:person"),
    *person_rows("journeys:person_copy"),
    *person_rows("journeys:person_copy_json"),
    *person_rows("journeys:add_entry", {"kind": "meeting"}, change=True),
    *person_rows("journeys:end_journey", change=True),
    *person_rows("journeys:pause_journey", change=True),
    # Resuming a journey that is not paused goes back to the person's page.
    *person_rows("journeys:resume_journey", change=True, ok=REDIRECT),
    *person_rows("journeys:work_at_joining", change=True),
    *(
        Row(
            "journeys:edit_entry",
            answers(("coordinator", role), refused=NOT_FOUND, co_researcher=403, commissioner=403),
            {"pk": f"{login}_person", "kind": "meeting", "entry_pk": f"{login}_meeting"},
            sample=f"{login}_person",
        )
        for role, login in (("worker", "alex"), ("peer_supporter", "jordan"))
    ),
    *(
        Row(
            name,
            answers(("coordinator", role), refused=NOT_FOUND, co_researcher=403, commissioner=403),
            {"pk": f"{login}_person", **kwargs},
            sample=f"{login}_person",
        )
        for role, login in (("worker", "alex"), ("peer_supporter", "jordan"))
        for name, kwargs in (
            ("journeys:remove_entry", {"kind": "meeting", "entry_pk": f"{login}_meeting"}),
            ("journeys:goal_reached", {"goal_pk": f"{login}_goal"}),
            ("journeys:goal_set_aside", {"goal_pk": f"{login}_goal"}),
        )
    ),
    Row("journeys:start_again", answers(EVERYONE, ok=NOT_ALLOWED), {"pk": "alex_person"}),
    Row(
        "journeys:goal_pick_up",
        answers(EVERYONE, ok=NOT_ALLOWED),
        {"pk": "alex_person", "goal_pk": "alex_goal"},
    ),
    Row("journeys:erase_person", answers(ALL_PEOPLE), {"pk": "alex_person"}),
    Row("journeys:erasure_requests", answers(ALL_PEOPLE)),
    *person_rows("journeys:erasure_request", change=True),
    # Peer supporters: coordinators see all; a peer supporter sees their own page.
    Row("journeys:peer_supporters", answers(ALL_PEOPLE)),
    Row(
        "journeys:peer_supporter",
        answers(("coordinator", "peer_supporter")),
        {"pk": "jordan"},
        sample="jordan",
    ),
    Row("journeys:peer_supporter", answers(ALL_PEOPLE), {"pk": "marcus"}, sample="marcus"),
    Row(
        "journeys:add_peer_record",
        answers(ALL_PEOPLE, ok=NOT_ALLOWED),
        {"pk": "jordan", "kind": "training"},
    ),
    Row("journeys:link_own_record", answers(ALL_PEOPLE, ok=NOT_ALLOWED), {"pk": "jordan"}),
    # Inquiries: everyone who works on inquiries, each inquiry only to its team.
    Row("inquiry:list", answers(INQUIRIES)),
    Row("inquiry:create", answers(INQUIRIES)),
    Row("inquiry:project_import", answers(INQUIRIES)),
    *team_rows("inquiry:detail"),
    *team_rows("inquiry:information_sheet"),
    *team_rows("inquiry:guide"),
    *team_rows("inquiry:participants"),
    *team_rows("inquiry:participant_create"),
    *team_rows("inquiry:upload"),
    *team_rows("inquiry:paste"),
    *team_rows("inquiry:codebook"),
    *team_rows("inquiry:codebook_export"),
    *team_rows("inquiry:exchange"),
    *team_rows("inquiry:exchange_qdpx"),
    *team_rows("inquiry:exchange_qdc"),
    *team_rows("inquiry:search", query="q=work"),
    *team_rows("inquiry:search", query="q=work&how=meaning"),
    *team_rows("inquiry:search_prepare", ok=NOT_ALLOWED),
    *team_rows("inquiry:matrix"),
    *team_rows("inquiry:frequencies"),
    *team_rows("inquiry:cooccurrence"),
    *team_rows("inquiry:agreement"),
    *team_rows("inquiry:agreement_settle", ok=NOT_ALLOWED),
    *team_rows("inquiry:suggestions_prepare", ok=NOT_ALLOWED),
    *team_rows("inquiry:codebook_import", ok=NOT_ALLOWED),
    *team_rows("inquiry:exchange_codebook_import", ok=NOT_ALLOWED),
    demo_inquiry_row("inquiry:passages", query="code={code}"),
    # Settings and team: coordinators, and workers on the team; not co-researchers.
    demo_inquiry_row("inquiry:edit", expect=answers(("coordinator", "worker", "peer_supporter"))),
    Row("inquiry:edit", answers(("coordinator",)), {"pk": "other_inquiry"}, sample="not_team"),
    demo_inquiry_row("inquiry:question_edit", {"question_pk": "question"}),
    demo_inquiry_row(
        "inquiry:question_move", {"question_pk": "question"}, expect=POST_ONLY_INQUIRY
    ),
    demo_inquiry_row(
        "inquiry:question_delete", {"question_pk": "question"}, expect=POST_ONLY_INQUIRY
    ),
    demo_inquiry_row("inquiry:participant_edit", {"participant_pk": "participant"}),
    # Member checks: the inquiry's team; the participant's own page and PDF copy need a
    # working link (a made-up token answers 404 for everyone, logged in or not).
    demo_inquiry_row("inquiry:member_check", {"participant_pk": "participant"}),
    *team_rows("inquiry:member_check_tasks"),
    demo_inquiry_row("inquiry:member_check_copy", {"participant_pk": "participant"}),
    # Case summaries: the inquiry's team writes them; a withdrawn participant's is not found.
    *team_rows("inquiry:case_summaries"),
    demo_inquiry_row("inquiry:case_summary", {"participant_pk": "participant"}),
    demo_inquiry_row("inquiry:case_summary_history", {"participant_pk": "participant"}),
    Row(
        "inquiry:case_summary",
        answers(INQUIRIES, ok=NOT_FOUND),
        {"pk": "inquiry", "participant_pk": "withdrawn_participant"},
        sample="withdrawn",
    ),
    *(
        Row(name, {role: NOT_FOUND for role in ROLES}, {"token": "not-a-real-link"}, "", "made_up")
        for name in ("member_check:page", "member_check:copy")
    ),
    *(
        Row(name, {role: OK for role in ROLES}, {"token": "member_check_token"}, "", "working")
        for name in ("member_check:page", "member_check:copy")
    ),
    # Withdrawal: recorded by those who manage the inquiry; erasing at once, coordinators only.
    demo_inquiry_row(
        "inquiry:participant_withdraw",
        {"participant_pk": "participant"},
        expect=answers(("coordinator", "worker", "peer_supporter")),
    ),
    demo_inquiry_row(
        "inquiry:participant_erase",
        {"participant_pk": "withdrawn_participant"},
        expect=answers(("coordinator",)),
    ),
    demo_inquiry_row("inquiry:transcript", T),
    demo_inquiry_row("inquiry:transcript_edit", T),
    demo_inquiry_row("inquiry:passages_like", T),
    # Timed transcripts: a plain transcript has no times (404 for clips and subtitles); the
    # recorded sample plays and exports. Clips need start and end in milliseconds (400).
    *(
        demo_inquiry_row(name, T)
        for name in ("inquiry:transcript_speakers", "inquiry:transcript_correct")
    ),
    *(
        Row(name, answers(INQUIRIES), {"pk": "inquiry", **R}, sample="recorded")
        for name in ("inquiry:transcript_speakers", "inquiry:transcript_correct")
    ),
    demo_inquiry_row("inquiry:recording_clip", T, expect=answers(INQUIRIES, ok=BAD)),
    Row(
        "inquiry:recording_clip",
        answers(INQUIRIES, ok=NOT_FOUND),
        {"pk": "inquiry", **T},
        query="start=0&end=1000",
        sample="no_audio",
    ),
    Row(
        "inquiry:recording_clip",
        answers(INQUIRIES),
        {"pk": "inquiry", **R},
        query="start=0&end=1000",
        sample="recorded",
    ),
    *(
        Row(name, answers(INQUIRIES, ok=NOT_FOUND), {"pk": "inquiry", **T}, sample="untimed")
        for name in ("inquiry:subtitles_vtt", "inquiry:subtitles_srt")
    ),
    *(
        Row(name, answers(INQUIRIES), {"pk": "inquiry", **R}, sample="recorded")
        for name in ("inquiry:subtitles_vtt", "inquiry:subtitles_srt")
    ),
    demo_inquiry_row("inquiry:coding_add", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row("inquiry:suggestions", T),
    demo_inquiry_row("inquiry:suggestion_decide", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row("inquiry:coding_undo", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row("inquiry:coding_restore", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row("inquiry:blind_coding", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row("inquiry:answer_add", T, expect=POST_ONLY_INQUIRY),
    demo_inquiry_row(
        "inquiry:answer_delete", {**T, "answer_pk": "answer"}, expect=POST_ONLY_INQUIRY
    ),
    demo_inquiry_row("inquiry:coding_memo", {**T, "coding_pk": "coding"}),
    demo_inquiry_row(
        "inquiry:coding_delete", {**T, "coding_pk": "coding"}, expect=POST_ONLY_INQUIRY
    ),
    demo_inquiry_row("inquiry:code_edit", {"code_pk": "code"}),
    demo_inquiry_row("inquiry:code_merge", {"code_pk": "code"}),
    demo_inquiry_row("inquiry:code_split", {"code_pk": "code"}),
    demo_inquiry_row("inquiry:code_delete", {"code_pk": "code"}, expect=POST_ONLY_INQUIRY),
    *team_rows("inquiry:themes"),
    demo_inquiry_row("inquiry:theme_edit", {"theme_pk": "theme"}),
    Row(
        "inquiry:theme_edit",
        answers(("coordinator",)),
        {"pk": "other_inquiry", "theme_pk": "other_theme"},
        sample="not_team",
    ),
    Row(  # a theme of another inquiry, asked for under this one: as if it did not exist
        "inquiry:theme_edit",
        answers(INQUIRIES, ok=NOT_FOUND),
        {"pk": "inquiry", "theme_pk": "other_theme"},
        sample="other_inquirys_theme",
    ),
    # Economics: coordinators and commissioners; scenarios and runs are shared between them.
    Row("economics:index", answers(ECONOMICS)),
    Row("economics:new", answers(ECONOMICS)),
    Row("economics:from_records", answers(ECONOMICS)),
    Row("economics:compare", answers(ECONOMICS, ok=BAD)),  # no runs chosen
    Row("economics:compare", answers(ECONOMICS), query="run={run}&run={run2}", sample="two_runs"),
    Row("economics:build", answers(ECONOMICS)),
    Row(
        "economics:compare_export",
        answers(ECONOMICS),
        {"fmt": "csv"},
        query="run={run}&run={run2}",
        sample="two_runs",
    ),
    Row("economics:scenario", answers(ECONOMICS), {"pk": "scenario"}),
    Row("economics:build_scenario", answers(ECONOMICS), {"pk": "scenario"}),
    Row("economics:scenario_toml", answers(ECONOMICS), {"pk": "scenario"}),
    Row("economics:headline", answers(ECONOMICS, ok=NOT_ALLOWED), {"pk": "scenario"}),
    Row("economics:run_scenario", answers(ECONOMICS, ok=NOT_ALLOWED), {"pk": "scenario"}),
    Row("economics:run", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_by_payer", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_report", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_report_pdf", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_toml", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_json", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_csv", answers(ECONOMICS), {"pk": "run"}),
    Row("economics:run_chart", answers(ECONOMICS), {"pk": "run", "chart": "chart"}),
    Row("economics:run_chart_png", answers(ECONOMICS), {"pk": "run", "chart": "chart"}),
]


@dataclass(frozen=True)
class Post:
    """A changing action posted by each role that may not do it: refused, nothing changed."""

    name: str
    kwargs: dict[str, str]
    data: dict[str, str]
    refused: dict[str, int]  # role -> expected status; allowed roles are not posted

    @property
    def id(self) -> str:
        return self.name


def refused(roles: Iterable[str], status: int = REFUSED, **only) -> dict[str, int]:
    table = {"anonymous": LOGIN, **dict.fromkeys(roles, status)}
    table.update(only)
    return table


NOT_CASELOAD_WORKERS = ("worker", "co_researcher", "commissioner")

POSTS: list[Post] = [
    Post(
        "inquiry:transcript_correct",
        {"pk": "inquiry", **R},
        {"version": "1", "words-0": "Changed by someone not allowed"},
        refused(("commissioner",)),
    ),
    Post(
        "journeys:erasure_request",
        {"pk": "alex_person"},
        {"note": "They asked on the phone."},
        refused(("co_researcher", "commissioner"), peer_supporter=NOT_FOUND),
    ),
    Post(
        "journeys:service_settings",
        {},
        {"opening_hours": "Never", "in_a_crisis": "Changed"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "team:login_active",
        {"pk": "alex"},
        {"active": "no"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "team:login_create",
        {},
        {"username": "newcomer", "role": "worker"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "journeys:match_referral",
        {"pk": "waiting_journey"},
        {"supporter": "marcus"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "journeys:add_entry",
        {"pk": "alex_person", "kind": "meeting"},
        {"met_on": "2025-05-01", "in_their_words": "A walk in the park."},
        refused(("co_researcher", "commissioner"), peer_supporter=NOT_FOUND),
    ),
    Post(
        "journeys:end_journey",
        {"pk": "priya_person"},
        {"ended_on": "2025-05-01", "end_reason": "moved_on"},
        refused(("co_researcher", "commissioner"), worker=NOT_FOUND, peer_supporter=NOT_FOUND),
    ),
    Post(
        "journeys:edit_person",
        {"pk": "priya_person"},
        {"name": "Renamed by someone not allowed", "contact_preference": "drop_in"},
        refused(("co_researcher", "commissioner"), worker=NOT_FOUND, peer_supporter=NOT_FOUND),
    ),
    Post(
        "journeys:change_supporters",
        {"pk": "alex_person"},
        {"supporters": "marcus", "reason": "Not allowed"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "journeys:erase_person",
        {"pk": "alex_person"},
        {"confirm": "alex_person_name"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "journeys:add_peer_record",
        {"pk": "jordan", "kind": "training"},
        {"title": "Self-given training", "started_on": "2025-05-01"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "journeys:link_own_record",
        {"pk": "jordan"},
        {"reference": "alex_person_reference"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:edit",
        {"pk": "inquiry"},
        {"title": "Renamed by someone not allowed", "aims": "None."},
        refused(("co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:participant_create",
        {"pk": "other_inquiry"},
        {"label": "P99", "member_check": "not_started"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:participant_withdraw",
        {"pk": "inquiry", "participant_pk": "participant"},
        {},
        refused(("co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:participant_erase",
        {"pk": "inquiry", "participant_pk": "withdrawn_participant"},
        {"confirm": "P-withdrawn"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:coding_delete",
        {"pk": "inquiry", "transcript_pk": "transcript", "coding_pk": "coding"},
        {},
        # The coordinator coded the demo; others remove only their own codings.
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:themes",
        {"pk": "other_inquiry"},
        {"new-name": "Not allowed", "new-valence": "unset", "new-tree_part": "unset"},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:case_summary",
        {"pk": "other_inquiry", "participant_pk": "other_participant"},
        {"action": "ready", "version": "0", "text-summary": "Written by someone not allowed."},
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "inquiry:theme_edit",
        {"pk": "other_inquiry", "theme_pk": "other_theme"},
        {
            "action": "edit",
            "edit-name": "Renamed by someone not allowed",
            "edit-valence": "validating",
            "edit-tree_part": "roots",
        },
        refused(("worker", "peer_supporter", "co_researcher", "commissioner")),
    ),
    Post(
        "economics:new",
        {},
        {"name": "Not allowed", "template": "seven_participants"},
        refused(("worker", "peer_supporter", "co_researcher")),
    ),
    Post(
        "economics:build",
        {},
        {"name": "Not allowed", "people": "5", "cost_value": "1000"},
        refused(("worker", "peer_supporter", "co_researcher")),
    ),
    Post(
        "economics:run_scenario",
        {"pk": "scenario"},
        {"seed": "7", "iterations": "0"},
        refused(("worker", "peer_supporter", "co_researcher")),
    ),
]
