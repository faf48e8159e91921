"""Adding transcripts and coding them through the web pages, including hostile input."""

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thrive import inquiry as inquiry_package
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Code, Coding, GuideAnswer, Inquiry, Participant, Transcript

pytestmark = pytest.mark.django_db

TEXT = "Interviewer: How is home?\nP1: Warm 🏠 and quiet now. 👩🏽‍🦱 My sister visits.\n"


@pytest.fixture
def setting(co_researcher):
    inquiry = Inquiry.objects.create_inquiry("Coding")
    inquiry.team.add(co_researcher)
    participant = Participant.objects.create(inquiry=inquiry, label="P1")
    transcript = inquiry.add_transcript("Interview", TEXT, participant)
    home = Code.objects.get(inquiry=inquiry, name="Somewhere to dwell (validating)")
    love = Code.objects.get(inquiry=inquiry, name="Someone to love")
    return inquiry, transcript, home, love


def docx_bytes(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, inquiry, *files, participant=""):
    return client.post(
        reverse("inquiry:upload", args=[inquiry.pk]),
        {"files": [SimpleUploadedFile(n, d) for n, d in files], "participant": participant},
    )


def test_it_uploads_word_and_caption_files_together(setting, login_as, co_researcher):
    inquiry, *_ = setting
    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v P1>I found the Hub by chance.\n"
    response = upload(
        login_as(co_researcher), inquiry,
        ("P1.docx", docx_bytes("Interviewer: Hello.", "P1: Hello back.")), ("second.vtt", vtt),
    )  # fmt: skip
    assert response.status_code == 302
    added = {t.title: t for t in Transcript.objects.filter(title__in=["P1", "second"])}
    assert "P1: Hello back." in added["P1"].text and added["P1"].participant.label == "P1"
    assert "I found the Hub by chance." in added["second"].text
    assert AuditEvent.objects.filter(action=Action.CREATE, subject_type="transcript").count() == 2


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("fake.docx", b"PK\x03\x04garbage", "damaged"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
        ("huge.txt", b"P1: words\n" * 600_000, "limit is 5 MB"),
        ("notes.exe", b"MZ", "not a supported"),
    ],
)
def test_it_explains_bad_files_and_adds_none(setting, login_as, co_researcher, name, data, words):
    inquiry, *_ = setting
    response = upload(login_as(co_researcher), inquiry, ("fine.txt", b"A: ok\n"), (name, data))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and words in page
    assert Transcript.objects.count() == 1


def test_it_asks_for_files_when_none_are_chosen(setting, login_as, co_researcher):
    inquiry, *_ = setting
    response = login_as(co_researcher).post(reverse("inquiry:upload", args=[inquiry.pk]), {})
    assert "<title>Error: " in response.content.decode()


def test_it_refuses_too_many_files_without_crashing(setting, login_as, co_researcher):
    inquiry, *_ = setting
    files = [(f"{i}.txt", b"A: hi\n") for i in range(25)]
    assert upload(login_as(co_researcher), inquiry, *files).status_code == 400
    assert Transcript.objects.count() == 1


def test_it_adds_a_pasted_transcript_and_refuses_control_characters(
    setting, login_as, co_researcher
):
    inquiry, *_ = setting
    client = login_as(co_researcher)
    paste = reverse("inquiry:paste", args=[inquiry.pk])
    bad = client.post(paste, {"title": "Bad", "text": "P2: hi\x07\x1b[31m"})
    assert "<title>Error: " in bad.content.decode() and "control characters" in bad.content.decode()
    nul = client.post(paste, {"title": "Nul", "text": "P2: hi\x00"})
    assert "<title>Error: " in nul.content.decode()
    blank = client.post(paste, {"title": "Blank", "text": "   \n  "})
    assert "<title>Error: " in blank.content.decode()
    good = client.post(paste, {"title": "Good", "text": "P2: hello\r\n"})
    assert good.status_code == 302
    assert Transcript.objects.get(title="Good").text == "P2: hello\n"


def test_it_shows_turns_and_segments_with_code_point_offsets(setting, login_as, co_researcher):
    inquiry, transcript, home, _ = setting
    start = TEXT.index("Warm")
    transcript.add_coding(home, start, start + 6, co_researcher)
    page = (
        login_as(co_researcher)
        .get(reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]))
        .content.decode()
    )
    assert f'<mark data-o="{start}"' in page and "Warm 🏠</mark>" in page
    assert '<span data-o="0" class="speaker">Interviewer: </span>' in page
    assert 'id="turn-2"' in page and f'id="p{start}"' in page
    assert AuditEvent.objects.filter(action=Action.VIEW, subject_id=str(transcript.pk)).exists()


def code_post(client, inquiry, transcript, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    data.setdefault("transcript_version", transcript.version)
    return client.post(
        reverse("inquiry:coding_add", args=[inquiry.pk, transcript.pk]), data, **headers
    )


def test_it_codes_a_span_with_several_codes_and_a_memo(setting, login_as, co_researcher):
    inquiry, transcript, home, love = setting
    start = TEXT.index("👩🏽‍🦱")
    end = TEXT.index(" My sister")
    response = code_post(
        login_as(co_researcher), inquiry, transcript,
        codes=[home.pk, love.pk], start=start, end=end, memo="emoji only",
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith(f"#p{start}")
    codings = list(Coding.objects.order_by("code__name"))
    assert [c.quote for c in codings] == ["👩🏽‍🦱", "👩🏽‍🦱"]
    assert all(c.coder == co_researcher and c.memo == "emoji only" for c in codings)


def test_it_codes_a_whole_turn_without_javascript(setting, login_as, co_researcher):
    inquiry, transcript, home, _ = setting
    code_post(login_as(co_researcher), inquiry, transcript, codes=[home.pk], turn=1)
    assert Coding.objects.get().quote == TEXT.split("\n")[1].removeprefix("P1: ")


def test_it_returns_the_workbench_and_a_status_to_htmx(setting, login_as, co_researcher):
    inquiry, transcript, home, _ = setting
    response = code_post(
        login_as(co_researcher), inquiry, transcript, htmx=True, codes=[home.pk], start=0, end=11
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Coded “Interviewer” as Somewhere to dwell (validating)." in page
    assert 'id="workbench"' in page


@pytest.mark.parametrize(
    "data",
    [
        {"start": -1, "end": 5},
        {"start": 5, "end": 5},
        {"start": 9, "end": 2},
        {"start": 0, "end": len(TEXT) + 1},
        {"start": 10**12, "end": 10**12 + 1},
        {"start": "abc", "end": "😀"},
        {"start": "", "end": ""},
        {"start": "1e3", "end": "2e3"},
        {"turn": 99},
        {"turn": -1},
        {"start": 0, "end": 4, "codes": ["not-a-number"]},
        {"start": 0, "end": 4, "codes": [10**9]},
        {"start": 0, "end": 4, "codes": []},
        {"start": 0, "end": 4, "memo": "x" * 30_000},
        {"start": 0, "end": 4, "memo": "\x00"},
    ],
)
def test_it_refuses_hostile_coding_input_with_a_message(setting, login_as, co_researcher, data):
    inquiry, transcript, home, _ = setting
    data = {"codes": [home.pk], **data}
    for htmx in (False, True):
        response = code_post(login_as(co_researcher), inquiry, transcript, htmx=htmx, **data)
        assert response.status_code == 200
        assert "<title>Error: " in response.content.decode()
    assert not Coding.objects.exists()


def test_it_refuses_codes_of_another_inquiry(setting, login_as, co_researcher):
    inquiry, transcript, _, _ = setting
    other = Inquiry.objects.create_inquiry("Other")
    foreign = other.codes.first()
    response = code_post(
        login_as(co_researcher), inquiry, transcript, codes=[foreign.pk], start=0, end=4
    )
    assert "<title>Error: " in response.content.decode() and not Coding.objects.exists()


def test_it_undoes_the_last_coding_and_restores_it(setting, login_as, co_researcher):
    inquiry, transcript, home, love = setting
    client = login_as(co_researcher)
    code_post(client, inquiry, transcript, codes=[home.pk], start=0, end=5)
    code_post(client, inquiry, transcript, codes=[love.pk], start=3, end=9, memo="later")
    client.post(reverse("inquiry:coding_undo", args=[inquiry.pk, transcript.pk]))
    assert list(Coding.objects.values_list("code", flat=True)) == [home.pk]
    page = client.get(reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]))
    assert "Restore the removed coding" in page.content.decode()
    client.post(reverse("inquiry:coding_restore", args=[inquiry.pk, transcript.pk]))
    restored = Coding.objects.get(code=love)
    assert (restored.start, restored.end, restored.memo) == (3, 9, "later")
    again = client.post(reverse("inquiry:coding_restore", args=[inquiry.pk, transcript.pk]))
    assert again.status_code == 302


def test_it_lets_coders_remove_only_their_own_codings(setting, login_as, co_researcher, worker):
    inquiry, transcript, home, _ = setting
    inquiry.team.add(worker)
    theirs = transcript.add_coding(home, 0, 5, worker)
    remove = reverse("inquiry:coding_delete", args=[inquiry.pk, transcript.pk, theirs.pk])
    assert login_as(co_researcher).post(remove).status_code == 403
    assert login_as(worker).post(remove).status_code == 302
    assert not Coding.objects.exists()


def test_it_writes_a_memo_on_the_coders_own_coding_and_records_its_writer(
    setting, login_as, co_researcher
):
    inquiry, transcript, home, _ = setting
    coding = transcript.add_coding(home, 0, 5, co_researcher)
    memo = reverse("inquiry:coding_memo", args=[inquiry.pk, transcript.pk, coding.pk])
    response = login_as(co_researcher).post(memo, {"memo": "Cold flats come up often."})
    assert response.status_code == 302
    coding.refresh_from_db()
    assert coding.memo == "Cold flats come up often." and coding.memo_by == co_researcher


def test_it_refuses_another_team_member_changing_a_coders_memo(
    setting, login_as, co_researcher, worker
):
    inquiry, transcript, home, _ = setting
    inquiry.team.add(worker)
    coding = transcript.add_coding(home, 0, 5, worker, memo="My reading of this.")
    memo = reverse("inquiry:coding_memo", args=[inquiry.pk, transcript.pk, coding.pk])
    client = login_as(co_researcher)
    page = client.get(memo).content.decode()
    assert "My reading of this." in page and "Save the memo" not in page
    response = client.post(memo, {"memo": "Overwritten."})
    assert response.status_code == 403
    coding.refresh_from_db()
    assert (coding.memo, coding.memo_by) == ("My reading of this.", worker)
    denied = AuditEvent.objects.get(action=Action.DENIED)
    assert (denied.username, denied.detail) == ("researcher", "change memo")
    margin = client.get(reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]))
    assert f'href="{memo}"' not in margin.content.decode()


def test_it_lets_a_coordinator_change_any_memo(setting, login_as, coordinator, worker):
    inquiry, transcript, home, _ = setting
    coding = transcript.add_coding(home, 0, 5, worker, memo="Draft.")
    memo = reverse("inquiry:coding_memo", args=[inquiry.pk, transcript.pk, coding.pk])
    assert login_as(coordinator).post(memo, {"memo": "Agreed."}).status_code == 302
    coding.refresh_from_db()
    assert (coding.memo, coding.memo_by) == ("Agreed.", coordinator)


def test_it_audits_reading_a_coding_memo(setting, login_as, co_researcher):
    inquiry, transcript, home, _ = setting
    coding = transcript.add_coding(home, 0, 5, co_researcher, memo="Cold flats.")
    memo = reverse("inquiry:coding_memo", args=[inquiry.pk, transcript.pk, coding.pk])
    login_as(co_researcher).get(memo)
    event = AuditEvent.objects.get(action=Action.VIEW, subject_type="transcript")
    assert (event.subject_id, event.detail) == (str(transcript.pk), f"memo on coding {coding.pk}")


def test_it_marks_and_unmarks_an_answer_to_a_guide_question(setting, login_as, co_researcher):
    inquiry, transcript, _, _ = setting
    client = login_as(co_researcher)
    question = inquiry.guide.all()[1]
    client.post(
        reverse("inquiry:answer_add", args=[inquiry.pk, transcript.pk]),
        {"answer-question": question.pk, "answer-turn": 1, "answer-transcript_version": 1},
    )
    answer = GuideAnswer.objects.get()
    assert answer.question == question and answer.start == TEXT.index("Warm")
    bad = client.post(
        reverse("inquiry:answer_add", args=[inquiry.pk, transcript.pk]),
        {
            "answer-question": question.pk,
            "answer-start": 5,
            "answer-end": 2,
            "answer-transcript_version": 1,
        },
    )
    assert "<title>Error: " in bad.content.decode()
    client.post(reverse("inquiry:answer_delete", args=[inquiry.pk, transcript.pk, answer.pk]))
    assert not GuideAnswer.objects.exists()


def test_it_edits_a_coded_transcript_into_a_new_version_listing_lost_codings(
    setting, login_as, co_researcher
):
    inquiry, transcript, home, love = setting
    warm = TEXT.index("Warm")
    sister = TEXT.index("My sister")
    transcript.add_coding(home, warm, warm + 15, co_researcher)
    transcript.add_coding(love, sister, sister + 16, co_researcher)
    client = login_as(co_researcher)
    response = client.post(
        reverse("inquiry:transcript_edit", args=[inquiry.pk, transcript.pk]),
        {
            "title": "Interview",
            "participant": "",
            "text": TEXT.replace("Warm 🏠 and quiet", "Cosy"),
            "version": 1,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Saved version 2. 1 coding(s) moved with the text. 1 could not be carried" in page
    assert "Codings an edit could not carry" in page
    transcript.refresh_from_db()
    coding = Coding.objects.get()
    assert transcript.text[coding.start : coding.end] == "My sister visits"


def test_it_links_each_coding_in_the_margin_to_its_memo_and_removal(
    setting, login_as, co_researcher
):
    inquiry, transcript, home, _ = setting
    coding = transcript.add_coding(home, 0, 5, co_researcher)
    page = (
        login_as(co_researcher)
        .get(reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk]))
        .content.decode()
    )
    ids = [inquiry.pk, transcript.pk, coding.pk]
    assert f'href="{reverse("inquiry:coding_memo", args=ids)}"' in page
    assert f'action="{reverse("inquiry:coding_delete", args=ids)}"' in page


def test_it_lets_each_paragraph_of_a_transcript_take_its_own_direction(login_as, coordinator):
    inquiry = Inquiry.objects.create_inquiry("Languages", user=coordinator)
    transcript = inquiry.add_transcript("P5", "Interviewer: Welcome.\nذهبت إلى المقهى.\n")
    page = login_as(coordinator).get(
        reverse("inquiry:transcript", args=[inquiry.pk, transcript.pk])
    )
    assert 'class="transcript-text" dir="auto"' in page.content.decode()
    css = (Path(inquiry_package.__file__).parent / "static/inquiry/inquiry.css").read_text()
    assert "unicode-bidi: plaintext" in css
