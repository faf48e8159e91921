"""The study's two trees from its themes: which tree, which part, how many participants."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.inquiry.theme_study import make_study
from thrive.inquiry.themes import Theme
from thrive.reports.study_trees import study_trees

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(django_user_model):
    """Warm home (P1, P2) validating fruit; Cold flat (P2, P3) invalidating roots; more below."""
    study = make_study(django_user_model)
    codes, inquiry = study.codes, study.inquiry
    key = Theme.objects.create_theme(inquiry, "Home", valence="both", tree_part="roots")
    warm = Theme.objects.create_theme(
        inquiry, "Warm home", parent=key, valence="validating", tree_part="fruits"
    )
    warm.add_codes([codes["Warm home"]])
    cold = Theme.objects.create_theme(
        inquiry, "Cold flat", parent=key, valence="invalidating", tree_part="roots"
    )
    cold.add_codes([codes["Cold flat"]])
    kind = Theme.objects.create_theme(inquiry, "Kind people", valence="both", tree_part="trunk")
    kind.add_codes([codes["Kind people"]])
    Theme.objects.create_theme(inquiry, "Undecided", tree_part="branches")
    Theme.objects.create_theme(inquiry, "No part yet", valence="validating")
    return study


def test_it_puts_validating_themes_on_growth_and_invalidating_on_distress(study):
    trees = study_trees(study.inquiry)

    assert trees.growth.items == [
        ("Roots (life conditions)", "Home", 3),
        ("Trunk (how people were treated)", "Kind people", 2),
        ("Fruits (outcomes)", "Warm home", 2),
    ]
    assert trees.distress.items == [
        ("Roots (life conditions)", "Home", 3),
        ("Roots (life conditions)", "Cold flat", 2),
        ("Trunk (how people were treated)", "Kind people", 2),
    ]


def test_it_draws_each_tree_with_its_own_themes(study):
    trees = study_trees(study.inquiry)

    assert "Warm home" in trees.growth.svg and "Warm home" not in trees.distress.svg
    assert "Cold flat" in trees.distress.svg and "Cold flat" not in trees.growth.svg
    assert trees.growth.svg.startswith("<svg") and trees.distress.svg.endswith("</svg>")


def test_it_lists_themes_whose_place_is_not_decided_yet(study):
    trees = study_trees(study.inquiry)

    assert [(u.name, u.missing) for u in trees.unplaced] == [
        ("Undecided", "valence"),
        ("No part yet", "part of the tree"),
    ]
    assert [u.name for u in trees.growth.unplaced] == ["Undecided", "No part yet"]
    assert [u.name for u in trees.distress.unplaced] == ["Undecided"]
    assert "Undecided" not in trees.growth.svg + trees.distress.svg


def test_it_leaves_out_participants_who_withdrew(study):
    participant = study.participants["P3"]
    participant.withdrawn_at = timezone.now()
    participant.save(update_fields=["withdrawn_at"])

    items = study_trees(study.inquiry).distress.items

    assert ("Roots (life conditions)", "Cold flat", 1) in items


def test_small_counts_can_be_hidden_in_the_drawings(study):
    trees = study_trees(study.inquiry, hide_small=True)

    assert "from 2 participants" not in trees.growth.svg
    assert "fewer than 5 participants" in trees.growth.svg


def test_an_inquiry_without_themes_has_two_bare_trees(django_user_model):
    study = make_study(django_user_model, title="No themes")
    trees = study_trees(study.inquiry)

    assert [t.items for t in trees] == [[], []]
    assert "No themes on this tree yet" in trees.growth.svg
