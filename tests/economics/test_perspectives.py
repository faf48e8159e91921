"""Perspectives: which payers' savings each point of view counts."""

import numpy as np
import pytest

from thrive.economics.core.perspectives import PAYERS, PERSPECTIVES, perspective_savings

BY_PAYER = {"nhs": 100.0, "local_authority": 20.0, "exchequer": 5.0, "person": 1.0}


def test_it_lists_the_four_perspectives_from_narrowest_to_widest():
    assert list(PERSPECTIVES) == ["nhs", "nhs_social_care", "exchequer", "all"]
    assert PERSPECTIVES["all"].payers == PAYERS


@pytest.mark.parametrize(
    ("key", "expected"),
    [("nhs", 100.0), ("nhs_social_care", 120.0), ("exchequer", 125.0), ("all", 126.0 + 7.0)],
)
def test_it_counts_only_the_payers_a_perspective_includes(key, expected):
    assert perspective_savings(key, BY_PAYER, person_income_gain=7.0) == pytest.approx(expected)


def test_it_works_on_arrays_of_draws():
    draws = {"nhs": np.array([1.0, 2.0]), "exchequer": np.array([10.0, 20.0])}
    assert perspective_savings("exchequer", draws).tolist() == [11.0, 22.0]
    assert perspective_savings("nhs", draws).tolist() == [1.0, 2.0]


def test_every_payer_has_a_plain_label():
    from thrive.economics.core.perspectives import PAYER_LABELS

    assert all(label and "_" not in label for label in PAYER_LABELS.values())
