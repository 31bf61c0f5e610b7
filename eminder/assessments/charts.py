"""Radar charts of DMA dimension scores: one sitting, or several stages overlaid.

Each is a `lib.charts.Chart`: the Plotly figure (scatterpolar traces) and the table of the
figures it draws, which is also what its CSV and XLSX downloads hold.
"""

from collections.abc import Sequence

import plotly.graph_objects as go

from eminder.lib.charts import Chart

SCORE_RANGE = [0, 100]


def _closed(values: Sequence) -> list:
    """A radar's outline returns to its first point."""
    return [*values, values[0]] if values else []


def _layout(*, legend: bool) -> go.Layout:
    return go.Layout(
        polar={"radialaxis": {"range": SCORE_RANGE, "angle": 90, "tickangle": 90}},
        showlegend=legend,
        legend={"orientation": "h"},
        margin={"l": 60, "r": 60, "t": 30, "b": 30},
        height=440,
    )


def radar_chart(
    *,
    chart_id: str,
    title: str,
    name: str,
    labels: Sequence[str],
    scores: Sequence[float],
    columns: Sequence[str],
    source: str,
) -> Chart:
    """One sitting's dimension scores (0-100); the table has a row per dimension."""
    figure = go.Figure(
        data=[
            go.Scatterpolar(
                r=_closed([round(score, 1) for score in scores]),
                theta=_closed(list(labels)),
                fill="toself",
                name=name,
            )
        ],
        layout=_layout(legend=False),
    )
    rows = [[label, round(score, 1)] for label, score in zip(labels, scores, strict=True)]
    return Chart(chart_id, title, figure, columns, rows, source)


def overlay_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    extra: Sequence[tuple[str, Sequence[float]]],
    dimension_column: str,
    source: str,
    download_params: dict[str, str],
) -> Chart:
    """Several stages' scores over the same dimensions, one outline each; the table adds the
    `extra` columns (the changes between stages), which are not drawn."""
    figure = go.Figure(
        data=[
            go.Scatterpolar(
                r=_closed([round(score, 1) for score in scores]),
                theta=_closed(list(labels)),
                name=name,
            )
            for name, scores in series
        ],
        layout=_layout(legend=True),
    )
    columns = [dimension_column, *(name for name, _ in series), *(name for name, _ in extra)]
    rows = [
        [label, *(round(values[i], 1) for _, values in (*series, *extra))]
        for i, label in enumerate(labels)
    ]
    return Chart(chart_id, title, figure, columns, rows, source, download_params)
