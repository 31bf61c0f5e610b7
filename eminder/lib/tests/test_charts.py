"""bar_chart: the Plotly figure and the table of its figures say the same."""

import json

from hypothesis import given
from hypothesis import strategies as st

from eminder.lib.charts import bar_chart


def make_chart(categories, series, stacked=True):
    return bar_chart(
        chart_id="partners",
        title="Partners",
        categories=categories,
        series=series,
        columns=["Centre", *series],
        source="Source: tests",
        stacked=stacked,
    )


def test_table_rows_are_category_then_each_series():
    chart = make_chart(["Galicia", "Pomorskie"], {"Universities": [1, 2], "Clusters": [3, 0]})

    assert chart.rows == [["Galicia", 1, 3], ["Pomorskie", 2, 0]]
    assert chart.columns == ["Centre", "Universities", "Clusters"]
    assert chart.data_element_id == "partners-data"
    assert chart.source == "Source: tests"


def test_figure_is_plain_json_with_one_trace_per_series():
    chart = make_chart(["Galicia"], {"Universities": [1], "Clusters": [3]}, stacked=False)

    data = json.loads(json.dumps(chart.figure_data))
    assert [(t["type"], t["name"], t["x"], t["y"]) for t in data["data"]] == [
        ("bar", "Universities", ["Galicia"], [1]),
        ("bar", "Clusters", ["Galicia"], [3]),
    ]
    assert data["layout"]["barmode"] == "group"


@given(
    st.lists(st.text(max_size=10), max_size=5, unique=True).flatmap(
        lambda categories: st.tuples(
            st.just(categories),
            st.dictionaries(
                st.text(min_size=1, max_size=8),
                st.lists(st.integers(0, 1000), min_size=len(categories), max_size=len(categories)),
                max_size=4,
            ),
        )
    )
)
def test_table_and_figure_always_agree(case):
    categories, series = case

    chart = make_chart(categories, series)

    traces = chart.figure_data["data"]
    assert [t["name"] for t in traces] == list(series)
    for index, row in enumerate(chart.rows):
        assert row[0] == categories[index]
        assert row[1:] == [trace["y"][index] for trace in traces]
