"""Figures of official statistics: time series, rankings and maps, each with its table.

Every builder returns a `lib.charts.Chart`: the Plotly figure, and the rows of exactly the
figures it draws (the table under the chart and its CSV/XLSX download). Values arrive scaled for
display; they are never smoothed or interpolated, and a point flagged 'b' (break in series)
starts a new line segment, so a break is never drawn as a continuous trend.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eminder.indicators import queries
from eminder.indicators.metrics import EU27_MEMBERS, nuts2_regions, period_year
from eminder.indicators.models import Dataset, Observation
from eminder.lib.charts import Chart
from eminder.lib.formatting import format_number

if TYPE_CHECKING:
    from eminder.indicators.forms import Selection

NUTS2_GEOJSON = (
    Path(__file__).resolve().parent / "data" / "nuts" / "NUTS_RG_60M_2021_4326_LEVL_2.geojson"
)
BREAK = "b"
# Eurostat's observation status letters, as its own legend words them.
FLAG_MEANINGS: dict[str, Promise] = {
    "b": gettext_lazy("break in time series"),
    "c": gettext_lazy("confidential"),
    "d": gettext_lazy("definition differs"),
    "e": gettext_lazy("estimated"),
    "f": gettext_lazy("forecast"),
    "i": gettext_lazy("see metadata"),
    "m": gettext_lazy("missing"),
    "n": gettext_lazy("not significant"),
    "p": gettext_lazy("provisional"),
    "r": gettext_lazy("revised"),
    "s": gettext_lazy("Eurostat estimate"),
    "u": gettext_lazy("low reliability"),
    "z": gettext_lazy("not applicable"),
}
REFERENCE_COLOUR = "#1b1f24"
HIGHLIGHT_COLOUR = "#d55e00"
OTHER_COLOUR = "#9aa5b1"
# Map classes, light to dark (ColorBrewer Blues).
MAP_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#999999")
# Decimals kept when scaling a stored value for display (0.0661968 * 100 is 6.619680000000001).
DISPLAY_DECIMALS = 6


@dataclass(frozen=True)
class Point:
    """One published cell, its value already scaled for display."""

    period: str
    value: float | None
    flags: str = ""
    confidentiality: str = ""

    @property
    def is_break(self) -> bool:
        return BREAK in self.flags


@dataclass(frozen=True)
class Line:
    """One geo's points over time, oldest first."""

    geo: str
    name: str
    points: tuple[Point, ...]
    is_reference: bool = False

    def segments(self) -> list[list[Point]]:
        """The points cut before every break: a break is never joined to what came before."""
        pieces: list[list[Point]] = []
        for point in self.points:
            if not pieces or point.is_break:
                pieces.append([])
            pieces[-1].append(point)
        return pieces


@dataclass(frozen=True)
class Entry:
    """One geo's cell in one period, for a ranking or a map."""

    geo: str
    name: str
    point: Point
    highlighted: bool = False


@dataclass
class FigureText:
    """The words a chart needs: title, axis title, source line and the page state to download."""

    chart_id: str
    title: str
    value_label: str
    source: str
    download_params: dict[str, str] = field(default_factory=dict)


def scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else round(value * scale, DISPLAY_DECIMALS)


def point_of(observation: Observation, scale: float) -> Point:
    return Point(
        period=observation.period,
        value=scaled(observation.value, scale),
        flags=observation.flags,
        confidentiality=observation.confidentiality,
    )


def line_of(
    geo: str,
    name: str,
    observations: Mapping[str, Observation],
    scale: float,
    *,
    is_reference: bool = False,
) -> Line:
    ordered = sorted(observations, key=lambda period: (period_year(period), period))
    points = tuple(point_of(observations[period], scale) for period in ordered)
    return Line(geo, name, points, is_reference)


def cell(point: Point) -> float | str:
    """What the table and the download show for a value: the number, or why there is none."""
    if point.value is not None:
        return point.value
    if point.confidentiality or "c" in point.flags:
        return str(FLAG_MEANINGS["c"])
    return _("not available")


def source_line(dataset: Dataset) -> str:
    """The attribution under every chart, table and download."""
    if dataset.last_update:
        return _("Source: %(source)s, dataset %(dataset)s (last update %(date)s)") % {
            "source": dataset.source,
            "dataset": dataset.code,
            "date": dataset.last_update,
        }
    return _("Source: %(source)s, dataset %(dataset)s") % {
        "source": dataset.source,
        "dataset": dataset.code,
    }


def flags_legend(charts: Iterable[Chart]) -> list[tuple[str, str]]:
    """(letter, meaning) of every status flag in the charts' tables, in alphabetical order."""
    letters: set[str] = set()
    for chart in charts:
        flags_column = len(chart.columns) - 1  # every table here ends with the flags
        for row in chart.rows:
            letters.update(str(row[flags_column]))
    return [
        (letter, str(FLAG_MEANINGS[letter])) for letter in sorted(letters & FLAG_MEANINGS.keys())
    ]


def _layout(**extra: Any) -> go.Layout:
    settings = {"margin": {"l": 50, "r": 10, "t": 10, "b": 40}, "legend": {"orientation": "h"}}
    return go.Layout(**{**settings, "height": 380, **extra})


# Time series -----------------------------------------------------------------------------------


def time_series_chart(text: FigureText, lines: Sequence[Line]) -> Chart:
    """One line per geo; the EU reference black, dashed and thicker; breaks marked, not joined."""
    traces: list[go.Scatter] = []
    colours = iter(PALETTE * (1 + len(lines) // len(PALETTE)))
    for line in lines:
        colour = REFERENCE_COLOUR if line.is_reference else next(colours)
        for number, segment in enumerate(line.segments()):
            traces.append(_segment_trace(line, segment, colour, show_legend=number == 0))
    breaks = [(line, point) for line in lines for point in line.points if point.is_break]
    if breaks:
        traces.append(_breaks_trace(breaks))
    figure = go.Figure(
        data=traces,
        layout=_layout(
            xaxis={"tickformat": "d"},
            yaxis={"title": {"text": text.value_label}, "rangemode": "tozero"},
            hovermode="closest",
        ),
    )
    rows = [
        [line.name, line.geo, point.period, cell(point), point.flags]
        for line in lines
        for point in line.points
    ]
    return _chart(text, figure, [_("Area"), _("Code"), _("Period"), _("Value"), _("Flags")], rows)


def _segment_trace(line: Line, segment: list[Point], colour: str, *, show_legend: bool):
    return go.Scatter(
        name=line.name,
        legendgroup=line.geo,
        showlegend=show_legend,
        mode="lines+markers",
        x=[period_year(point.period) for point in segment],
        y=[point.value for point in segment],
        text=[f"{line.name} {point.period}" for point in segment],
        hovertemplate="%{text}: %{y}<extra></extra>",
        connectgaps=False,
        line={
            "color": colour,
            "width": 3 if line.is_reference else 2,
            "dash": "dash" if line.is_reference else "solid",
            "shape": "linear",
        },
        marker={"size": 5, "color": colour},
    )


def _breaks_trace(breaks: list[tuple[Line, Point]]) -> go.Scatter:
    return go.Scatter(
        name=_("Break in series (b)"),
        mode="markers",
        x=[period_year(point.period) for _line, point in breaks],
        y=[point.value for _line, point in breaks],
        text=[
            _("%(area)s %(period)s: break in series") % {"area": line.name, "period": point.period}
            for line, point in breaks
        ],
        hovertemplate="%{text}<extra></extra>",
        marker={
            "symbol": "diamond-open",
            "size": 13,
            "color": REFERENCE_COLOUR,
            "line": {"width": 2},
        },
    )


# Ranking ---------------------------------------------------------------------------------------


def ranking_chart(text: FigureText, entries: Sequence[Entry], reference: Entry | None) -> Chart:
    """Bars from highest to lowest, the chosen geos in colour, the EU figure as a line."""
    ranked = sorted(
        (entry for entry in entries if entry.point.value is not None),
        key=lambda entry: (-(entry.point.value or 0.0), entry.geo),
    )
    unranked = [entry for entry in entries if entry.point.value is None]
    figure = go.Figure(
        data=[
            go.Bar(
                name=text.value_label,
                x=[entry.geo for entry in ranked],
                y=[entry.point.value for entry in ranked],
                text=[entry.name for entry in ranked],
                textposition="none",  # names in the hover and the table, not on the bars
                hovertemplate="%{text} (%{x}): %{y}<extra></extra>",
                marker={
                    "color": [
                        HIGHLIGHT_COLOUR if entry.highlighted else OTHER_COLOUR for entry in ranked
                    ]
                },
            )
        ],
        layout=_layout(
            xaxis={"type": "category", "title": {"text": _("Area")}},
            yaxis={"title": {"text": text.value_label}},
            showlegend=False,
        ),
    )
    reference_rows = []
    if reference is not None and reference.point.value is not None:
        figure.add_hline(
            y=reference.point.value,
            line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 2},
            annotation_text=reference.name,
            annotation_position="top right",
        )
        reference_rows = [_ranking_row(reference, "")]
    rows = [
        *reference_rows,
        *[_ranking_row(entry, _position(ranked, entry)) for entry in ranked],
        *[_ranking_row(entry, "") for entry in unranked],
    ]
    columns = [_("Area"), _("Code"), _("Rank"), _("Value"), _("Flags")]
    return _chart(text, figure, columns, rows)


def _position(ranked: list[Entry], entry: Entry) -> int:
    """Competition rank: 1 for the highest value; ties share a place."""
    return 1 + sum((other.point.value or 0.0) > (entry.point.value or 0.0) for other in ranked)


def _ranking_row(entry: Entry, position: int | str) -> list[Any]:
    return [entry.name, entry.geo, position, cell(entry.point), entry.point.flags]


# Map -------------------------------------------------------------------------------------------


@cache
def nuts2_boundaries() -> dict[str, dict[str, Any]]:
    """NUTS 2021 level-2 features by NUTS_ID, read once per process, properties stripped."""
    collection = json.loads(NUTS2_GEOJSON.read_text(encoding="utf-8"))
    return {
        feature["properties"]["NUTS_ID"]: {
            "type": "Feature",
            "id": feature["properties"]["NUTS_ID"],
            "properties": {"NUTS_ID": feature["properties"]["NUTS_ID"]},
            "geometry": feature["geometry"],
        }
        for feature in collection["features"]
    }


def map_chart(text: FigureText, entries: Sequence[Entry]) -> Chart:
    """A choropleth of the NUTS-2 regions with a value and a NUTS 2021 boundary; no base map.

    Values fall into a few equal classes, one trace each, named by its range in the legend:
    Plotly's continuous colour bar sets inline style attributes, which the Content Security
    Policy refuses. Each trace embeds only its own regions' boundaries. Regions whose code
    changed after NUTS 2021 have no boundary here: they stay in the ranking, not on the map.
    """
    boundaries = nuts2_boundaries()
    drawn = [e for e in entries if e.point.value is not None and e.geo in boundaries]
    traces = [
        _region_trace(members, colour, name, show_legend=True)
        for members, colour, name in _classes(drawn)
    ]
    chosen = [entry for entry in drawn if entry.highlighted]
    if chosen:
        traces.append(_region_trace(chosen, "rgba(0,0,0,0)", _("Chosen"), show_legend=False))
    # The world outline at 1:110m is what static/indicators/geo-offline.js stands in for.
    geo = {"fitbounds": "locations", "visible": False, "scope": "world", "resolution": 110}
    figure = go.Figure(data=traces, layout=_layout(geo=geo, height=520))
    rows = [[e.name, e.geo, cell(e.point), e.point.flags] for e in drawn]
    return _chart(text, figure, [_("Area"), _("Code"), _("Value"), _("Flags")], rows)


def _classes(drawn: list[Entry]) -> list[tuple[list[Entry], str, str]]:
    """Up to five equal-width classes of values, lowest first: (entries, colour, legend name)."""
    values = [entry.point.value for entry in drawn if entry.point.value is not None]
    if not values:
        return []
    low, high = min(values), max(values)
    count = min(len(MAP_COLOURS), len(set(values)))
    width = (high - low) / count or 1.0
    classes: list[list[Entry]] = [[] for _ in range(count)]
    for entry in drawn:
        position = int(((entry.point.value or 0.0) - low) / width)
        classes[min(position, count - 1)].append(entry)
    result = []
    for number, members in enumerate(classes):
        if members:
            name = _("%(low)s to %(high)s") % {
                "low": format_number(low + number * width),
                "high": format_number(low + (number + 1) * width),
            }
            result.append((members, MAP_COLOURS[number], name))
    return result


def _region_trace(
    members: list[Entry], colour: str, name: str, *, show_legend: bool
) -> go.Choropleth:
    boundaries = nuts2_boundaries()
    outline = not show_legend
    return go.Choropleth(
        name=name,
        showlegend=show_legend,
        geojson={
            "type": "FeatureCollection",
            "features": [boundaries[entry.geo] for entry in members],
        },
        featureidkey="properties.NUTS_ID",
        locations=[entry.geo for entry in members],
        z=[1] * len(members),
        zmin=0,
        zmax=1,
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        text=[f"{entry.name} ({entry.geo}): {entry.point.value}" for entry in members],
        hovertemplate="%{text}<extra></extra>",
        marker={
            "line": {
                "color": HIGHLIGHT_COLOUR if outline else "#ffffff",
                "width": 3 if outline else 0.5,
            }
        },
    )


def _chart(text: FigureText, figure: go.Figure, columns: list[str], rows: list[list[Any]]):
    chart = Chart(text.chart_id, text.title, figure, columns, rows, text.source)
    chart.download_params = {**text.download_params, "chart": text.chart_id}
    return chart


# The explorer's charts -------------------------------------------------------------------------


def explorer_charts(selection: Selection) -> list[Chart]:
    """The time series of the chosen geos, then the ranking (and map) for the chosen period."""
    dataset = selection.dataset
    filters = {name: [code] for name, code in selection.filters.items()}
    scale = queries.display_scale(dataset, selection.filters)
    names = selection.names
    indicator = _indicator_label(selection)
    value_label = _value_label(selection)
    params = selection.params()
    source = source_line(dataset)
    data = queries.panel(dataset, filters, selection.shown_geos)
    lines = [
        line_of(geo, names.get(geo, geo), data[geo], scale, is_reference=geo == selection.aggregate)
        for geo in selection.shown_geos
        if geo in data
    ]
    title = _("%(indicator)s over time") % {"indicator": indicator}
    result = [
        time_series_chart(FigureText("timeseries", title, value_label, source, params), lines)
    ]
    if selection.period is None:
        return result
    period = selection.period
    cells = {
        observation.series.geo: observation
        for observation in queries.observations_for(dataset, filters, periods=[period])
    }
    peers = nuts2_regions(cells) if selection.regional else [g for g in EU27_MEMBERS if g in cells]
    entries = [
        Entry(geo, names.get(geo, geo), point_of(cells[geo], scale), geo in selection.geos)
        for geo in peers
    ]
    aggregate = selection.aggregate
    reference = (
        Entry(aggregate, names.get(aggregate, aggregate), point_of(cells[aggregate], scale))
        if aggregate in cells
        else None
    )
    figures = {"indicator": indicator, "period": period}
    if selection.regional:
        title = _("%(indicator)s in %(period)s: EU regions (NUTS 2) ranked") % figures
    else:
        title = _("%(indicator)s in %(period)s: EU countries ranked") % figures
    result.append(
        ranking_chart(FigureText("ranking", title, value_label, source, params), entries, reference)
    )
    if selection.regional:
        title = _("%(indicator)s in %(period)s: map of the EU regions (NUTS 2)") % figures
        result.append(map_chart(FigureText("map", title, value_label, source, params), entries))
    return result


def _indicator_label(selection: Selection) -> str:
    for dimension in ("indic_is", "indicator"):
        if dimension in selection.filters:
            return selection.label(dimension)
    return selection.dataset.title or selection.dataset.code


def _value_label(selection: Selection) -> str:
    for dimension in ("unit", "unit_measure"):
        if dimension in selection.filters:
            return selection.label(dimension)
    return _("Value")
