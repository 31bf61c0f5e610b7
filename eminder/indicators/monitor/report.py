"""The monitor of one centre: which area stands for each region, its summaries and charts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _

from eminder.centres.models import Centre
from eminder.indicators import charts, queries
from eminder.indicators.metrics import (
    EU27_MEMBERS,
    EU_AGGREGATE,
    DivideSummary,
    GapDirection,
    divide_summary,
    nuts2_regions,
    period_year,
    reference_value,
)
from eminder.indicators.models import Dataset, Observation
from eminder.indicators.monitor.definitions import (
    COUNTRY_LENGTH,
    SERIES,
    SPAN,
    TOPICS,
    SeriesDefinition,
    Topic,
)
from eminder.indicators.monitor.sentences import series_sentences
from eminder.lib.charts import Chart
from eminder.regions.models import Region

NUTS2_LENGTH = 4

# What the page shows ---------------------------------------------------------------------------


@dataclass
class SeriesReport:
    """One series for one area: its sentences, a few facts and its chart."""

    definition: SeriesDefinition
    area: str
    area_name: str
    sentences: list[str]
    summary: DivideSummary | None = None
    chart: Chart | None = None
    leads: bool = True


@dataclass
class AreaReport:
    """One of the centre's countries or regions, under one topic."""

    code: str
    name: str
    notes: list[str] = field(default_factory=list)
    series: list[SeriesReport] = field(default_factory=list)


@dataclass
class TopicReport:
    topic: Topic
    areas: list[AreaReport]


@dataclass
class OverviewRow:
    """One line of the summary table: a lead series of one area."""

    indicator: str
    area: str
    code: str
    period: str | None
    value: float | None
    reference: float | None
    gap: float | None
    verdict: str


@dataclass
class Monitor:
    centre: Centre
    topics: list[TopicReport]

    @property
    def charts(self) -> list[Chart]:
        return [
            report.chart
            for topic in self.topics
            for area in topic.areas
            for report in area.series
            if report.chart is not None
        ]

    @property
    def overview(self) -> list[OverviewRow]:
        return [
            _overview_row(report)
            for topic in self.topics
            for area in topic.areas
            for report in area.series
            if report.leads
        ]


def get_centre(code: object) -> Centre:
    """A centre by its public code, for the public monitor: its name and regions are public.

    Nothing else of the centre (staff, partners, contacts) is read here.
    """
    try:
        uuid = code if isinstance(code, UUID) else UUID(str(code))
    except ValueError:
        raise Http404(_("No such centre.")) from None
    centre = Centre.objects.filter(code=uuid).prefetch_related("regions__predecessors").first()
    if centre is None:
        raise Http404(_("No such centre."))
    return centre


def centres_with_regions() -> list[Centre]:
    return list(Centre.objects.prefetch_related("regions").order_by("name"))


@dataclass
class _Data:
    """The panels of every monitored series, read once for the whole page."""

    datasets: dict[str, Dataset]
    panels: dict[str, dict[str, dict[str, Observation]]]

    def values(self, definition: SeriesDefinition) -> dict[str, dict[str, float | None]]:
        dataset = self.datasets[definition.dataset]
        scale = queries.display_scale(dataset, definition.filters)
        return queries.values_of(self.panels[definition.key], scale)


def _load(definitions: Iterable[SeriesDefinition]) -> _Data:
    definitions = list(definitions)
    datasets = queries.get_datasets({d.dataset for d in definitions})
    panels = {
        d.key: queries.panel(datasets[d.dataset], {k: [v] for k, v in d.filters.items()})
        for d in definitions
        if d.dataset in datasets
    }
    return _Data(datasets, panels)


def build_monitor(centre: Centre) -> Monitor:
    """Every topic for every country and region of the centre, with sentences and charts."""
    regions = sorted(centre.regions.all(), key=lambda region: region.code)
    countries = list(dict.fromkeys(region.country_code for region in regions))
    data = _load(SERIES)
    plans = _plans(regions, countries, data)
    names = queries.geo_names(_codes_to_name(plans))
    topics = [
        TopicReport(topic, [_area_report(topic, plan, data, names) for plan in topic_plans])
        for topic, topic_plans in plans
    ]
    return Monitor(centre, topics)


# Planning: which geo each area uses, and its summary ----------------------------------------------


@dataclass
class _SeriesPlan:
    definition: SeriesDefinition
    geo: str  # the geo whose figures are shown (the first candidate when none has any)
    comparison: tuple[str, ...]
    summary: DivideSummary | None
    dataset_missing: bool = False


@dataclass
class _AreaPlan:
    code: str
    series: list[_SeriesPlan]
    fallback_from: str | None = None  # the centre's region when a larger area stands in


def _plans(
    regions: Sequence[Region], countries: list[str], data: _Data
) -> list[tuple[Topic, list[_AreaPlan]]]:
    plans: list[tuple[Topic, list[_AreaPlan]]] = []
    for topic in TOPICS:
        if topic.regional:
            areas = [_regional_plan(topic, region, data) for region in regions]
        else:
            areas = [
                _AreaPlan(country, [_series_plan(d, [country], data) for d in topic.series])
                for country in countries
            ]
        plans.append((topic, areas))
    return plans


def _regional_plan(topic: Topic, region: Region, data: _Data) -> _AreaPlan:
    older = [p.code for p in region.predecessors.all() if p.code != region.code]
    candidates = list(dict.fromkeys([region.code, *older, *_enclosing(region.code)]))
    series = [_series_plan(definition, candidates, data) for definition in topic.series]
    used = series[0].geo
    fallback = region.code if used not in (region.code, *older) else None
    return _AreaPlan(region.code, series, fallback_from=fallback)


def _enclosing(code: str) -> list[str]:
    """The codes of the areas containing a NUTS region, smallest first: PL63 -> PL6, PL."""
    return [code[:length] for length in range(len(code) - 1, COUNTRY_LENGTH - 1, -1)]


def _series_plan(definition: SeriesDefinition, candidates: list[str], data: _Data) -> _SeriesPlan:
    """The first candidate geo with a figure and its summary against the EU and its peers."""
    if definition.dataset not in data.datasets:
        return _SeriesPlan(definition, candidates[0], (), None, dataset_missing=True)
    values = data.values(definition)
    for geo in candidates:
        peers = _peers(values, geo, definition.aggregate)
        if not peers:
            continue
        summary = divide_summary(values, geo, peers, definition.aggregate, span=SPAN)
        if summary.end is not None:
            return _SeriesPlan(definition, geo, peers, summary)
    return _SeriesPlan(definition, candidates[0], (), None)


def _peers(values: Mapping[str, object], geo: str, aggregate: str) -> tuple[str, ...]:
    """The geos a geo is ranked among: EU countries, or EU regions of the same NUTS level."""
    if len(geo) == COUNTRY_LENGTH:
        peers = list(EU27_MEMBERS)
    elif len(geo) == NUTS2_LENGTH:
        peers = nuts2_regions(values)
    else:
        peers = [
            code
            for code in values
            if len(code) == len(geo)
            and code[:COUNTRY_LENGTH] in EU27_MEMBERS
            and code.isupper()
            and not code.endswith("Z")
        ]
    return tuple(code for code in peers if code != aggregate)


def _codes_to_name(plans: list[tuple[Topic, list[_AreaPlan]]]) -> set[str]:
    codes: set[str] = set()
    for _topic, areas in plans:
        for area in areas:
            codes.add(area.code)
            for plan in area.series:
                codes.add(plan.geo)
                if plan.summary and plan.summary.gap and plan.summary.gap.best_geo:
                    codes.add(plan.summary.gap.best_geo)
                codes.add(plan.definition.aggregate)
    return codes


# Reports: sentences and charts ------------------------------------------------------------------


def _area_report(
    topic: Topic, plan: _AreaPlan, data: _Data, names: Mapping[str, str]
) -> AreaReport:
    area = AreaReport(plan.code, names.get(plan.code, plan.code))
    if plan.fallback_from:
        area.notes.append(
            _(
                "Eurostat publishes no figure of this indicator for %(region)s; the figures "
                "shown are those of %(area)s (%(code)s), the smallest area containing it that "
                "has one."
            )
            % {
                "region": names.get(plan.fallback_from, plan.fallback_from),
                "area": names.get(plan.series[0].geo, plan.series[0].geo),
                "code": plan.series[0].geo,
            }
        )
    lead = _lead(topic, plan.series)
    for series_plan in plan.series:
        area.series.append(_series_report(series_plan, data, names, leads=series_plan is lead))
    return area


def _lead(topic: Topic, plans: list[_SeriesPlan]) -> _SeriesPlan:
    """The first series, unless the topic says the one with the most recent figure leads."""
    latest = {p.definition.key: _latest_year(p) for p in plans}
    if not topic.latest_leads or not any(latest.values()):
        return plans[0]
    return max(plans, key=lambda p: latest[p.definition.key])


def _latest_year(plan: _SeriesPlan) -> float:
    end = plan.summary.end if plan.summary else None
    return period_year(end) if end else 0.0


def _series_report(
    plan: _SeriesPlan, data: _Data, names: Mapping[str, str], *, leads: bool
) -> SeriesReport:
    definition = plan.definition
    geo = plan.geo
    name = names.get(geo, geo)
    report = SeriesReport(definition, geo, name, [], plan.summary, leads=leads)
    if plan.dataset_missing:
        report.sentences.append(
            _(
                "The dataset %(dataset)s has not been imported yet, so this indicator cannot "
                "be shown."
            )
            % {"dataset": definition.dataset}
        )
        return report
    summary = plan.summary
    if summary is None or summary.end is None or summary.gap is None:
        report.sentences.append(
            _("No figure of this indicator is published for %(area)s.") % {"area": name}
        )
        return report
    report.sentences.extend(series_sentences(definition, geo, summary, name, names, leads=leads))
    report.chart = _chart(plan, data, names)
    return report


def _chart(plan: _SeriesPlan, data: _Data, names: Mapping[str, str]) -> Chart:
    """The area's line and the EU's (or, without an EU figure, the peers' average)."""
    definition = plan.definition
    dataset = data.datasets[definition.dataset]
    panel = data.panels[definition.key]
    scale = queries.display_scale(dataset, definition.filters)
    geo = plan.geo
    lines = [charts.line_of(geo, names.get(geo, geo), panel.get(geo, {}), scale)]
    if definition.aggregate in panel:
        aggregate = definition.aggregate
        lines.insert(
            0,
            charts.line_of(
                aggregate,
                names.get(aggregate, aggregate),
                panel[aggregate],
                scale,
                is_reference=True,
            ),
        )
    elif plan.comparison:
        lines.insert(0, _average_line(data.values(definition), plan.comparison, len(geo)))
    text = charts.FigureText(
        chart_id=f"{definition.key}-{geo}",
        title=_("%(indicator)s: %(area)s and the EU")
        % {"indicator": definition.label, "area": names.get(geo, geo)},
        value_label=_("Percent"),
        source=charts.source_line(dataset),
    )
    return charts.time_series_chart(text, lines)


def _average_line(values, peers: Sequence[str], length: int) -> charts.Line:
    periods = sorted({p for geo in peers for p in values.get(geo, {})}, key=period_year)
    points = []
    for period in periods:
        reference = reference_value(values, period, peers, aggregate=EU_AGGREGATE)
        if reference.value is not None:
            points.append(charts.Point(period, round(reference.value, charts.DISPLAY_DECIMALS)))
    name = (
        _("EU countries, unweighted average")
        if length == COUNTRY_LENGTH
        else _("EU regions of the same NUTS level, unweighted average")
    )
    return charts.Line("average", name, tuple(points), is_reference=True)


def _overview_row(report: SeriesReport) -> OverviewRow:
    summary = report.summary
    gap = summary.gap if summary else None
    verdict = summary.verdict if summary else None
    words = {
        GapDirection.NARROWING: _("narrowing"),
        GapDirection.WIDENING: _("widening"),
        GapDirection.STABLE: _("stable"),
    }
    return OverviewRow(
        indicator=str(report.definition.label),
        area=report.area_name,
        code=report.area,
        period=summary.end if summary else None,
        value=gap.value if gap else None,
        reference=gap.reference.value if gap else None,
        gap=gap.to_reference if gap else None,
        verdict=words[verdict.direction] if verdict and verdict.direction else "–",
    )
