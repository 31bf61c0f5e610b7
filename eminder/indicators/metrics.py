"""How far a country or region is from the EU, and whether the divide is closing.

Pure functions over a panel of published values, ``geo -> period -> value``, in the indicator's
unit (for e-commerce shares: percentages, so differences are percentage points). No Django, no
database, no numpy: plain floats, dicts and frozen dataclasses that a page turns into sentences.

Conventions, in one place:

* A value is missing when the geo or the period is absent, or the value is None (or NaN). Missing
  data never raises: results carry None and a ``reason`` (a ``Reason`` code the page translates).
  ``ValueError`` is kept for programmer errors: an empty comparison set, a period that is not
  ``"2019"`` or ``"2019-Q1"``, ``start`` not before ``end``, nonsensical options.
* Periods are ordered by their position in time (``"2019-Q2"`` is 2019.25); differences between
  periods are in years, so every slope is "points per year".
* The gap is ``geo value - reference``: negative when the geo is behind.
* The reference is the aggregate's value (``EU27_2020``) when published, else the unweighted mean
  of the comparison set's published values. The two differ (the aggregate weights countries by
  their number of enterprises), so every result says which one it used.
* Whether a gap narrowed or widened compares absolute gaps, so a geo 3 points ahead is as far
  from the EU as one 3 points behind (``behind_start``/``behind_end`` tell them apart).
"""

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

Panel = Mapping[str, Mapping[str, float | None]]

EU_AGGREGATE = "EU27_2020"
# Eurostat geo codes of the 27 member states since 1 February 2020 (Greece is EL, not GR).
EU27_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
_EU27 = frozenset(EU27_MEMBERS)

# Gap and convergence verdicts call a change "stable" only when it is strictly under the
# threshold. Values are published with two decimals, so a change that is exactly 0.5 in decimal
# can come out as 0.49999999999 in binary floating point: this allowance keeps it at 0.5.
FLOAT_ALLOWANCE = 1e-9
_PERIOD = re.compile(r"(\d{4})(?:-?Q([1-4]))?")


class Reason(StrEnum):
    """Why a result is (partly) None; pages map each code to a translated sentence."""

    GEO_VALUE_MISSING = "geo_value_missing"  # the geo has no value for the period
    REFERENCE_MISSING = "reference_missing"  # no aggregate value and no set value either
    NO_SET_VALUES = "no_set_values"  # no geo of the comparison set has a value
    TOO_FEW_POINTS = "too_few_points"  # a trend needs more periods with a value
    TOO_FEW_GEOS = "too_few_geos"  # a dispersion or regression needs more geos
    ZERO_MEAN = "zero_mean"  # the coefficient of variation is undefined
    NO_SPREAD = "no_spread"  # the x values (years, initial levels) do not vary: no slope
    NOT_CATCHING_UP = "not_catching_up"  # behind, and not gaining at the current trends
    NO_EARLIER_PERIOD = "no_earlier_period"  # nothing to compare the latest period with


class ReferenceSource(StrEnum):
    AGGREGATE = "aggregate"  # the EU aggregate's published value
    SET_MEAN = "set_mean"  # unweighted mean of the comparison set's published values


class Convergence(StrEnum):
    CONVERGING = "converging"
    DIVERGING = "diverging"
    STABLE = "stable"


class GapDirection(StrEnum):
    NARROWING = "narrowing"
    WIDENING = "widening"
    STABLE = "stable"


@dataclass(frozen=True, slots=True)
class Reference:
    """What a geo is compared with in one period."""

    period: str
    value: float | None
    source: ReferenceSource | None  # None when there is no reference at all
    geos_averaged: int  # how many set geos the mean used; 0 when the aggregate was used
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """A geo's distance, in points, to the reference, the best performer and the top quartile.

    Every ``to_*`` is ``geo value - comparator``: negative when the geo is behind.
    """

    geo: str
    period: str
    value: float | None
    reference: Reference
    to_reference: float | None
    best_geo: str | None
    best_value: float | None
    to_best: float | None
    top_quartile: float | None  # 75th percentile of the set's values, linear interpolation
    to_top_quartile: float | None
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Rank:
    """A geo's place in the comparison set: 1 is the highest value; ties share a place."""

    geo: str
    period: str
    position: int | None
    of: int  # how many geos were ranked, the geo included
    best_geo: str | None
    best_value: float | None
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """How a geo's value moved between two periods, annualised."""

    geo: str
    start: str
    end: str
    value_start: float | None
    value_end: float | None
    years: float
    per_year: float | None  # points per year
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Trend:
    """Least-squares line through a series' latest values, x being the year."""

    series: str  # the geo, or "reference" for the reference series
    periods: tuple[str, ...]  # the periods the line was fitted on, oldest first
    slope: float | None  # points per year
    intercept: float | None  # the line's value at year 0, as np.polyfit gives it
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Dispersion:
    """Spread of the comparison set in one period (population standard deviation, ddof=0)."""

    period: str
    n: int
    mean: float | None
    std: float | None
    cv: float | None  # std / mean
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class SigmaConvergence:
    """The coefficient of variation per period, and whether it is falling."""

    dispersions: tuple[Dispersion, ...]  # one per period, oldest first
    slope: float | None  # change of the CV per year
    intercept: float | None
    direction: Convergence | None
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class BetaConvergence:
    """Regression of the annualised change on the initial level: negative slope = catching up."""

    start: str
    end: str
    geos: tuple[str, ...]  # the set's geos with a value at both ends
    slope: float | None
    intercept: float | None
    converging: bool | None
    reason: Reason | None = None

    @property
    def n(self) -> int:
        return len(self.geos)


@dataclass(frozen=True, slots=True)
class CatchUp:
    """How long a geo behind the EU needs to reach it if both keep their current trends."""

    geo: str
    period: str | None  # the period the gap is measured in
    gap: float | None
    geo_trend: Trend | None
    reference_trend: Trend | None
    years: float | None  # 0 when already at or above; None: not at the current trends
    reason: Reason | None = None

    @property
    def reach_year(self) -> float | None:
        if self.years is None or self.period is None:
            return None
        return period_year(self.period) + self.years


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a geo's absolute gap to the reference narrowed, widened or held, with figures.

    ``change`` is ``|gap_end| - |gap_start|``; the direction is ``STABLE`` only when
    ``|change|`` is under the threshold (0.5 points), so exactly 0.5 is a change.
    """

    geo: str
    start: str
    end: str
    value_start: float | None
    value_end: float | None
    reference_start: Reference
    reference_end: Reference
    gap_start: float | None
    gap_end: float | None
    change: float | None
    direction: GapDirection | None
    reason: Reason | None = None

    @property
    def behind_start(self) -> bool | None:
        return None if self.gap_start is None else self.gap_start < 0

    @property
    def behind_end(self) -> bool | None:
        return None if self.gap_end is None else self.gap_end < 0


@dataclass(frozen=True, slots=True)
class DivideSummary:
    """Everything a page says about one geo's divide, for its latest period with a value."""

    geo: str
    start: str | None  # `span` years before `end`, or the earliest period since then
    end: str | None  # the latest period where the geo and the reference both have a value
    gap: Gap | None
    rank: Rank | None
    change: Change | None
    trend: Trend | None
    catch_up: CatchUp | None
    verdict: Verdict | None
    sigma: SigmaConvergence | None
    beta: BetaConvergence | None
    reason: Reason | None = None


# Comparison sets and periods ------------------------------------------------------------------


def nuts2_regions(codes: Iterable[str]) -> list[str]:
    """The NUTS-2 codes of EU27 members among `codes`, in their order, without duplicates.

    A NUTS-2 code has four characters, the first two its country's. Extra-Regio codes (``FRZZ``)
    are left out: they are not regions and have no comparable values.
    """
    regions: list[str] = []
    for code in codes:
        if (
            len(code) == 4
            and code.isalnum()
            and code.isupper()
            and code[:2] in _EU27
            and not code.endswith("ZZ")
            and code not in regions
        ):
            regions.append(code)
    return regions


def period_year(period: str) -> float:
    """The period as a year number: ``"2019"`` is 2019.0, ``"2019-Q3"`` (or ``"2019Q3"``) 2019.5."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise ValueError(f"Period {period!r} is neither a year nor a quarter like '2019-Q1'.")
    quarter = int(match.group(2) or 1)
    return int(match.group(1)) + (quarter - 1) / 4


def _sorted_periods(periods: Iterable[str]) -> list[str]:
    return sorted(set(periods), key=lambda period: (period_year(period), period))


def _members(comparison_set: Iterable[str], aggregate: str | None = None) -> tuple[str, ...]:
    if isinstance(comparison_set, str):
        raise ValueError("The comparison set is a list of geo codes, not one string.")
    members = tuple(dict.fromkeys(comparison_set))
    if not members:
        raise ValueError("The comparison set is empty.")
    if aggregate is not None and aggregate in members:
        raise ValueError(f"The aggregate {aggregate} cannot be in its own comparison set.")
    return members


def _number(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return float(value)


def _value(values: Panel, geo: str, period: str) -> float | None:
    return _number(values.get(geo, {}).get(period))


def _published(values: Panel, geos: Sequence[str], period: str) -> dict[str, float]:
    found = {geo: _value(values, geo, period) for geo in geos}
    return {geo: value for geo, value in found.items() if value is not None}


# Plain statistics -----------------------------------------------------------------------------


def _mean(numbers: Sequence[float]) -> float:
    return math.fsum(numbers) / len(numbers)


def _population_std(numbers: Sequence[float]) -> float:
    mean = _mean(numbers)
    return math.sqrt(math.fsum((x - mean) ** 2 for x in numbers) / len(numbers))


def _percentile(numbers: Sequence[float], fraction: float) -> float:
    """numpy's default ('linear') percentile: interpolate between the two nearest ranks."""
    ordered = sorted(numbers)
    position = (len(ordered) - 1) * fraction
    below = math.floor(position)
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (position - below) * (ordered[below + 1] - ordered[below])


def _ols(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """(slope, intercept) of the least-squares line, or None when the x values do not vary."""
    mean_x, mean_y = _mean(xs), _mean(ys)
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, mean_y - slope * mean_x


def _best(published: Mapping[str, float]) -> tuple[str, float] | None:
    # Ties go to the first geo code in alphabetical order, so the answer does not depend on
    # the order of the comparison set.
    if not published:
        return None
    return min(published.items(), key=lambda item: (-item[1], item[0]))


# Position in one period -----------------------------------------------------------------------


def reference_value(
    values: Panel, period: str, comparison_set: Iterable[str], aggregate: str = EU_AGGREGATE
) -> Reference:
    """The aggregate's value for `period` if published, else the mean of the set's values."""
    members = _members(comparison_set, aggregate)
    published = _value(values, aggregate, period)
    if published is not None:
        return Reference(period, published, ReferenceSource.AGGREGATE, 0)
    set_values = list(_published(values, members, period).values())
    if not set_values:
        return Reference(period, None, None, 0, Reason.REFERENCE_MISSING)
    return Reference(period, _mean(set_values), ReferenceSource.SET_MEAN, len(set_values))


def gap(
    values: Panel,
    geo: str,
    period: str,
    comparison_set: Iterable[str],
    aggregate: str = EU_AGGREGATE,
) -> Gap:
    """The geo's gap to the reference, the set's best performer and its top quartile."""
    members = _members(comparison_set, aggregate)
    reference = reference_value(values, period, members, aggregate)
    value = _value(values, geo, period)
    published = _published(values, members, period)
    best_geo, best_value = _best(published) or (None, None)
    quartile = _percentile(list(published.values()), 0.75) if published else None

    def minus(other: float | None) -> float | None:
        return None if value is None or other is None else value - other

    if value is None:
        reason: Reason | None = Reason.GEO_VALUE_MISSING
    else:
        reason = reference.reason or (None if published else Reason.NO_SET_VALUES)
    return Gap(
        geo=geo,
        period=period,
        value=value,
        reference=reference,
        to_reference=minus(reference.value),
        best_geo=best_geo,
        best_value=best_value,
        to_best=minus(best_value),
        top_quartile=quartile,
        to_top_quartile=minus(quartile),
        reason=reason,
    )


def rank(values: Panel, geo: str, period: str, comparison_set: Iterable[str]) -> Rank:
    """The geo's competition rank ("1224") in the set, 1 for the highest value.

    A geo outside the set is ranked where it would stand among the set's geos.
    """
    members = _members(comparison_set)
    value = _value(values, geo, period)
    published = _published(values, members, period)
    best_geo, best_value = _best(published) or (None, None)
    others = [other for code, other in published.items() if code != geo]
    if value is None:
        return Rank(geo, period, None, len(others), best_geo, best_value, Reason.GEO_VALUE_MISSING)
    position = 1 + sum(other > value for other in others)
    return Rank(geo, period, position, len(others) + 1, best_geo, best_value)


# Movement over time ---------------------------------------------------------------------------


def _span(start: str, end: str) -> float:
    years = period_year(end) - period_year(start)
    if years <= 0:
        raise ValueError(f"The start period {start} must come before the end period {end}.")
    return years


def change_per_year(values: Panel, geo: str, start: str, end: str) -> Change:
    """The geo's change from `start` to `end`, in points per year."""
    years = _span(start, end)
    first, last = _value(values, geo, start), _value(values, geo, end)
    if first is None or last is None:
        return Change(geo, start, end, first, last, years, None, Reason.GEO_VALUE_MISSING)
    return Change(geo, start, end, first, last, years, (last - first) / years)


def _series_trend(
    name: str, series: Mapping[str, float | None], last: int, minimum: int, until: str | None
) -> Trend:
    if minimum < 2 or last < minimum:
        raise ValueError("A trend needs minimum >= 2 and last >= minimum.")
    cutoff = math.inf if until is None else period_year(until)
    points = [
        (period, number)
        for period in _sorted_periods(series)
        if period_year(period) <= cutoff and (number := _number(series[period])) is not None
    ][-last:]
    periods = tuple(period for period, _ in points)
    if len(points) < minimum:
        return Trend(name, periods, None, None, Reason.TOO_FEW_POINTS)
    fit = _ols([period_year(period) for period in periods], [number for _, number in points])
    if fit is None:
        return Trend(name, periods, None, None, Reason.NO_SPREAD)
    return Trend(name, periods, fit[0], fit[1])


def trend(
    values: Panel, geo: str, last: int = 5, minimum: int = 3, *, until: str | None = None
) -> Trend:
    """Least-squares slope, in points per year, over the geo's latest `last` values.

    Only periods with a value count (up to `until` when given); fewer than `minimum` of them
    gives no trend. Gaps in the series are fine: x is the year, so spacing is respected.
    """
    return _series_trend(geo, values.get(geo, {}), last, minimum, until)


def _reference_series(
    values: Panel, comparison_set: Sequence[str], aggregate: str
) -> dict[str, float | None]:
    # Per period: the aggregate, or the set mean where the aggregate is missing. A switch of
    # source shows as a level shift, which is why each Reference records its source.
    periods = _sorted_periods(
        period for geo in (aggregate, *comparison_set) for period in values.get(geo, {})
    )
    return {
        period: reference_value(values, period, comparison_set, aggregate).value
        for period in periods
    }


def _in_window(period: str, start: str | None, end: str | None) -> bool:
    year = period_year(period)
    after_start = start is None or year >= period_year(start)
    return after_start and (end is None or year <= period_year(end))


# Convergence of the whole set -----------------------------------------------------------------


def _dispersion(values: Panel, members: Sequence[str], period: str, minimum: int) -> Dispersion:
    numbers = list(_published(values, members, period).values())
    if len(numbers) < minimum:
        return Dispersion(period, len(numbers), None, None, None, Reason.TOO_FEW_GEOS)
    mean, std = _mean(numbers), _population_std(numbers)
    if mean == 0:
        return Dispersion(period, len(numbers), mean, std, None, Reason.ZERO_MEAN)
    return Dispersion(period, len(numbers), mean, std, std / mean)


def sigma_convergence(
    values: Panel,
    comparison_set: Iterable[str],
    *,
    start: str | None = None,
    end: str | None = None,
    minimum_geos: int = 2,
    minimum_periods: int = 3,
    tolerance: float = 0.01,
) -> SigmaConvergence:
    """Coefficient of variation per period (std ddof=0 / mean), its slope, and a verdict.

    Each period uses the set's geos with a value in it, so the set may differ between periods.
    The direction is STABLE while |slope| is under `tolerance` times the mean CV (by default 1 %
    of the CV per year), CONVERGING when the CV falls faster, DIVERGING when it rises faster.
    """
    members = _members(comparison_set)
    if minimum_geos < 2 or minimum_periods < 2 or tolerance <= 0:
        raise ValueError("Sigma needs minimum_geos >= 2, minimum_periods >= 2, tolerance > 0.")
    periods = [
        period
        for period in _sorted_periods(p for geo in members for p in values.get(geo, {}))
        if _in_window(period, start, end)
    ]
    dispersions = tuple(_dispersion(values, members, period, minimum_geos) for period in periods)
    fitted = [d for d in dispersions if d.cv is not None]
    if len(fitted) < minimum_periods:
        return SigmaConvergence(dispersions, None, None, None, Reason.TOO_FEW_POINTS)
    cvs = [d.cv for d in fitted if d.cv is not None]
    fit = _ols([period_year(d.period) for d in fitted], cvs)
    if fit is None:
        return SigmaConvergence(dispersions, None, None, None, Reason.NO_SPREAD)
    slope, intercept = fit
    band = tolerance * _mean(cvs) - FLOAT_ALLOWANCE
    direction = (
        Convergence.CONVERGING
        if slope <= -band
        else Convergence.DIVERGING
        if slope >= band
        else Convergence.STABLE
    )
    return SigmaConvergence(dispersions, slope, intercept, direction)


def beta_convergence(
    values: Panel, comparison_set: Iterable[str], start: str, end: str, *, minimum_geos: int = 3
) -> BetaConvergence:
    """OLS of each geo's change per year from `start` to `end` on its level at `start`.

    A negative slope is beta-convergence: geos that started lower grew faster. This is the
    absolute form (points per year on points), as the issue asks; for shares bounded by 100 %
    a ceiling and regression to the mean both push the slope down, so read it with the CV.
    """
    members = _members(comparison_set)
    years = _span(start, end)
    pairs = {
        geo: (first, last)
        for geo in members
        if (first := _value(values, geo, start)) is not None
        and (last := _value(values, geo, end)) is not None
    }
    geos = tuple(pairs)
    if len(pairs) < max(minimum_geos, 2):
        return BetaConvergence(start, end, geos, None, None, None, Reason.TOO_FEW_GEOS)
    levels = [first for first, _ in pairs.values()]
    changes = [(last - first) / years for first, last in pairs.values()]
    fit = _ols(levels, changes)
    if fit is None:
        return BetaConvergence(start, end, geos, None, None, None, Reason.NO_SPREAD)
    return BetaConvergence(start, end, geos, fit[0], fit[1], fit[0] < 0)


# Catching up and verdicts ---------------------------------------------------------------------


def _latest_compared_period(
    values: Panel, geo: str, members: Sequence[str], aggregate: str
) -> str | None:
    for period in reversed(_sorted_periods(values.get(geo, {}))):
        if _value(values, geo, period) is None:
            continue
        if reference_value(values, period, members, aggregate).value is not None:
            return period
    return None


def years_to_reach(
    values: Panel,
    geo: str,
    comparison_set: Iterable[str],
    aggregate: str = EU_AGGREGATE,
    *,
    period: str | None = None,
    last: int = 5,
    minimum: int = 3,
) -> CatchUp:
    """Years until the geo reaches the reference if both keep their current trends.

    The gap is the observed one in `period` (by default the latest period with both values);
    the trends are `trend()` of the geo and of the reference series up to that period. Years =
    -gap / (geo slope - reference slope) when behind and gaining; 0 when at or above the
    reference; None (NOT_CATCHING_UP) when behind and not gaining.
    """
    members = _members(comparison_set, aggregate)
    period = period or _latest_compared_period(values, geo, members, aggregate)
    if period is None:
        return CatchUp(geo, None, None, None, None, None, Reason.GEO_VALUE_MISSING)
    measured = gap(values, geo, period, members, aggregate)
    current = measured.to_reference
    if current is None:
        return CatchUp(geo, period, None, None, None, None, measured.reason)
    geo_trend = trend(values, geo, last, minimum, until=period)
    series = _reference_series(values, members, aggregate)
    reference_trend = _series_trend("reference", series, last, minimum, period)
    if current >= 0:
        return CatchUp(geo, period, current, geo_trend, reference_trend, 0.0)
    if geo_trend.slope is None or reference_trend.slope is None:
        reason = geo_trend.reason or reference_trend.reason
        return CatchUp(geo, period, current, geo_trend, reference_trend, None, reason)
    closing = geo_trend.slope - reference_trend.slope
    if closing <= 0:
        return CatchUp(
            geo, period, current, geo_trend, reference_trend, None, Reason.NOT_CATCHING_UP
        )
    return CatchUp(geo, period, current, geo_trend, reference_trend, -current / closing)


def verdict(
    values: Panel,
    geo: str,
    comparison_set: Iterable[str],
    start: str,
    end: str,
    aggregate: str = EU_AGGREGATE,
    *,
    threshold: float = 0.5,
) -> Verdict:
    """Whether the geo's absolute gap to the reference narrowed, widened or held.

    NARROWING when |gap| fell by at least `threshold` points, WIDENING when it rose by at least
    `threshold`, STABLE when it moved by less.
    """
    members = _members(comparison_set, aggregate)
    _span(start, end)
    if threshold <= 0:
        raise ValueError("The threshold of a verdict must be positive.")
    first = gap(values, geo, start, members, aggregate)
    last = gap(values, geo, end, members, aggregate)
    figures = (geo, start, end, first.value, last.value, first.reference, last.reference)
    if first.to_reference is None or last.to_reference is None:
        reason = (
            Reason.GEO_VALUE_MISSING
            if first.value is None or last.value is None
            else Reason.REFERENCE_MISSING
        )
        return Verdict(*figures, first.to_reference, last.to_reference, None, None, reason)
    change = abs(last.to_reference) - abs(first.to_reference)
    limit = threshold - FLOAT_ALLOWANCE
    direction = (
        GapDirection.WIDENING
        if change >= limit
        else GapDirection.NARROWING
        if change <= -limit
        else GapDirection.STABLE
    )
    return Verdict(*figures, first.to_reference, last.to_reference, change, direction)


def _start_period(
    values: Panel, geo: str, members: Sequence[str], aggregate: str, end: str, span: int
) -> str | None:
    earliest = period_year(end) - span
    for period in _sorted_periods(values.get(geo, {})):
        if not earliest <= period_year(period) < period_year(end):
            continue
        if _value(values, geo, period) is None:
            continue
        if reference_value(values, period, members, aggregate).value is not None:
            return period
    return None


def divide_summary(
    values: Panel,
    geo: str,
    comparison_set: Iterable[str],
    aggregate: str = EU_AGGREGATE,
    *,
    span: int = 5,
    last: int = 5,
    minimum: int = 3,
) -> DivideSummary:
    """Every measure of the geo's divide, for its latest period and `span` years before.

    The end is the latest period where the geo and the reference both have a value; the start
    is `span` years earlier, or the earliest such period since then if that one is missing.
    """
    members = _members(comparison_set, aggregate)
    end = _latest_compared_period(values, geo, members, aggregate)
    if end is None:
        nothing = (None,) * 10  # start, end and every measure
        return DivideSummary(geo, *nothing, reason=Reason.GEO_VALUE_MISSING)
    start = _start_period(values, geo, members, aggregate, end, span)
    since = None
    if start is not None:
        since = (
            change_per_year(values, geo, start, end),
            verdict(values, geo, members, start, end, aggregate),
        )
    return DivideSummary(
        geo=geo,
        start=start,
        end=end,
        gap=gap(values, geo, end, members, aggregate),
        rank=rank(values, geo, end, members),
        change=since[0] if since else None,
        trend=trend(values, geo, last, minimum, until=end),
        catch_up=years_to_reach(
            values, geo, members, aggregate, period=end, last=last, minimum=minimum
        ),
        verdict=since[1] if since else None,
        sigma=sigma_convergence(values, members, start=start or end, end=end),
        beta=beta_convergence(values, members, start, end) if start else None,
        reason=None if start else Reason.NO_EARLIER_PERIOD,
    )
