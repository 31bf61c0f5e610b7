"""Charts as data: a Plotly figure plus the table of its figures, rendered by one component.

The figure goes to the page as JSON (`json_script`) and a static script draws it, so the page
needs no inline script under the Content Security Policy (`fig.to_html()` would emit one).
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder


@dataclass
class Chart:
    """One chart: its figure, and the columns and rows of the figures it draws."""

    chart_id: str
    title: str
    figure: go.Figure
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    source: str
    download_params: dict[str, str] = field(default_factory=dict)

    @property
    def download_query(self) -> str:
        """The page's own parameters, so a download holds exactly the figures shown."""
        return urlencode(self.download_params) + "&" if self.download_params else ""

    @property
    def data_element_id(self) -> str:
        return f"{self.chart_id}-data"

    @property
    def figure_data(self) -> dict[str, Any]:
        # Round-trip through Plotly's encoder so numpy values and dates become plain JSON.
        return json.loads(json.dumps(self.figure.to_plotly_json(), cls=PlotlyJSONEncoder))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    columns: Sequence[str],
    source: str,
    stacked: bool = True,
) -> Chart:
    """A (stacked) bar chart with one trace per series, and its table: category then series."""
    figure = go.Figure(
        data=[
            go.Bar(name=name, x=list(categories), y=list(values)) for name, values in series.items()
        ],
        layout=go.Layout(
            barmode="stack" if stacked else "group",
            margin={"l": 40, "r": 10, "t": 10, "b": 40},
            legend={"orientation": "h"},
            height=320,
        ),
    )
    rows = [
        [category, *[values[i] for values in series.values()]]
        for i, category in enumerate(categories)
    ]
    return Chart(chart_id, title, figure, columns, rows, source)
