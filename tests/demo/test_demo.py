"""The demo service reproduces the brief's figures and loads idempotently."""

import pytest
from django.urls import reverse

from thrive.demo.inquiry import DEMO_INQUIRY
from thrive.demo.load import load_demo
from thrive.files.models import StoredFile
from thrive.inquiry.member_checks import MemberCheckResponse, ResponseState
from thrive.inquiry.models import Coding, Inquiry, MemberCheck, Participant, Transcript
from thrive.inquiry.themes import Theme
from thrive.journeys.models import (
    Goal,
    Journey,
    Meeting,
    Outcome,
    PeerTraining,
    Person,
    ServiceUseChange,
)
from thrive.reports.dashboard_figures import service_figures, today, year_to

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "people": sorted(Person.objects.values_list("reference", "name", "gender", "ethnicity")),
        "journeys": sorted(
            Journey.objects.values_list(
                "person__reference", "referred_on", "first_met_on", "ended_on"
            )
        ),
        "outcomes": sorted(
            Outcome.objects.values_list("journey__person__reference", "kind", "achieved_on")
        ),
        "meetings": sorted(
            Meeting.objects.values_list("journey__person__reference", "met_on", "in_their_words")
        ),
        "goals": sorted(Goal.objects.values_list("journey__person__reference", "in_their_words")),
        "service_use": sorted(
            ServiceUseChange.objects.values_list(
                "journey__person__reference", "kind", "reported_on"
            )
        ),
        "work_at_joining": sorted(
            Journey.objects.values_list("person__reference", "work_at_joining")
        ),
        "peer_training": sorted(
            PeerTraining.objects.values_list("peer_supporter__username", "title", "started_on")
        ),
        "codings": sorted(
            Coding.objects.values_list(
                "transcript__participant__label", "code__name", "start", "end"
            )
        ),
    }


def test_it_reproduces_the_service_year_of_the_brief():
    load_demo()
    figures = service_figures(*year_to(today()))
    assert figures.people_supported == 113
    assert figures.outcomes == {
        "employment": 13,
        "education": 22,
        "training": 21,
        "volunteering": 14,
    }
    assert figures.total_outcomes == 70
    assert round(figures.outcome_ratio, 2) == 0.62


def test_it_gives_the_same_data_when_loaded_twice():
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first
    assert Inquiry.objects.count() == 1


def test_it_holds_an_inquiry_with_seven_interviews_of_a_thousand_words_or_more():
    load_demo()
    assert Participant.objects.count() == 7
    for transcript in Transcript.objects.filter(recording__isnull=True):
        words = len(transcript.text.split())
        assert 1000 <= words <= 1600, (transcript.title, words)
        assert "Interviewer:" in transcript.text
        assert f"{transcript.participant.label}:" in transcript.text


def test_it_holds_one_short_recorded_interview_already_transcribed_with_its_audio():
    load_demo()
    load_demo()  # the first demo's audio goes with it
    recorded = Transcript.objects.get(recording__isnull=False)
    recording = recorded.recording
    assert recorded.title == "Follow-up with P7 (recorded)"
    assert recorded.participant.label == "P7"
    assert 30_000 <= recording.duration_ms <= 60_000
    assert recording.media_type == "audio/ogg" and recording.original.size < 150_000
    assert StoredFile.objects.filter(kind="audio").count() == 1
    segments = list(recorded.segments.order_by("position"))
    assert [s.speaker for s in segments][:2] == ["Interviewer", "P7"]
    assert all(s.speaker_guessed for s in segments)
    assert "raised beds" in recorded.text
    played = recorded.codings.all()
    assert played and all(
        any(s.text_start <= c.start < s.text_end for s in segments) for c in played
    ), "each coded passage of the recording lies in a timed segment, so it plays"


def test_it_codes_demo_passages_exactly_where_their_quotes_are():
    load_demo()
    assert Coding.objects.count() >= 7 * 6
    for coding in Coding.objects.select_related("transcript")[:50]:
        assert coding.quote.strip() == coding.quote
        assert len(coding.quote) > 20


def test_it_leaves_records_that_are_not_demo_records_alone(coordinator):
    real = Person.objects.create(reference="T-0001", name="Real person")
    load_demo()
    load_demo()
    assert Person.objects.filter(pk=real.pk).exists()


def test_it_shows_the_figures_on_the_dashboard(login_as, coordinator):
    load_demo()
    page = login_as(coordinator).get(reverse("reports:dashboard")).content.decode()
    assert 'data-figure="total_outcomes">70<' in page
    assert 'data-figure="outcome_ratio">62%<' in page
    assert 'data-figure="people_supported">113<' in page
    assert "What helps people thrive at the Hub" in page


def test_it_gives_people_timelines_and_peer_supporters_their_records():
    load_demo()
    assert Meeting.objects.count() >= 113
    assert Goal.objects.exists() and ServiceUseChange.objects.exists()
    assert PeerTraining.objects.filter(peer_supporter__username="jordan").count() == 3
    own = Person.objects.get(user__username="jordan")
    assert own.journeys.get().outcomes.filter(in_their_words__contains="peer supporter").exists()


def test_it_grows_themes_on_every_part_of_both_trees():
    load_demo()
    inquiry = Inquiry.objects.get(title=DEMO_INQUIRY)
    themes = Theme.objects.filter(inquiry=inquiry, parent__isnull=False)
    assert 12 <= themes.count() <= 20
    for valence in ("validating", "invalidating"):
        parts = set(themes.filter(valence=valence).values_list("tree_part", flat=True))
        assert parts == {"roots", "trunk", "branches", "fruits"}
    assert all(theme.participants().exists() for theme in themes)


def test_it_leaves_participants_in_mixed_member_check_states():
    load_demo()
    states = dict(
        Participant.objects.filter(inquiry__title=DEMO_INQUIRY).values_list("label", "member_check")
    )
    assert list(states.values()).count(MemberCheck.APPROVED) >= 3
    assert states["P6"] == MemberCheck.AMENDED
    assert states["P7"] == MemberCheck.SENT
    assert MemberCheckResponse.objects.get(participant__label="P6").state == ResponseState.ACCEPTED
