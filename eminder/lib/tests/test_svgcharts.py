"""bar_chart_svg: a well-formed SVG document, one bar per value, text escaped."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eminder.lib.svgcharts import PALETTE, bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, the thing under test


def bars(root: ET.Element) -> list[dict[str, str]]:
    """The chart's bars: rects below the legend row (legend squares sit at y=8)."""
    return [rect.attrib for rect in root.iter(f"{SVG}rect") if rect.get("y") != "8"]


def texts(root: ET.Element) -> list[str]:
    return [text.text or "" for text in root.iter(f"{SVG}text")]


def test_one_bar_per_value_stacked_by_series():
    root = parse(
        bar_chart_svg(
            categories=["Galicia", "Pomorskie"],
            series={"Universities": [1, 2], "Clusters": [3, 0]},
        )
    )

    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("480", "240")
    drawn = bars(root)
    assert len(drawn) == 4
    assert [bar["fill"] for bar in drawn] == [PALETTE[0], PALETTE[1], PALETTE[0], PALETTE[1]]
    # The tallest stack (1 + 3) fills the plot; heights are proportional.
    assert [float(bar["height"]) for bar in drawn] == [42.5, 127.5, 85.0, 0.0]
    assert texts(root)[:2] == ["4", "0"]
    assert "Universities" in texts(root)
    assert "Clusters" in texts(root)


def test_names_and_categories_are_escaped():
    svg = bar_chart_svg(
        categories=["<b>R&D</b>", "\"Quotes\" & 'apostrophes'"],
        series={"A < B & C": [1, 2]},
    )

    root = parse(svg)
    assert "<b>" not in svg
    assert {"<b>R&D</b>", "\"Quotes\" & 'apostrophes'", "A < B & C"} <= set(texts(root))


def test_unnamed_single_series_has_no_legend():
    root = parse(bar_chart_svg(categories=["Manager", "Advisor"], series={"": [1, 2]}))

    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == 2
    assert all(rect.get("y") != "8" for rect in rects)


def test_all_zero_or_empty_charts_still_draw():
    zero = parse(bar_chart_svg(categories=["A"], series={"S": [0]}))
    empty = parse(bar_chart_svg(categories=[], series={}))

    assert [float(bar["height"]) for bar in bars(zero)] == [0.0]
    assert texts(zero)[:2] == ["1", "0"]
    assert bars(empty) == []


@pytest.mark.parametrize(("peak", "label"), [(2.5, "2.5"), (3.0, "3"), (1 / 3, "0.3")])
def test_peak_label(peak, label):
    assert texts(parse(bar_chart_svg(categories=["A"], series={"S": [peak]})))[0] == label


# Text XML can carry: no control characters, surrogates or non-characters.
label = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=15)


@given(
    st.lists(label, min_size=1, max_size=6, unique=True),
    st.lists(label.filter(bool), min_size=1, max_size=4, unique=True),
    st.data(),
)
def test_any_chart_is_well_formed_with_one_bar_per_value(categories, names, data):
    values = st.integers(min_value=0, max_value=10**6) | st.floats(0, 1e6, allow_nan=False)
    series = {
        name: data.draw(st.lists(values, min_size=len(categories), max_size=len(categories)))
        for name in names
    }

    root = parse(bar_chart_svg(categories=categories, series=series))

    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == len(categories) * len(names) + len(names)
    assert all(float(rect.get("height")) >= 0 for rect in rects)
    assert texts(root)[2:] == [*categories, *names]
