"""Standard charts come from one charting library, as accessible SVG and as PNG."""

import re
import struct

import numpy as np
import pytest
from defusedxml import ElementTree

from thrive.core import charts
from thrive.core.numbers import MINUS, money, money_short, money_ticks, shown

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def a_tornado(**overrides):
    data = {
        "labels": ["Attribution", "Deadweight", "Bed days avoided"],
        "lows": [-1_450_000.0, -1_420_000.0, -1_400_000.0],
        "highs": [-1_380_000.0, -1_395_000.0, -1_410_000.0],
        "base": -1_415_895.0,
        "title": "One-way sensitivity of net savings",
        "value_label": "Net savings (GBP)",
        "currency": "GBP",
    }
    data.update(overrides)
    labels, lows, highs, base = (data.pop(k) for k in ("labels", "lows", "highs", "base"))
    return charts.tornado(labels, lows, highs, base, **data)


def a_distribution():
    draws = np.sort(np.random.default_rng(1).normal(-200_000, 150_000, 2_000))
    shares = np.arange(1, draws.size + 1) / draws.size
    return charts.cumulative_distribution(
        draws[::20],
        shares[::20],
        title="Cumulative distribution of net savings",
        value_label="Net savings (GBP)",
    )


def an_acceptability_curve():
    costs = np.linspace(0, 500_000, 41)
    return charts.acceptability_curve(
        costs,
        1 / (1 + np.exp((costs - 250_000) / 50_000)),
        title="Chance that savings exceed the service cost",
        value_label="Service cost (GBP)",
        marker=180_000,
    )


def a_bar_chart():
    return charts.bar_chart(
        ["Employment", "Education", "Training", "Volunteering"],
        [12, 5, 0, 7],
        title="Outcomes this year",
        value_label="Outcomes",
    )


ALL = [a_tornado, a_distribution, an_acceptability_curve, a_bar_chart]


def tick_labels(svg: str, axis: str = "x") -> list[str]:
    root = ElementTree.fromstring(svg)
    return [
        "".join(text.itertext())
        for group in root.iter(f"{SVG}g")
        if group.get("id", "").partition("-")[2].startswith(f"{axis}tick_")
        for text in group.iter(f"{SVG}text")
    ]


def test_two_charts_on_one_page_share_no_id():
    ids = [re.findall(r'\sid="([^"]+)"', chart().svg()) for chart in (a_tornado, a_distribution)]
    assert ids[0] and ids[1] and not set(ids[0]) & set(ids[1])


def test_it_gives_the_tornado_unique_tick_labels():
    labels = tick_labels(a_tornado().svg())
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels


def test_it_writes_negative_money_with_a_real_minus_and_the_pound_sign():
    labels = tick_labels(a_tornado().svg())
    assert all(label.startswith(f"{MINUS}£") for label in labels), labels
    assert money(-1_415_895) == f"{MINUS}£1,415,895"
    assert money_short(-200_000) == f"{MINUS}£200k"
    assert money_short(1_400_000) == "£1.4m"
    assert shown(-5, "money", "CHF") == f"{MINUS}CHF 5"


def test_it_labels_round_ticks_exactly_and_never_twice():
    assert money_ticks([-1.45e6, -1.4e6, -1.35e6]) == [
        f"{MINUS}£1.45m",
        f"{MINUS}£1.40m",
        f"{MINUS}£1.35m",
    ]
    assert money_ticks([-2e5, 0, 2e5]) == [f"{MINUS}£200k", "£0", "£200k"]
    assert money_ticks([0, 2.5e5, 5e5, 7.5e5, 1e6])[1] == "£0.25m"


@pytest.mark.parametrize("make", ALL)
def test_it_draws_well_formed_svg_with_an_accessible_title(make):
    chart = make()
    root = ElementTree.fromstring(chart.svg())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-label") == chart.title
    assert root.find(f"{SVG}title").text == chart.title
    assert root.get("width") == "100%" and len(root.get("viewBox").split()) == 4
    assert root.get("height") is None


@pytest.mark.parametrize("make", ALL)
def test_it_draws_a_png(make):
    chart = make()
    png = chart.png()
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])
    view_width, view_height = (
        float(n) for n in chart.svg().split('viewBox="')[1].split('"')[0].split()[2:]
    )
    assert width == 1000
    assert abs(width / height - view_width / view_height) < 0.01


@pytest.mark.parametrize("make", ALL)
def test_it_draws_the_same_svg_for_the_same_input(make):
    assert make().svg() == make().svg()


def test_it_shows_the_labels_it_is_given():
    svg = a_tornado().svg()
    for label in ("Attribution", "Deadweight", "Bed days avoided"):
        assert label in svg


def test_it_says_so_when_there_is_nothing_to_draw():
    svg = a_tornado(labels=[], lows=[], highs=[]).svg()
    assert "No uncertain inputs" in svg
    ElementTree.fromstring(svg)


def test_it_puts_probability_on_a_zero_to_one_axis_shown_as_percent():
    labels = tick_labels(an_acceptability_curve().svg(), "y")
    assert labels == ["0%", "25%", "50%", "75%", "100%"]
