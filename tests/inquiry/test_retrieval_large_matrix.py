"""A matrix too large to read with quotes in every cell links each count to its passages."""

import pytest
from django.urls import reverse

from thrive.demo.load import load_demo
from thrive.inquiry import retrieval
from thrive.inquiry.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    load_demo()
    return Inquiry.objects.get()


def test_it_keeps_quotes_in_a_matrix_of_readable_size(inquiry):
    matrix = retrieval.framework_matrix(inquiry)
    assert not matrix.quotes_on_demand
    assert any(cell.quotes for row in matrix.rows for cell in row.cells)


def test_it_gives_counts_without_quotes_beyond_the_limit(inquiry, monkeypatch):
    small = retrieval.framework_matrix(inquiry)
    monkeypatch.setattr(retrieval, "QUOTE_CELL_LIMIT", 10)
    large = retrieval.framework_matrix(inquiry)
    assert large.quotes_on_demand
    assert not any(cell.quotes for row in large.rows for cell in row.cells)
    assert [[c.count for c in row.cells] for row in large.rows] == [
        [c.count for c in row.cells] for row in small.rows
    ]


def test_it_links_each_count_to_the_passages_of_that_code_and_participant(
    inquiry, monkeypatch, login_as, coordinator
):
    monkeypatch.setattr(retrieval, "QUOTE_CELL_LIMIT", 10)
    page = login_as(coordinator).get(reverse("inquiry:matrix", args=[inquiry.pk])).content.decode()
    row = next(r for r in retrieval.framework_matrix(inquiry).rows if r.total)
    cell = next(c for c in row.cells if c.count)
    link = f"?code={row.code.pk}&amp;participant={cell.participant_id}"
    assert link in page
    assert "open a count to read its passages" in page
