"""Reading official statistics: the one way pages, the API and reports query observations.

Statistics are public, so there is no `visible_to`: the access helper only turns unknown
datasets and codes into 404s and 400s.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from eminder.indicators.models import CodeLabel, Dataset, Observation, Series

Filters = Mapping[str, Iterable[str]]
# geo -> period -> observation
Panel = dict[str, dict[str, Observation]]


def get_dataset(code: str) -> Dataset:
    """The dataset with this Eurostat code (any case); 404 when it was never imported."""
    dataset = Dataset.objects.filter(code=code.strip().lower()).first()
    if dataset is None:
        raise Http404(_("No dataset %(code)s has been imported.") % {"code": code})
    return dataset


def unknown_dimensions(dataset: Dataset, names: Iterable[str]) -> list[str]:
    return sorted(set(names) - set(dataset.dimensions))


def series_for(dataset: Dataset, filters: Filters, geos: Iterable[str] | None = None) -> QuerySet:
    """The dataset's series matching every dimension filter (each a set of allowed codes)."""
    series = Series.objects.filter(dataset=dataset)
    for dimension, codes in filters.items():
        codes = list(codes)
        if codes:
            series = series.filter(**{f"dimensions__{dimension}__in": codes})
    if geos is not None:
        series = series.filter(geo__in=list(geos))
    return series


def observations_for(
    dataset: Dataset,
    filters: Filters,
    geos: Iterable[str] | None = None,
    periods: Iterable[str] | None = None,
) -> QuerySet[Observation]:
    """Observations of the matching series, with their series, in a stable order."""
    observations = Observation.objects.filter(
        series__in=series_for(dataset, filters, geos)
    ).select_related("series")
    if periods is not None:
        observations = observations.filter(period__in=list(periods))
    return observations.order_by("series__key", "period")


def panel(dataset: Dataset, filters: Filters, geos: Iterable[str] | None = None) -> Panel:
    """geo -> period -> observation, for one breakdown (the filters must pin one series per geo)."""
    result: Panel = defaultdict(dict)
    for observation in observations_for(dataset, filters, geos):
        result[observation.series.geo][observation.period] = observation
    return dict(result)


def values_of(data: Panel, scale: float = 1.0) -> dict[str, dict[str, float | None]]:
    """The panel's values only (scaled for display), as the divide metrics take them."""
    return {
        geo: {
            period: None if obs.value is None else obs.value * scale for period, obs in by.items()
        }
        for geo, by in data.items()
    }


def codes_in_use(dataset: Dataset, dimension: str, filters: Filters | None = None) -> list[str]:
    """The codes of one dimension that occur in the dataset, given the other filters."""
    others = {k: v for k, v in (filters or {}).items() if k != dimension}
    series = series_for(dataset, others)
    if dimension == "geo":
        values = series.values_list("geo", flat=True)
    else:
        values = series.values_list(f"dimensions__{dimension}", flat=True)
    return sorted({value for value in values.distinct() if value})


def periods_in_use(dataset: Dataset, filters: Filters) -> list[str]:
    return sorted(
        set(
            Observation.objects.filter(series__in=series_for(dataset, filters))
            .values_list("period", flat=True)
            .distinct()
        )
    )


def labels_for(dimension: str, codes: Iterable[str], language: str | None = None) -> dict[str, str]:
    """Code -> label in the language (English where the code list has no such label)."""
    codes = list(codes)
    language = (language or get_language() or "en")[:2]
    found = {
        row.code: row.label(language)
        for row in CodeLabel.objects.filter(dimension=dimension, code__in=codes)
    }
    return {code: found.get(code, code) for code in codes}


def get_datasets(codes: Iterable[str]) -> dict[str, Dataset]:
    """The imported datasets among these codes, by code (missing ones are simply absent)."""
    return {dataset.code: dataset for dataset in Dataset.objects.filter(code__in=list(codes))}


def labels_for_dimensions(
    codes_by_dimension: Mapping[str, Iterable[str]], language: str | None = None
) -> dict[str, dict[str, str]]:
    """`labels_for` for several dimensions at once, in one query: dimension -> code -> label."""
    wanted = {dimension: list(codes) for dimension, codes in codes_by_dimension.items()}
    if not any(wanted.values()):
        return {dimension: {} for dimension in wanted}
    language = (language or get_language() or "en")[:2]
    condition = Q()
    for dimension, codes in wanted.items():
        condition |= Q(dimension=dimension, code__in=codes)
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in CodeLabel.objects.filter(condition):
        found[row.dimension][row.code] = row.label(language)
    return {
        dimension: {code: found[dimension].get(code, code) for code in codes}
        for dimension, codes in wanted.items()
    }


def display_scale(dataset: Dataset, dimensions: Mapping[str, str]) -> float:
    """The factor that shows a series' stored values in its unit's usual scale (DESI: x100)."""
    return dataset.scale_for(dict(dimensions))


class SeriesIndex:
    """Every series of one dataset as (breakdown codes, geo), read in one query.

    Answers which codes of a dimension go with codes already chosen for other dimensions, so a
    form offers only combinations that exist, and which code is the most common.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.rows: list[tuple[dict[str, str], str]] = [
            (dict(dimensions or {}), geo)
            for dimensions, geo in Series.objects.filter(dataset=dataset).values_list(
                "dimensions", "geo"
            )
        ]

    def _matching(self, chosen: Mapping[str, str]) -> list[tuple[dict[str, str], str]]:
        return [
            (dimensions, geo)
            for dimensions, geo in self.rows
            if all(dimensions.get(name) == code for name, code in chosen.items())
        ]

    def codes(self, dimension: str, chosen: Mapping[str, str] | None = None) -> list[str]:
        """The dimension's codes (or geos, for "geo") in series matching the chosen codes."""
        return sorted(set(self._values(dimension, self._matching(chosen or {}))))

    def most_common(
        self,
        dimension: str,
        chosen: Mapping[str, str] | None = None,
        preferred: Iterable[str] = (),
    ) -> str | None:
        """A preferred code if it occurs, else the code in most series (ties: the first)."""
        found = Counter(self._values(dimension, self._matching(chosen or {})))
        for code in preferred:
            if code in found:
                return code
        if not found:
            return None
        return min(found, key=lambda code: (-found[code], code))

    @staticmethod
    def _values(dimension: str, rows: list[tuple[dict[str, str], str]]) -> list[str]:
        if dimension == "geo":
            return [geo for _dimensions, geo in rows]
        return [dimensions[dimension] for dimensions, _geo in rows if dimensions.get(dimension)]


# Names of the EU27 members and EU aggregates in the visitor's language; other geos take the
# GEO code list's label (English where it has none in the language).
COUNTRY_NAMES: dict[str, Promise] = {
    "AT": gettext_lazy("Austria"),
    "BE": gettext_lazy("Belgium"),
    "BG": gettext_lazy("Bulgaria"),
    "CY": gettext_lazy("Cyprus"),
    "CZ": gettext_lazy("Czechia"),
    "DE": gettext_lazy("Germany"),
    "DK": gettext_lazy("Denmark"),
    "EE": gettext_lazy("Estonia"),
    "EL": gettext_lazy("Greece"),
    "ES": gettext_lazy("Spain"),
    "FI": gettext_lazy("Finland"),
    "FR": gettext_lazy("France"),
    "HR": gettext_lazy("Croatia"),
    "HU": gettext_lazy("Hungary"),
    "IE": gettext_lazy("Ireland"),
    "IT": gettext_lazy("Italy"),
    "LT": gettext_lazy("Lithuania"),
    "LU": gettext_lazy("Luxembourg"),
    "LV": gettext_lazy("Latvia"),
    "MT": gettext_lazy("Malta"),
    "NL": gettext_lazy("Netherlands"),
    "PL": gettext_lazy("Poland"),
    "PT": gettext_lazy("Portugal"),
    "RO": gettext_lazy("Romania"),
    "SE": gettext_lazy("Sweden"),
    "SI": gettext_lazy("Slovenia"),
    "SK": gettext_lazy("Slovakia"),
    "EU27_2020": gettext_lazy("EU (27 countries)"),
    "EU": gettext_lazy("EU"),
}


def geo_names(codes: Iterable[str], language: str | None = None) -> dict[str, str]:
    """Code -> name of each geo: translated for EU countries and the EU, else Eurostat's label.

    A region that is the whole country (CY0, CY00, LU00, ...) takes the country's name.
    """
    codes = list(dict.fromkeys(codes))
    translated = {code: COUNTRY_NAMES.get(code) or COUNTRY_NAMES.get(code[:2]) for code in codes}
    for code in codes:
        if code not in COUNTRY_NAMES and not _is_whole_country(code):
            translated[code] = None
    others = labels_for(
        "geo", [code for code, name in translated.items() if name is None], language
    )
    return {code: str(translated[code] or others[code]) for code in codes}


def _is_whole_country(code: str) -> bool:
    rest = code[2:]
    return bool(rest) and set(rest) == {"0"}
