"""Timed transcripts in the browser's pages: subtitles in and out, speakers, corrections, clips."""

import io
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.inquiry.recorded import recorded_transcript
from thrive.audit.models import Action, AuditEvent
from thrive.files.models import StoredFile
from thrive.inquiry.core.formats import transcript_cues
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.models import Code, Inquiry, Participant, Recording, Transcript

pytestmark = pytest.mark.django_db

VTT = b"""WEBVTT

00:00:01.000 --> 00:00:03.250
<v Interviewer>How did you find the Hub?

00:00:04.000 --> 00:00:07.500
<v P2>A card in the library said no referral needed.

00:00:07.500 --> 00:00:09.000
<v P2>So I just walked in.
"""


@pytest.fixture
def inquiry(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Timed")
    inquiry.team.add(co_researcher)
    return inquiry


@pytest.fixture
def client(login_as, co_researcher):
    return login_as(co_researcher)


def url(name, transcript, **query):
    address = reverse(name, args=[transcript.inquiry_id, transcript.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def upload(client, inquiry, *files):
    return client.post(
        reverse("inquiry:upload", args=[inquiry.pk]),
        {"files": [SimpleUploadedFile(n, d) for n, d in files], "participant": ""},
    )


def segment_words(transcript):
    text = transcript.text
    return [text[s.text_start : s.text_end] for s in transcript.segments.all()]


# Subtitles in ---------------------------------------------------------------------------------


def test_an_uploaded_webvtt_file_becomes_a_timed_transcript(client, inquiry):
    assert upload(client, inquiry, ("P2.vtt", VTT)).status_code == 302
    transcript = Transcript.objects.get(title="P2")
    assert transcript.text == (
        "Interviewer: How did you find the Hub?\n"
        "P2: A card in the library said no referral needed.\n"
        "So I just walked in.\n"
    )
    assert [(s.start_ms, s.end_ms, s.speaker) for s in transcript.segments.all()] == [
        (1000, 3250, "Interviewer"),
        (4000, 7500, "P2"),
        (7500, 9000, "P2"),
    ]
    assert segment_words(transcript)[1] == "A card in the library said no referral needed."


def test_subtitles_naming_no_speaker_get_a_first_guess_marked_as_a_guess(client, inquiry):
    srt = b"1\n00:00:01,000 --> 00:00:02,000\nReady?\n\n2\n00:00:04,000 --> 00:00:06,000\nYes.\n"
    upload(client, inquiry, ("P5.srt", srt))
    transcript = Transcript.objects.get(title="P5")
    assert [(s.speaker, s.speaker_guessed) for s in transcript.segments.all()] == [
        ("Interviewer", True),
        ("Participant", True),
    ]


def test_one_broken_subtitle_file_stores_nothing_and_says_why(client, inquiry):
    disordered = (
        b"WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nhi\n\n00:00:02.000 --> 00:00:05.000\nho\n"
    )
    response = upload(client, inquiry, ("P2.vtt", VTT), ("bad.vtt", disordered))
    assert response.status_code == 200
    assert "bad.vtt: cue 2 starts at 0:02, before cue 1 starts at 0:03" in response.text
    assert not Transcript.objects.exists() and not StoredFile.objects.exists()


# Time survives editing ------------------------------------------------------------------------


def test_editing_the_text_carries_segments_to_corrected_words_and_drops_vanished_ones(inquiry):
    transcript = inquiry.add_timed_transcript("T", transcript_cues("t.vtt", VTT))
    new = transcript.text.replace("said no referral", "said: no referral").replace(
        "So I just walked in.\n", ""
    )
    transcript.edit_text(new)
    assert [(s.position, s.start_ms) for s in transcript.segments.all()] == [(0, 1000), (1, 4000)]
    assert segment_words(transcript)[1] == "A card in the library said: no referral needed."


# Subtitles out, and the round trip ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_cues_survive_upload_coding_and_export_with_their_times(client, inquiry, fmt):
    upload(client, inquiry, ("P2.vtt", VTT))
    transcript = Transcript.objects.get(title="P2")
    code = Code.objects.get(inquiry=inquiry, name="Someone to love")
    start = transcript.text.index("A card")
    client.post(
        url("inquiry:coding_add", transcript),
        {"codes": [code.pk], "start": start, "end": start + 6, "transcript_version": 1},
    )
    assert transcript.codings.get().quote == "A card"
    response = client.get(url(f"inquiry:subtitles_{fmt}", transcript))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="P2.{fmt}"'
    assert transcript_cues(f"again.{fmt}", response.content) == transcript_cues("P2.vtt", VTT)
    assert AuditEvent.objects.filter(action=Action.EXPORT, detail=fmt).exists()


def test_a_transcript_without_times_has_no_subtitles(client, inquiry):
    transcript = inquiry.add_transcript("Plain", "P1: No times here.\n")
    assert client.get(url("inquiry:subtitles_vtt", transcript)).status_code == 404


# Speakers -------------------------------------------------------------------------------------


def guessed_transcript(inquiry):
    participant = Participant.objects.create(inquiry=inquiry, label="P7")
    srt = (
        b"1\n00:00:01,000 --> 00:00:02,000\nHow was it?\n\n"
        b"2\n00:00:04,000 --> 00:00:06,000\nGood.\n\n"
        b"3\n00:00:06,100 --> 00:00:07,000\nReally good.\n"
    )
    from thrive.inquiry.transcript_import import add_transcript_files

    return add_transcript_files(inquiry, [("P7.srt", srt)], participant)[0]


def test_the_speaker_page_marks_thrives_guesses(client, inquiry):
    transcript = guessed_transcript(inquiry)
    page = client.get(url("inquiry:transcript_speakers", transcript))
    assert page.status_code == 200
    assert page.text.count("data-guess>Thrive's guess<") == 3
    assert 'value="same" data-key="s"' in page.text and 'data-key="p"' in page.text


def test_saving_speakers_relabels_the_text_as_one_version_and_confirms_them(
    client, inquiry, co_researcher
):
    transcript = guessed_transcript(inquiry)
    code = Code.objects.get(inquiry=inquiry, name="Someone to love")
    start = transcript.text.index("Really good.")
    transcript.add_coding(code, start, start + 12, co_researcher)
    response = client.post(
        url("inquiry:transcript_speakers", transcript),
        {"version": "1", "speaker-0": "Interviewer", "speaker-1": "same", "speaker-2": "P7"},
    )
    assert response.status_code == 302
    transcript.refresh_from_db()
    assert transcript.version == 2
    assert transcript.text == "Interviewer: How was it?\nGood.\nP7: Really good.\n"
    assert [(s.speaker, s.speaker_guessed) for s in transcript.segments.all()] == [
        ("Interviewer", False),
        ("Interviewer", False),
        ("P7", False),
    ]
    assert segment_words(transcript) == ["How was it?", "Good.", "Really good."]
    assert transcript.codings.get().quote == "Really good."
    assert transcript.text[transcript.codings.get().start :].startswith("Really good.")


def test_confirming_the_guess_as_it_stands_keeps_the_text_and_clears_the_guesses(client, inquiry):
    transcript = guessed_transcript(inquiry)
    before = transcript.text
    client.post(
        url("inquiry:transcript_speakers", transcript),
        {"version": "1", "speaker-0": "Interviewer", "speaker-1": "P7", "speaker-2": "same"},
    )
    transcript.refresh_from_db()
    assert transcript.version == 1 and transcript.text == before
    assert not transcript.segments.filter(speaker_guessed=True).exists()


def test_a_speaker_not_on_offer_changes_nothing_and_says_so(client, inquiry):
    transcript = guessed_transcript(inquiry)
    before = transcript.text
    response = client.post(
        url("inquiry:transcript_speakers", transcript),
        {"version": "1", "speaker-0": "same", "speaker-1": "P7", "speaker-2": "P7"},
    )
    assert response.status_code == 200
    assert "The first segment has no segment before it; choose who spoke." in response.text
    assert "<title>Error: " in response.text
    transcript.refresh_from_db()
    assert transcript.version == 1 and transcript.text == before


# Correcting while listening -------------------------------------------------------------------


def test_the_correction_page_offers_play_buttons_only_with_audio(client, inquiry):
    recorded = recorded_transcript(inquiry)
    page = client.get(url("inquiry:transcript_correct", recorded))
    assert page.text.count("data-clip=") == 3
    assert "clip.wav?start=3900&amp;end=5400" in page.text
    upload(client, inquiry, ("P2.vtt", VTT))
    plain = client.get(url("inquiry:transcript_correct", Transcript.objects.get(title="P2")))
    assert "data-clip=" not in plain.text and "no audio to play" in plain.text
    assert 'name="words-2"' in plain.text


def test_correcting_a_segment_makes_a_new_version_and_carries_codings(
    client, inquiry, co_researcher
):
    transcript = recorded_transcript(inquiry)
    code = Code.objects.get(inquiry=inquiry, name="Someone to love")
    start = transcript.text.index("It meant")
    transcript.add_coding(code, start, start + 8, co_researcher)
    response = client.post(
        url("inquiry:transcript_correct", transcript),
        {
            "version": "1",
            "words-1": "Being paid for the work,\nreally.",
            "words-2": "It meant I was trusted.",
        },
    )
    assert response.status_code == 302
    transcript.refresh_from_db()
    assert transcript.version == 2
    assert segment_words(transcript)[1] == "Being paid for the work, really."
    assert transcript.segments.all()[1].start_ms == 3900
    assert transcript.codings.get().quote == "It meant"
    assert transcript.versions.get().text.count("Being paid for the work.") == 1
    assert AuditEvent.objects.filter(action=Action.CHANGE, detail__startswith="v2").exists()


def test_a_correction_from_an_older_version_saves_nothing(client, inquiry):
    transcript = recorded_transcript(inquiry)
    transcript.edit_text(transcript.text.replace("trusted.", "trusted!"))
    response = client.post(
        url("inquiry:transcript_correct", transcript),
        {"version": "1", "words-0": "Something else entirely?"},
    )
    assert response.status_code == 200 and "changed since you opened this page" in response.text
    transcript.refresh_from_db()
    assert transcript.version == 2 and "Something else" not in transcript.text


def test_blanking_a_segment_is_refused_with_a_plain_message(client, inquiry):
    transcript = recorded_transcript(inquiry)
    response = client.post(
        url("inquiry:transcript_correct", transcript), {"version": "1", "words-0": " "}
    )
    assert "Segment 1 has no words; write what was said." in response.text
    assert Transcript.objects.get(pk=transcript.pk).version == 1


# Playing clips --------------------------------------------------------------------------------


def test_a_clip_is_a_wav_of_just_those_milliseconds_and_the_read_is_audited(client, inquiry):
    transcript = recorded_transcript(inquiry)
    response = client.get(url("inquiry:recording_clip", transcript, start=3900, end=5400))
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    with wave.open(io.BytesIO(response.content)) as clip:
        assert (clip.getframerate(), clip.getnframes()) == (16_000, 24_000)
    assert AuditEvent.objects.filter(
        action=Action.VIEW, subject_id=str(transcript.pk), detail="recording 3900-5400 ms"
    ).exists()


@pytest.mark.parametrize("query", [{}, {"start": "x", "end": "2"}, {"start": 5, "end": 5}])
def test_a_clip_needs_a_start_before_its_end(client, inquiry, query):
    transcript = recorded_transcript(inquiry)
    response = client.get(url("inquiry:recording_clip", transcript, **query))
    assert response.status_code == 400 and "whole milliseconds" in response.text


def test_no_clip_once_the_audio_is_removed_or_where_there_never_was_audio(client, inquiry):
    transcript = recorded_transcript(inquiry)
    Recording.objects.filter(transcript=transcript).update(audio_removed_at=timezone.now())
    assert (
        client.get(url("inquiry:recording_clip", transcript, start=0, end=900)).status_code == 404
    )
    plain = inquiry.add_transcript("Plain", "P1: Words only.\n")
    assert client.get(url("inquiry:recording_clip", plain, start=0, end=900)).status_code == 404


def test_someone_off_the_team_gets_no_clip(login_as, worker, inquiry):
    transcript = recorded_transcript(inquiry)
    response = login_as(worker).get(url("inquiry:recording_clip", transcript, start=0, end=900))
    assert response.status_code == 403


def test_each_coded_passage_with_time_has_a_play_control_on_the_coding_page(
    client, inquiry, co_researcher
):
    transcript = recorded_transcript(inquiry)
    code = Code.objects.get(inquiry=inquiry, name="Someone to love")
    start = transcript.text.index("for the work")
    end = transcript.text.index("I was") + 5
    transcript.add_coding(code, start, end, co_researcher)
    page = client.get(url("inquiry:transcript", transcript))
    assert "clip.wav?start=3900&amp;end=7500" in page.text
    assert '<audio id="player"' in page.text and "Who spoke" in page.text
    plain = inquiry.add_transcript("Plain", "P1: Words only.\n")
    plain.add_coding(code, 4, 9, co_researcher)
    assert "data-clip" not in client.get(url("inquiry:transcript", plain)).text


def test_a_long_transcript_is_given_speakers_a_page_at_a_time(client, inquiry):
    participant = Participant.objects.create(inquiry=inquiry, label="P3")
    cues = [Cue(n * 2.0, n * 2.0 + 1.5, f"Words {n}.", "P3") for n in range(450)]
    transcript = inquiry.add_timed_transcript("Long", cues, participant)
    page = client.get(url("inquiry:transcript_speakers", transcript) + "?from=250")
    assert "Segments 201 to 400 of 450" in page.text
    assert 'name="speaker-200"' in page.text and 'name="speaker-199"' not in page.text
    posted = {f"speaker-{n}": "same" for n in range(200, 400)}
    posted.update({"version": "1", "speaker-300": "Interviewer"})
    response = client.post(url("inquiry:transcript_speakers", transcript) + "?from=200", posted)
    assert response.status_code == 302
    speakers = list(transcript.segments.values_list("speaker", flat=True))
    assert speakers[:300] == ["P3"] * 300 and speakers[300:400] == ["Interviewer"] * 100
    assert speakers[400:] == ["P3"] * 50
    transcript.refresh_from_db()
    assert transcript.text.count("Interviewer: ") == 1 and "P3: Words 400." in transcript.text


def test_control_characters_in_corrected_words_are_dropped_and_segments_stay_exact(client, inquiry):
    transcript = recorded_transcript(inquiry)
    client.post(
        url("inquiry:transcript_correct", transcript),
        {"version": "1", "words-1": "Being\u0007 paid\u202e for it."},
    )
    transcript.refresh_from_db()
    assert transcript.version == 2
    assert segment_words(transcript) == [
        "What helped you most when you started?",
        "Being paid for it.",
        "It meant I was trusted.",
    ]


def test_the_transcript_page_says_while_speakers_are_still_a_guess(client, inquiry):
    transcript = guessed_transcript(inquiry)
    page = client.get(url("inquiry:transcript", transcript))
    assert "the speakers are Thrive's guess until you confirm them" in page.text
    transcript.segments.update(speaker_guessed=False)
    assert "Thrive's guess" not in client.get(url("inquiry:transcript", transcript)).text
