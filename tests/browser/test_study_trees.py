"""The trees page in chromium: every label inside its drawing, touching no other, at two widths."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import Page, expect

from tests.inquiry.theme_study import make_study
from thrive.inquiry.themes import Theme

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = ["work", "belonging", "housing", "stigma", "peer", "support", "waiting", "being heard"]
# Names whose rendered width an estimate could get wrong: wide capitals, emoji, other scripts.
AWKWARD = [
    "WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM",
    "Feeling 🌱😀👩‍👩‍👧 at home 🌱😀🌱😀🌱😀🌱😀",
    "الدعم من الأقران والعمل والسكن والانتماء",
    "支持同伴工作住房归属感等待被倾听的感觉",
    "Ünterstützungsleistungsempfängerinnenvereinigung",
]

LABEL_BOXES = """
() => [...document.querySelectorAll('svg.tree')].map(svg => {
  const canvas = svg.getBoundingClientRect();
  return {
    canvas: [canvas.left, canvas.top, canvas.right, canvas.bottom],
    labels: [...svg.querySelectorAll('text.tree-label')].map(text => {
      const box = text.getBoundingClientRect();
      return [box.left, box.top, box.right, box.bottom];
    }),
  };
})
"""


def fifty_themes(inquiry) -> None:
    """Fifty themes of varied names and lengths on both trees, every part of the tree."""
    rng = random.Random(11)
    for n in range(50):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 10))).capitalize()
        name = AWKWARD[n // 10] if n % 10 == 0 else name
        Theme.objects.create_theme(
            inquiry,
            f"{name} {n}",
            valence=("validating", "invalidating", "both")[n % 3],
            tree_part=("roots", "trunk", "branches", "fruits")[n % 4],
        )


def assert_labels_inside_and_apart(page: Page) -> None:
    trees = page.evaluate(LABEL_BOXES)
    assert len(trees) == 2
    for tree in trees:
        left, top, right, bottom = tree["canvas"]
        labels = tree["labels"]
        assert labels
        for box in labels:
            assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, box
        for i, one in enumerate(labels):
            for other in labels[i + 1 :]:
                apart = (
                    one[2] < other[0] or other[2] < one[0] or one[3] < other[1] or other[3] < one[1]
                )
                assert apart, (one, other)


def test_every_label_lies_inside_its_tree_and_touches_no_other(
    django_user_model, live_server, page: Page, log_in, assert_accessible
):
    study = make_study(django_user_model)
    fifty_themes(study.inquiry)
    log_in(study.ana)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/reports/inquiry/{study.inquiry.pk}/trees/")
    expect(page).to_have_title(re.compile("^Trees of change"))

    assert_labels_inside_and_apart(page)
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    assert_labels_inside_and_apart(page)
    assert_accessible(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the trees page scrolls sideways at 390 px"
