"""Search by meaning: vectors worked out once per passage, searched like with like."""

import numpy as np
import pytest

from thrive.inquiry.meaning import (
    PassageRef,
    inquiry_vectors,
    like,
    refresh_vectors,
    text_model,
)
from thrive.inquiry.models import Inquiry, PassageVector

pytestmark = pytest.mark.django_db

FIRST = (
    "Interviewer: How did the first week at work go?\n"
    "P1: I was terrified of going back to work after so long off sick.\n"
    "Interviewer: And at home?\n"
    "P1: We grew tomatoes on the allotment with my brother.\n"
)
SECOND = (
    "Interviewer: What helped?\n"
    "P2: My manager let me start on shorter hours, which calmed my nerves about the job.\n"
)


@pytest.fixture
def inquiry():
    inquiry = Inquiry.objects.create(title="Back to work")
    inquiry.add_transcripts([("First", FIRST, None), ("Second", SECOND, None)])
    return inquiry


def test_it_works_out_one_vector_per_passage(inquiry):
    assert refresh_vectors(inquiry) == 6
    refs, matrix = inquiry_vectors(inquiry)
    assert len(refs) == 6 and matrix.shape == (6, text_model().dimensions)
    first = inquiry.transcripts.get(title="First")
    assert PassageRef(first.pk, 0, FIRST.index("\n")) in refs


def test_it_finds_passages_like_a_query(inquiry):
    refresh_vectors(inquiry)
    found = like(inquiry, text_model().query("fear of returning to employment"), limit=3)
    texts = [
        inquiry.transcripts.get(pk=ref.transcript_id).text[ref.start : ref.end] for ref, _ in found
    ]
    assert texts[0] == "P1: I was terrified of going back to work after so long off sick."
    assert all("allotment" not in text for text in texts[:2])
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)


def test_it_recomputes_nothing_when_nothing_changed(inquiry):
    refresh_vectors(inquiry)
    assert refresh_vectors(inquiry) == 0
    assert PassageVector.objects.count() == 6


def test_it_leaves_out_the_passage_it_was_asked_about(inquiry):
    refresh_vectors(inquiry)
    refs, matrix = inquiry_vectors(inquiry)
    found = like(inquiry, matrix[1], limit=10, exclude=refs[1])
    assert refs[1] not in [ref for ref, _ in found] and len(found) == 5
    assert np.isclose(like(inquiry, matrix[1], limit=1)[0][1], 1, atol=1e-4)
