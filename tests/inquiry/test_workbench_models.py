"""The inquiry's records: template, transcripts, versions, coding and the codebook."""

import pytest

from thrive.inquiry.core.formats import TranscriptError
from thrive.inquiry.core.guide import DEFAULT_GUIDE
from thrive.inquiry.models import (
    Code,
    Coding,
    GuideAnswer,
    Inquiry,
    InquiryError,
    Participant,
    Transcript,
    TranscriptVersion,
    UncarriedCoding,
)
from thrive.inquiry.search import search
from thrive.inquiry.transcript_import import add_transcript_files

pytestmark = pytest.mark.django_db

TEXT = (
    "Interviewer: What was hard before?\n"
    "P1: The flat was cold 🥶 and loud. I had nobody.\n"
    "Interviewer: And now?\n"
    "P1: Now I work three days a week and I see my sister.\n"
)


def make_inquiry(*team, title="Thriving together"):
    """An inquiry from the template with one participant and one transcript."""
    inquiry = Inquiry.objects.create_inquiry(title)
    inquiry.team.add(*team)
    participant = Participant.objects.create(
        inquiry=inquiry, label="P1", attributes={"gender": "woman", "age": 41}
    )
    transcript = inquiry.add_transcript("Interview with P1", TEXT, participant)
    return inquiry, participant, transcript


def code(inquiry, name):
    return Code.objects.get(inquiry=inquiry, name=name)


def test_it_starts_an_inquiry_from_the_guide_and_framework_codebook():
    inquiry = Inquiry.objects.create_inquiry("Template check")
    assert [q.text for q in inquiry.guide.all()] == list(DEFAULT_GUIDE)
    assert code(inquiry, "Areas of living").codable is False
    assert code(inquiry, "Somewhere to dwell").parent.name == "Areas of living"
    assert inquiry.codes.count() > 20


def test_it_starts_a_blank_inquiry_when_asked():
    inquiry = Inquiry.objects.create_inquiry("Blank", from_template=False)
    assert not inquiry.codes.exists() and not inquiry.guide.exists()


def test_it_refuses_an_inquiry_without_a_title():
    with pytest.raises(InquiryError, match="title"):
        Inquiry.objects.create_inquiry("   ")


def test_it_stores_transcripts_as_canonical_text_with_their_length():
    inquiry = Inquiry.objects.create_inquiry("Canon", from_template=False)
    transcript = inquiry.add_transcript("T", "\ufeffA: hi  \r\nB: 😀\x07 there\r\n\r\n")
    assert transcript.text == "A: hi\nB: 😀 there\n"
    assert transcript.length == len(transcript.text) == Transcript.objects.get().length


def test_it_adds_all_files_or_none():
    inquiry = Inquiry.objects.create_inquiry("Files", from_template=False)
    Participant.objects.create(inquiry=inquiry, label="P2")
    with pytest.raises(TranscriptError):
        add_transcript_files(inquiry, [("good.txt", b"A: hi\n"), ("bad.pdf", b"%PDF-1")])
    assert not Transcript.objects.exists()
    added = add_transcript_files(inquiry, [("P2.txt", b"A: hi\n"), ("x.md", b"B: yo\n")])
    assert [(t.title, t.participant and t.participant.label) for t in added] == [
        ("P2", "P2"),
        ("x", None),
    ]


def test_it_codes_spans_in_code_points_so_an_emoji_counts_as_one(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    start = TEXT.index("🥶")
    lean = Transcript.objects.defer("text").get(pk=transcript.pk)
    coding = lean.add_coding(
        code(inquiry, "Somewhere to dwell"),
        start,
        start + 1,
        coordinator,
    )
    assert coding.quote == "🥶"
    assert coding.coder == coordinator and coding.created_at


def test_it_keeps_one_coding_when_the_same_coder_codes_the_same_span_twice(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    home = code(inquiry, "Somewhere to dwell")
    transcript.add_coding(home, 40, 50, coordinator)
    transcript.add_coding(home, 40, 50, coordinator)
    assert Coding.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 5, "negative"),
        (5, 5, "end after"),
        (9, 3, "end after"),
        (0, 10**6, "beyond"),
        ("x", 3, "whole numbers"),
        (None, 3, "whole numbers"),
    ],
)
def test_it_refuses_spans_outside_the_text(coordinator, start, end, message):
    inquiry, _, transcript = make_inquiry(coordinator)
    with pytest.raises(InquiryError, match=message):
        transcript.add_coding(code(inquiry, "Somewhere to dwell"), start, end, coordinator)


def test_it_refuses_a_code_from_another_inquiry(coordinator):
    _, _, transcript = make_inquiry(coordinator)
    other = Inquiry.objects.create_inquiry("Other")
    with pytest.raises(InquiryError, match="another inquiry"):
        transcript.add_coding(code(other, "Somewhere to dwell"), 0, 5, coordinator)


def test_it_makes_a_new_version_and_carries_codings_on_unchanged_text(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    sister = TEXT.index("I see my sister")
    cold = TEXT.index("The flat was cold")
    kept = transcript.add_coding(code(inquiry, "Someone to love"), sister, sister + 15, coordinator)
    lost = transcript.add_coding(code(inquiry, "Somewhere to dwell"), cold, cold + 17, coordinator)
    transcript.mark_answer(inquiry.guide.first(), cold, cold + 17, coordinator)
    revision = transcript.edit_text(
        "Note: recorded at the Hub.\n" + TEXT.replace("flat was cold", "flat was freezing"),
    )
    assert revision.version == transcript.version == 2
    kept.refresh_from_db()
    assert transcript.text[kept.start : kept.end] == "I see my sister"
    assert not Coding.objects.filter(pk=lost.pk).exists()
    assert [u.quote for u in UncarriedCoding.objects.all()] == ["The flat was cold"]
    assert revision.answers_lost == 1 and not GuideAnswer.objects.exists()
    assert TranscriptVersion.objects.get().text == TEXT


def test_it_changes_nothing_when_the_text_is_the_same(coordinator):
    _, _, transcript = make_inquiry(coordinator)
    assert transcript.edit_text(TEXT).version == 1
    assert not TranscriptVersion.objects.exists()


def test_it_merges_codes_keeping_every_coding_and_child(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    source, target = code(inquiry, "Somewhere to dwell"), code(inquiry, "Someone to love")
    transcript.add_coding(source, 0, 10, coordinator)
    transcript.add_coding(code(inquiry, "Somewhere to dwell (validating)"), 0, 5, coordinator)
    assert source.merge_into(target) == 1
    assert Coding.objects.filter(code=target).count() == 1
    assert code(inquiry, "Somewhere to dwell (validating)").parent == target
    assert Coding.objects.count() == 2


def test_it_refuses_to_merge_a_code_into_its_own_child(coordinator):
    inquiry, _, _ = make_inquiry(coordinator)
    parent = code(inquiry, "Somewhere to dwell")
    with pytest.raises(InquiryError, match="own codes"):
        parent.merge_into(code(inquiry, "Somewhere to dwell (validating)"))


def test_it_splits_chosen_codings_into_a_new_sibling_code(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    home = code(inquiry, "Somewhere to dwell")
    first = transcript.add_coding(home, 0, 10, coordinator)
    transcript.add_coding(home, 20, 30, coordinator)
    new = home.split([first.pk], "Noise at home")
    assert new.parent == home.parent and new.colour == home.colour
    assert list(new.codings.all()) == [first]
    assert home.codings.count() == 1


def test_it_moves_codes_but_refuses_cycles(coordinator):
    inquiry, _, _ = make_inquiry(coordinator)
    areas, home = code(inquiry, "Areas of living"), code(inquiry, "Somewhere to dwell")
    with pytest.raises(InquiryError, match="inside itself"):
        areas.move_under(home)
    home.move_under(None)
    assert code(inquiry, "Somewhere to dwell").parent is None


def test_it_round_trips_the_codebook_through_specs():
    inquiry = Inquiry.objects.create_inquiry("Round trip")
    copy = Inquiry.objects.create_inquiry("Copy", from_template=False)
    assert copy.apply_codebook(inquiry.codes.as_specs())[0] == inquiry.codes.count()
    assert copy.codes.as_specs() == inquiry.codes.as_specs()
    assert copy.apply_codebook(inquiry.codes.as_specs()) == (0, 0)


def test_it_finds_codes_by_name_or_path():
    inquiry = Inquiry.objects.create_inquiry("Find")
    assert inquiry.codes.find("Somewhere to dwell").name == "Somewhere to dwell"
    found = inquiry.codes.find("Areas of living / Somewhere to dwell")
    assert found.name == "Somewhere to dwell"
    with pytest.raises(InquiryError, match="no code"):
        inquiry.codes.find("Nothing like this")


def test_it_restores_a_deleted_coding_exactly(coordinator):
    inquiry, _, transcript = make_inquiry(coordinator)
    coding = transcript.add_coding(code(inquiry, "Someone to love"), 3, 9, coordinator, "memo")
    created = coding.created_at
    snapshot = coding.remove()
    restored = transcript.restore_coding(snapshot)
    restored.refresh_from_db()
    assert (restored.start, restored.end, restored.memo, restored.coder) == (
        3,
        9,
        "memo",
        coordinator,
    )
    assert restored.created_at == created


def test_it_erases_a_withdrawn_participant_everywhere(coordinator):
    inquiry, participant, transcript = make_inquiry(coordinator)
    transcript.add_coding(code(inquiry, "Someone to love"), 3, 9, coordinator)
    transcript.edit_text(TEXT + "P1: One more thing.\n")
    participant.erase()
    assert not Transcript.objects.exists() and not Coding.objects.exists()
    assert not TranscriptVersion.objects.exists()
    assert search(inquiry, "sister") == []
