"""The trees of change as SVG: every theme once, labels apart and inside, whatever the names."""

from __future__ import annotations

import random
import re
from collections import Counter
from itertools import combinations

import defusedxml.ElementTree as ET
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.reports.core.trees import PARTS, Box, TreeTheme, draw_tree, wrapped

SVG = "{http://www.w3.org/2000/svg}"
WORDS = [
    "hope",
    "work",
    "belonging",
    "housing",
    "stigma",
    "peer",
    "support",
    "money",
    "benefits",
    "waiting",
    "list",
    "being",
    "heard",
    "choice",
    "confidence",
    "friends",
    "routine",
    "debt",
    "loneliness",
    "respect",
    "trust",
    "Unterstützungsleistungen",
    "antidisestablishmentarianism",
]


def themes(count: int, seed: int = 7) -> list[TreeTheme]:
    """Generated themes: names from one word to many, all four parts, 1 to 40 participants."""
    rng = random.Random(seed)
    return [
        TreeTheme(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))).capitalize() + f" {n}",
            PARTS[n % 4],
            rng.randint(1, 40),
        )
        for n in range(count)
    ]


def drawn_names(svg: str) -> list[str]:
    """The name in each theme group's <title>, as a reader of the parsed XML finds it."""
    root = ET.fromstring(svg)
    groups = [g for g in root.iter(f"{SVG}g") if "theme" in g.get("class", "").split()]
    return [g.find(f"{SVG}title").text.rsplit(" (", 1)[0] for g in groups]


def assert_labels_apart_and_inside(tree) -> None:
    for box in tree.labels:
        assert box.inside(tree.width, tree.height), box
    for one, other in combinations(tree.labels, 2):
        assert not one.intersects(other), (one, other)


@pytest.mark.parametrize("count", [5, 50, 200])
@pytest.mark.parametrize("kind", ["growth", "distress"])
def test_it_draws_every_theme_once_with_labels_apart_and_inside(kind, count):
    given_themes = themes(count)
    tree = draw_tree(kind, given_themes)

    root = ET.fromstring(tree.svg)
    assert root.tag == f"{SVG}svg"
    assert Counter(drawn_names(tree.svg)) == Counter(t.name for t in given_themes)
    assert len(tree.labels) == count
    assert_labels_apart_and_inside(tree)
    assert root.get("viewBox") == f"0 0 {tree.width} {tree.height}"


@pytest.mark.parametrize("count", [5, 50, 200])
def test_larger_labels_for_print_stay_apart_and_inside(count):
    tree = draw_tree("growth", themes(count), label_size=20)
    assert 'font-size="20"' in tree.svg
    assert_labels_apart_and_inside(tree)
    assert tree.height >= draw_tree("growth", themes(count)).height


def test_it_grows_the_canvas_when_many_themes_need_room():
    assert draw_tree("growth", themes(200)).height > draw_tree("growth", themes(50)).height


def test_it_names_itself_for_screen_readers():
    root = ET.fromstring(draw_tree("growth", themes(5)).svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Tree of growth"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert "roots (life conditions): 2" in desc.text
    assert "fruits (outcomes): 1" in desc.text


def test_it_keeps_the_xml_whole_whatever_a_theme_is_called():
    hostile = [
        '<script>alert("x")</script>',
        'Tom & Jerry\'s "quoted" <b>bold</b>',
        "]]><!-- --><?xml?>",
        "Feeling 😀🌱👩‍👩‍👧 at home " * 6,
        "الدعم من الأقران والعمل",
        "תמיכה של עמיתים",
        "a\x00b\x0bc\ufffe",
        "x" * 200,
        "",
    ]
    tree = draw_tree("distress", [TreeTheme(n, PARTS[i % 4], i + 1) for i, n in enumerate(hostile)])

    root = ET.fromstring(tree.svg)
    assert not list(root.iter(f"{SVG}script"))
    assert not list(root.iter(f"{SVG}b"))
    names = drawn_names(tree.svg)
    assert names[0] == '<script>alert("x")</script>'
    assert names[1] == 'Tom & Jerry\'s "quoted" <b>bold</b>'
    assert names[6] == "abc"
    assert names[8] == "(no name)"
    assert_labels_apart_and_inside(tree)


def test_it_wraps_a_long_name_onto_three_lines_at_most_and_marks_the_cut():
    lines = wrapped("a very long theme name about " * 10)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert len(wrapped("x" * 200)) == 3


def test_it_draws_the_same_bytes_for_the_same_themes():
    assert draw_tree("growth", themes(50)).svg == draw_tree("growth", themes(50)).svg


def test_the_trunk_thickens_with_the_participants_behind_its_themes():
    thin = draw_tree("growth", [TreeTheme("Being believed", "trunk", 2)])
    thick = draw_tree("growth", [TreeTheme("Being believed", "trunk", 30)])
    thicker = draw_tree(
        "growth", [TreeTheme("Being believed", "trunk", 30), TreeTheme("Choice", "trunk", 20)]
    )
    assert thin.trunk_width < thick.trunk_width < thicker.trunk_width


def test_a_fruit_from_more_participants_is_bigger():
    tree = draw_tree(
        "growth", [TreeTheme("A job", "fruits", 2), TreeTheme("Friends", "fruits", 20)]
    )
    radii = [float(r) for r in re.findall(r'<circle [^>]*r="([\d.]+)" fill="#e0762b"', tree.svg)]
    assert radii[0] < radii[1]


def test_an_empty_tree_is_bare_with_a_note():
    tree = draw_tree("growth", [])
    root = ET.fromstring(tree.svg)
    assert tree.labels == []
    assert "No themes on this tree yet" in "".join(root.itertext())
    assert "no themes yet" in root.find(f"{SVG}desc").text


def test_small_counts_can_be_hidden_from_the_drawings_text():
    tree = draw_tree(
        "growth", [TreeTheme("Hope", "fruits", 3), TreeTheme("Work", "roots", 12)], hide_small=True
    )
    assert "fewer than 5 participants" in tree.svg
    assert "3 participants" not in tree.svg
    assert "from 12 participants" in tree.svg


def test_it_refuses_an_unknown_kind_or_part():
    with pytest.raises(ValueError):
        draw_tree("joy", [])
    with pytest.raises(ValueError):
        draw_tree("growth", [TreeTheme("Hope", "leaves", 3)])
    with pytest.raises(ValueError):
        draw_tree("growth", [], label_size=2)


def test_boxes_that_touch_intersect_and_apart_ones_do_not():
    assert Box(0, 0, 10, 10).intersects(Box(10, 0, 5, 5))
    assert not Box(0, 0, 10, 10).intersects(Box(10.5, 0, 5, 5))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=120), st.sampled_from(PARTS), st.integers(0, 500)),
        max_size=40,
    ),
    st.sampled_from([6, 13, 20, 40]),
)
def test_labels_never_touch_or_leave_the_canvas(rows, size):
    tree = draw_tree("growth", [TreeTheme(*row) for row in rows], label_size=size)
    ET.fromstring(tree.svg)
    assert_labels_apart_and_inside(tree)
