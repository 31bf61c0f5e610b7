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
from collections.abc import Iterable, Mapping, Sequence

from eminder.indicators.metrics.results import (
    BetaConvergence,
    CatchUp,
    Change,
    Convergence,
    Dispersion,
    DivideSummary,
    Gap,
    GapDirection,
    Rank,
    Reason,
    Reference,
    ReferenceSource,
    SigmaConvergence,
    Trend,
    Verdict,
    period_year,
)

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
