"""A centre's cohort: the SMEs it has assessed, as figures that never single one SME out.

`load_cohort` reads every submitted, scored module of the centre's enterprises in two queries;
the functions below aggregate what it read: the distribution of DMA levels, mean scores by
dimension, by sector and by size, the paired T0 to T1 progress of the SMEs assessed at both,
and the cohort's e-commerce and DII shares beside Eurostat's figure for the same country, size
class and indicator (`eurostat_figures`, two or three more queries).

Suppression: any figure built from fewer than five SMEs is shown as "fewer than 5"
(`SUPPRESSED`) in the page, its tables and its downloads. Where a table's groups add up to a
total the page publishes (levels, sectors, sizes), a single hidden group could be worked out
by subtraction, so the smallest other group is hidden with it (`protected`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from eminder.assessments.instruments import Instrument, ModuleResult, progress
from eminder.assessments.models import InstrumentVersion, Kind, ModuleResponse, Stage, Status
from eminder.enterprises.models import SizeClass
from eminder.enterprises.nace import nace_label
from eminder.indicators.models import Dataset, Observation
from eminder.indicators.queries import geo_names, get_datasets, observations_for
from eminder.lib.charts import Chart, bar_chart

if TYPE_CHECKING:
    from eminder.centres.models import Centre

MIN_GROUP = 5
SUPPRESSED = gettext_lazy("fewer than 5")
STAGE_ORDER = {stage: position for position, stage in enumerate(Stage.values)}
ESELS, DII_DATASET = "isoc_ec_esels", "isoc_e_dii"
ALL_ACTIVITIES = "C10-S951_X_K"  # the survey's NACE aggregate: C-N without K, plus S95.1
# Our size classes as Eurostat codes them; 0-9 has none (the survey covers 10 persons or more).
EUROSTAT_SIZE = {SizeClass.SMALL: "10-49", SizeClass.MEDIUM: "50-249", SizeClass.LARGE: "GE250"}
FIELDS = (
    "kind",
    "result",
    "instrument_version_id",
    "assessment__stage",
    "assessment__enterprise_id",
    "assessment__enterprise__size_class",
    "assessment__enterprise__nace_code",
    "assessment__enterprise__region__country_code",
)
Row = list[Any]


@dataclass(frozen=True)
class Scored:
    """One submitted, scored module of one SME, with what the cohort groups it by."""

    enterprise_id: int
    size_class: str
    sector: str  # NACE section letter
    country: str
    stage: str
    kind: str
    version_id: int
    result: ModuleResult


@dataclass
class Cohort:
    scored: list[Scored]
    instruments: dict[int, Instrument]  # by InstrumentVersion id

    def latest(self, kind: str, stage: str = "") -> list[Scored]:
        """One module of `kind` per SME: of `stage` when given, else of its latest stage."""
        chosen: dict[int, Scored] = {}
        for item in self.scored:
            if item.kind != kind or (stage and item.stage != stage):
                continue
            current = chosen.get(item.enterprise_id)
            if current is None or STAGE_ORDER[item.stage] > STAGE_ORDER[current.stage]:
                chosen[item.enterprise_id] = item
        return list(chosen.values())

    def instrument_of(self, items: Sequence[Scored]) -> Instrument | None:
        """The newest questionnaire version among these modules (for its labels and order)."""
        versions = [self.instruments[item.version_id] for item in items]
        return max(versions, key=lambda i: (i.survey_year or 0, i.version), default=None)


@dataclass
class Table:
    """A table of the page, and of its download: same columns, same rows, same source."""

    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    source: str
    notes: list[str] = field(default_factory=list)
    download_params: dict[str, str] = field(default_factory=dict)

    @property
    def download_query(self) -> str:
        """The page's own parameters, so a download holds exactly the figures shown."""
        return urlencode(self.download_params) + "&" if self.download_params else ""


def load_cohort(centre: Centre) -> Cohort:
    """Every submitted, scored module of the centre's enterprises (two queries)."""
    rows = (
        ModuleResponse.objects.filter(
            assessment__enterprise__centre=centre, assessment__status=Status.SUBMITTED
        )
        .filter(result__isnull=False)
        .order_by("assessment__enterprise_id", "assessment__stage", "position")
        .values_list(*FIELDS)
    )
    scored = [
        Scored(
            enterprise_id=enterprise,
            size_class=size,
            sector=nace[:1],
            country=country,
            stage=stage,
            kind=kind,
            version_id=version,
            result=ModuleResult.from_dict(result),
        )
        for kind, result, version, stage, enterprise, size, nace, country in rows
    ]
    versions = InstrumentVersion.objects.filter(pk__in={item.version_id for item in scored})
    return Cohort(scored, {version.pk: version.as_instrument() for version in versions})


# --- Suppression -----------------------------------------------------------------------------


def protected(counts: Sequence[int]) -> set[int]:
    """Indexes of the groups to hide when the groups' total is published: every group under
    five SMEs and, when that is only one, the smallest other, so that none is a subtraction."""
    hidden = {index for index, count in enumerate(counts) if count < MIN_GROUP}
    others = sorted((count, index) for index, count in enumerate(counts) if index not in hidden)
    if len(hidden) == 1 and others:
        hidden.add(others[0][1])
    return hidden


def shown(value: float | None, count: int) -> Any:
    """The value rounded for display, or SUPPRESSED when fewer than five SMEs make it."""
    if count < MIN_GROUP:
        return SUPPRESSED
    return None if value is None else round(value, 1)


def gaps(values: Sequence[Any]) -> list[float]:
    """Figures to draw: a hidden one is a gap (Plotly draws None as nothing)."""
    return cast(list[float], [v if isinstance(v, int | float) else None for v in values])


def counted(count: int) -> Any:
    """A number of SMEs, or SUPPRESSED under five."""
    return count if count >= MIN_GROUP else SUPPRESSED


def share(flags: Iterable[bool]) -> tuple[float | None, int]:
    """The percentage of true flags, and how many there are."""
    values = list(flags)
    return (100 * sum(values) / len(values) if values else None), len(values)


# --- Digital maturity ------------------------------------------------------------------------


def dimension_order(
    cohort: Cohort, items: Sequence[Scored], language: str
) -> list[tuple[str, str]]:
    """(id, label) of every dimension in these results, in the newest questionnaire's order."""
    newest = cohort.instrument_of(items)
    labels = {s.id: s.label.in_language(language) for s in newest.sections} if newest else {}
    for item in items:  # a dimension only an older version has comes last, with its own label
        for section in cohort.instruments[item.version_id].sections:
            labels.setdefault(section.id, section.label.in_language(language))
    found = {d.id for item in items for d in item.result.dimensions}
    return [(d, label) for d, label in labels.items() if d in found]


def level_chart(cohort: Cohort, dma: Sequence[Scored], language: str, source: str) -> Chart:
    """How many SMEs are at each level, as a bar chart and its table."""
    newest = cohort.instrument_of(dma)
    levels = [(lv.id, lv.label.in_language(language)) for lv in newest.levels] if newest else []
    counts = [sum(1 for item in dma if item.result.level == level) for level, _label in levels]
    hidden = protected(counts)
    values = [None if i in hidden else count for i, count in enumerate(counts)]
    chart = bar_chart(
        chart_id="cohort-levels",
        title=_("SMEs by digital maturity level"),
        categories=[label for _level, label in levels],
        series={_("SMEs"): gaps(values)},
        columns=[_("Level"), _("SMEs")],
        source=source,
        stacked=False,
    )
    chart.rows = [
        [label, SUPPRESSED if value is None else value]
        for (_level, label), value in zip(levels, values, strict=True)
    ]
    return chart


def dimension_chart(
    dma: Sequence[Scored], dimensions: Sequence[tuple[str, str]], source: str
) -> Chart:
    """The cohort's mean score of each dimension, as a bar chart and its table."""
    means = [_mean_of(dma, dimension) for dimension, _label in dimensions]
    values = [shown(mean, count) for mean, count in means]
    chart = bar_chart(
        chart_id="cohort-dimensions",
        title=_("Mean score by dimension"),
        categories=[label for _dimension, label in dimensions],
        series={_("Mean score (0 to 100)"): gaps(values)},
        columns=[_("Dimension"), _("Mean score (0 to 100)"), _("SMEs")],
        source=source,
        stacked=False,
    )
    chart.rows = [
        [label, value, counted(count)]
        for (_dimension, label), value, (_mean, count) in zip(
            dimensions, values, means, strict=True
        )
    ]
    return chart


def _mean_of(items: Iterable[Scored], dimension: str | None) -> tuple[float | None, int]:
    """The mean of one dimension (of the overall score when None), and how many SMEs have it."""
    if dimension is None:
        numbers = [item.result.score for item in items if item.result.score is not None]
    else:
        numbers = [d.score for item in items for d in item.result.dimensions if d.id == dimension]
    return (fmean(numbers) if numbers else None), len(numbers)


def grouped_table(
    *,
    key: str,
    title: str,
    heading: str,
    dma: Sequence[Scored],
    dimensions: Sequence[tuple[str, str]],
    group_of: Callable[[Scored], str],
    labels: Mapping[str, str],
    source: str,
) -> Table:
    """Mean scores by group (sector or size): a row per group, hidden under five SMEs."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for item in dma:
        groups[group_of(item)].append(item)
    codes = [code for code in labels if code in groups]
    hidden = protected([len(groups[code]) for code in codes])
    rows: list[Row] = []
    for index, code in enumerate(codes):
        members = groups[code]
        figures = [_mean_of(members, None)[0], *(_mean_of(members, d)[0] for d, _l in dimensions)]
        if index in hidden:
            rows.append([labels[code], SUPPRESSED, *([SUPPRESSED] * len(figures))])
        else:
            rows.append([labels[code], len(members), *(shown(f, len(members)) for f in figures)])
    columns = [heading, _("SMEs"), _("Overall score"), *(label for _d, label in dimensions)]
    return Table(key, title, columns, rows, source)


def sector_labels(dma: Iterable[Scored], language: str) -> dict[str, str]:
    sections = sorted({item.sector for item in dma})
    return {letter: f"{letter} – {nace_label(letter, language)}" for letter in sections}


def size_labels() -> dict[str, str]:
    return {code: str(label) for code, label in SizeClass.choices}


# --- Paired progress -------------------------------------------------------------------------


def paired_progress(cohort: Cohort, language: str, source: str) -> tuple[Table, int, int]:
    """Mean T0 and T1 scores and their change over the SMEs with both; how many pairs there
    are, and how many were left out as their questionnaires were scored by different rules."""
    t0 = {item.enterprise_id: item.result for item in cohort.latest(Kind.DMA, Stage.T0)}
    t1 = {item.enterprise_id: item for item in cohort.latest(Kind.DMA, Stage.T1)}
    pairs, left_out = [], 0
    for enterprise in sorted(t0.keys() & t1.keys()):
        try:
            progress(t0[enterprise], t1[enterprise].result)
        except ValueError:
            left_out += 1
        else:
            pairs.append((t0[enterprise], t1[enterprise].result))
    count = len(pairs)
    dimensions = dimension_order(cohort, list(t1.values()), language)
    rows = [_pair_row(_("Overall score"), [(a.score, b.score) for a, b in pairs], count)]
    for dimension, label in dimensions:
        scores = [(a.dimension(dimension), b.dimension(dimension)) for a, b in pairs]
        rows.append(_pair_row(label, scores, count))
    columns = [_("Dimension"), _("Mean at T0"), _("Mean at T1"), _("Change (points)")]
    title = _("Progress from T0 to T1 of the SMEs assessed at both")
    return Table("progress", title, columns, rows, source), count, left_out


def _pair_row(label: str, scores: Sequence[tuple[Any, Any]], count: int) -> Row:
    if not scores:
        return [label, shown(None, count), shown(None, count), shown(None, count)]
    before, after = fmean(a for a, _b in scores), fmean(b for _a, b in scores)
    return [label, shown(before, count), shown(after, count), shown(after - before, count)]


# --- Beside Eurostat -------------------------------------------------------------------------


@dataclass
class Benchmarks:
    """Eurostat's published values: (indicator, size_emp, geo) -> period -> value."""

    values: dict[tuple[str, str, str], dict[str, float]]
    imported: set[str]  # the dataset codes imported on this site

    def latest(
        self, indicator: str, size: str, geo: str, year: int | None = None
    ) -> tuple[float | None, str | None]:
        """(value, year): of `year` when published, else of the latest year published."""
        by_period = self.values.get((indicator, size, geo), {})
        if year is not None and str(year) in by_period:
            return by_period[str(year)], str(year)
        if not by_period:
            return None, None
        period = max(by_period)
        return by_period[period], period


def eurostat_figures(indicators: Mapping[str, Sequence[str]], geos: Iterable[str]) -> Benchmarks:
    """The whole-economy, per-cent-of-enterprises values of these indicators by dataset, for
    our size classes and these countries (one query per dataset, one for the datasets)."""
    datasets = get_datasets(indicators)
    values: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    for code, dataset in datasets.items():
        if not indicators[code]:
            continue  # no filter would read the whole dataset
        for observation in _observations(dataset, indicators[code], list(geos)):
            dims = observation.series.dimensions
            key = (dims["indic_is"], dims["size_emp"], observation.series.geo)
            values[key][observation.period] = float(observation.value)
    return Benchmarks(dict(values), set(datasets))


def _observations(dataset: Dataset, indicators: Sequence[str], geos: list[str]):
    wanted = {
        "indic_is": list(indicators),
        "size_emp": list(EUROSTAT_SIZE.values()),
        "unit": ["PC_ENT"],
        "nace_r2": [ALL_ACTIVITIES],
    }
    # A dimension the dataset does not have (an uploaded extract) is not filtered on.
    filters = {name: codes for name, codes in wanted.items() if name in dataset.dimensions}
    observations: Iterable[Observation] = observations_for(dataset, filters, geos)
    return [o for o in observations if o.value is not None and not o.confidentiality]


@dataclass(frozen=True)
class Indicator:
    """A Eurostat indicator to set beside the cohort: its dataset, code and preferred year."""

    dataset: str
    code: str
    year: int | None = None  # None: the latest year published


def ecommerce_table(
    cohort: Cohort, stage: str, benchmarks: Benchmarks, countries: Mapping[str, str], source: str
) -> Table:
    """The cohort's share of SMEs selling online (E_ESELL) beside Eurostat's, by size class."""
    items = cohort.latest(Kind.ECOMMERCE, stage)
    indicator = Indicator(ESELS, "E_ESELL")
    rows = _benchmark_rows(items, _sells_online, indicator, benchmarks, countries)
    # xgettext:no-python-format
    title = _("Enterprises with e-commerce sales of at least 1% of turnover")
    table = Table("ecommerce", title, _benchmark_columns(), rows, source)
    table.notes = _benchmark_notes(items, benchmarks, ESELS)
    table.notes.append(
        _(
            "Eurostat files e-commerce sales under the survey year after the sales year; the "
            "questionnaire asks about the previous calendar year too."
        )
    )
    return table


def dii_table(
    cohort: Cohort, stage: str, benchmarks: Benchmarks, countries: Mapping[str, str], source: str
) -> Table:
    """The cohort's share of SMEs at least basic on the DII beside Eurostat's, by size class,
    for each DII version answered (versions are never mixed)."""
    items = cohort.latest(Kind.DII, stage)
    rows: list[Row] = []
    notes = []
    for version in sorted({item.result.dii_version for item in items if item.result.dii_version}):
        answered = [item for item in items if item.result.dii_version == version]
        year = max(item.result.survey_year or 0 for item in answered) or None
        indicator = Indicator(DII_DATASET, f"E_DI{version}_GELO", year)
        notes.append(_dii_note(version, year, indicator.code))
        label = _("Version %(version)s") % {"version": version}
        for row in _benchmark_rows(answered, _at_least_basic, indicator, benchmarks, countries):
            rows.append([label, *row])
    title = _("Enterprises with at least a basic level of digital intensity")
    table = Table("dii", title, _benchmark_columns(_("DII version")), rows, source)
    table.notes = notes + _benchmark_notes(items, benchmarks, DII_DATASET)
    return table


def _benchmark_rows(
    items: Iterable[Scored],
    flag: Callable[[Scored], bool],
    indicator: Indicator,
    benchmarks: Benchmarks,
    countries: Mapping[str, str],
) -> list[Row]:
    """A row per country and size class: the cohort's share of flagged SMEs, then Eurostat's."""
    rows = []
    for (country, size), group in _by_country_and_size(items).items():
        value, count = share(flag(item) for item in group)
        ours = [countries[country], size_labels()[size], counted(count), shown(value, count)]
        rows.append([*ours, *_eurostat_cells(benchmarks, indicator, size, country)])
    return rows


def _sells_online(item: Scored) -> bool:
    """E_ESELL: e-commerce sales of at least 1% of turnover."""
    return bool(item.result.indicators.get("E_ESELL", False))


def _at_least_basic(item: Scored) -> bool:
    """E_DIx_GELO: a DII score of 4 or more."""
    return bool(item.result.at_least_basic)


def _benchmark_columns(*first: str) -> list[str]:
    return [
        *first,
        _("Country"),
        _("Size class"),
        _("SMEs"),
        _("Cohort (%)"),
        _("Eurostat (%)"),
        _("Eurostat year"),
    ]


def _by_country_and_size(items: Iterable[Scored]) -> dict[tuple[str, str], list[Scored]]:
    order = {code: position for position, code in enumerate(SizeClass.values)}
    groups: dict[tuple[str, str], list[Scored]] = defaultdict(list)
    for item in items:
        groups[(item.country, item.size_class)].append(item)
    return dict(sorted(groups.items(), key=lambda pair: (pair[0][0], order[pair[0][1]])))


def _eurostat_cells(
    benchmarks: Benchmarks, indicator: Indicator, size: str, country: str
) -> list[Any]:
    """Eurostat's value and year for the same country and size class, or why there is none."""
    eurostat_size = EUROSTAT_SIZE.get(SizeClass(size))
    if eurostat_size is None:
        return [_("no official benchmark"), ""]
    if indicator.dataset not in benchmarks.imported:
        return [_("not imported"), ""]
    value, period = benchmarks.latest(indicator.code, eurostat_size, country, indicator.year)
    return [_("not published"), ""] if value is None else [round(value, 1), period]


def _dii_note(version: int, year: int | None, indicator: str) -> str:
    return _(
        "The cohort answered the DII of survey year %(year)s (version %(version)s). It is set "
        "beside Eurostat's %(indicator)s of the same year where published, else of the latest "
        "year of version %(version)s; DII versions are never compared with each other."
    ) % {"year": year or "–", "version": version, "indicator": indicator}


def _benchmark_notes(items: Iterable[Scored], benchmarks: Benchmarks, dataset: str) -> list[str]:
    notes = []
    if any(item.size_class == SizeClass.MICRO for item in items):
        notes.append(
            _(
                "Eurostat publishes no figure for enterprises of 0 to 9 persons employed: "
                "their share has no official benchmark."
            )
        )
    if dataset not in benchmarks.imported:
        notes.append(
            _("Eurostat's dataset %(dataset)s has not been imported on this site.")
            % {"dataset": dataset}
        )
    return notes


def country_names(cohort: Cohort) -> dict[str, str]:
    return geo_names(sorted({item.country for item in cohort.scored}))


def benchmark_indicators(cohort: Cohort) -> dict[str, list[str]]:
    """The Eurostat indicators the cohort's modules are compared with, by dataset."""
    versions = {i.result.dii_version for i in cohort.scored if i.kind == Kind.DII}
    return {
        ESELS: ["E_ESELL"],
        DII_DATASET: sorted(f"E_DI{version}_GELO" for version in versions if version),
    }


# --- The page --------------------------------------------------------------------------------


@dataclass
class CohortReport:
    """Everything the cohort page shows, and its downloads by key."""

    total: int  # SMEs with a DMA in the selection
    pairs: int  # SMEs assessed at T0 and at T1, scored alike
    charts: dict[str, Chart]
    tables: dict[str, Table]
    notes: list[str]

    @property
    def is_shown(self) -> bool:
        return self.total >= MIN_GROUP

    @property
    def pairs_shown(self) -> bool:
        return self.pairs >= MIN_GROUP

    def download(self, key: str) -> Chart | Table | None:
        return self.charts.get(key) or self.tables.get(key)


def cohort_report(centre: Centre, *, stage: str, language: str) -> CohortReport:
    """The cohort page of a centre for one stage ("" for each SME's latest), in `language`."""
    cohort = load_cohort(centre)
    dma = cohort.latest(Kind.DMA, stage)
    dimensions = dimension_order(cohort, dma, language)
    source = _source(centre, stage)
    countries = country_names(cohort)
    benchmarks = eurostat_figures(benchmark_indicators(cohort), countries)
    progress_table, pairs, left_out = paired_progress(cohort, language, source)
    if pairs >= MIN_GROUP:
        progress_table.notes.append(
            ngettext(
                "%(count)s SME has been assessed at T0 and at T1.",
                "%(count)s SMEs have been assessed at T0 and at T1.",
                pairs,
            )
            % {"count": pairs}
        )
    tables = [
        grouped_table(
            key="sectors",
            title=_("Mean scores by sector"),
            heading=_("Sector (NACE section)"),
            dma=dma,
            dimensions=dimensions,
            group_of=lambda item: item.sector,
            labels=sector_labels(dma, language),
            source=source,
        ),
        grouped_table(
            key="sizes",
            title=_("Mean scores by size class"),
            heading=_("Size class"),
            dma=dma,
            dimensions=dimensions,
            group_of=lambda item: item.size_class,
            labels=size_labels(),
            source=source,
        ),
        progress_table,
        ecommerce_table(cohort, stage, benchmarks, countries, _benchmark_source(centre, ESELS)),
        dii_table(cohort, stage, benchmarks, countries, _benchmark_source(centre, DII_DATASET)),
    ]
    charts = {
        "levels": level_chart(cohort, dma, language, source),
        "dimensions": dimension_chart(dma, dimensions, source),
    }
    for key, chart in charts.items():
        chart.download_params = _download_params(stage, key)
    for table in tables:
        table.download_params = _download_params(stage, table.key)
    return CohortReport(
        total=len(dma),
        pairs=pairs,
        charts=charts,
        tables={table.key: table for table in tables},
        notes=_notes(dma, left_out),
    )


def _download_params(stage: str, key: str) -> dict[str, str]:
    return {"stage": stage, "table": key} if stage else {"table": key}


def _notes(dma: Sequence[Scored], left_out: int) -> list[str]:
    notes = []
    rules = {(item.version_id, repr(sorted(item.result.settings.items()))) for item in dma}
    if len(rules) > 1:
        notes.append(
            _(
                "The SMEs answered different questionnaire versions or were scored with "
                "different settings: each mean covers the SMEs whose questionnaire has it."
            )
        )
    if left_out:
        notes.append(
            _(
                "SMEs whose T0 and T1 questionnaires were scored by different rules are left "
                "out of the progress: their scores cannot be compared."
            )
        )
    return notes


def _source(centre: Centre, stage: str) -> str:
    selection = Stage(stage).label if stage else _("each SME's latest stage")
    return _(
        "e-MINDER: submitted assessments of the SMEs of %(centre)s (%(selection)s). Figures "
        "from fewer than 5 SMEs are not shown."
    ) % {"centre": centre.name, "selection": selection}


def _benchmark_source(centre: Centre, dataset: str) -> str:
    return _(
        "e-MINDER: submitted assessments of the SMEs of %(centre)s; Eurostat, %(dataset)s "
        "(all activities covered by the survey, percentage of enterprises)."
    ) % {"centre": centre.name, "dataset": dataset}
