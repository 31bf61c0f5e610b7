"""The divide metrics: hand-computed cases, numpy as an independent oracle, and real data."""

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eminder.indicators.metrics import (
    EU27_MEMBERS,
    Convergence,
    GapDirection,
    Reason,
    ReferenceSource,
    beta_convergence,
    change_per_year,
    divide_summary,
    gap,
    nuts2_regions,
    period_year,
    rank,
    reference_value,
    sigma_convergence,
    trend,
    verdict,
    years_to_reach,
)

EU = "EU27_2020"
SET = ["AA", "BB", "CC", "DD"]  # an invented comparison set for hand-computed cases
# Byte for byte the programme's shared file (/work/shared/data/eurostat/), shipped with the repo
# so the test runs in any clone.
ESELL_CSV = (
    Path(__file__).resolve().parents[1] / "data/reference/isoc_ec_esels_E_ESELL_2010_2024.csv"
)


def close(actual: float | None, expected: float) -> bool:
    return actual is not None and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


def annual(**series: dict[int, float | None]) -> dict[str, dict[str, float | None]]:
    """A panel from keyword geos and integer years: annual(PL={2019: 13.66})."""
    return {geo: {str(year): value for year, value in s.items()} for geo, s in series.items()}


def line(first: int, last: int, start: float, step: float) -> dict[int, float | None]:
    return {year: start + step * (year - first) for year in range(first, last + 1)}


# Periods and comparison sets -----------------------------------------------------------------


def test_period_year_reads_years_and_quarters():
    assert period_year("2019") == 2019
    assert period_year("2019-Q1") == 2019
    assert period_year("2019-Q3") == 2019.5
    assert period_year("2019Q4") == 2019.75


@pytest.mark.parametrize("period", ["19", "2019-Q5", "2019-03", "", "2019 "])
def test_period_year_refuses_other_shapes(period):
    with pytest.raises(ValueError):
        period_year(period)


def test_eu27_members_are_the_27_eurostat_codes():
    assert len(set(EU27_MEMBERS)) == 27
    assert "EL" in EU27_MEMBERS and "GR" not in EU27_MEMBERS and "UK" not in EU27_MEMBERS


def test_nuts2_regions_keeps_eu27_nuts2_codes_once_in_order():
    codes = ["PL91", "PL9", "PL", "NO01", "UKI3", "FRZZ", "EL30", "PL91", "pl92", EU, "DE11"]
    assert nuts2_regions(codes) == ["PL91", "EL30", "DE11"]


@pytest.mark.parametrize("comparison_set", [[], (), "PLDE"])
def test_an_empty_or_string_comparison_set_is_a_programmer_error(comparison_set):
    with pytest.raises(ValueError):
        reference_value({}, "2019", comparison_set)
    with pytest.raises(ValueError):
        sigma_convergence({}, comparison_set)


def test_the_aggregate_cannot_be_in_its_own_comparison_set():
    with pytest.raises(ValueError):
        gap({}, "AA", "2019", [*SET, EU])


# Reference, gap, rank ------------------------------------------------------------------------


def test_reference_is_the_aggregate_when_published():
    values = annual(EU27_2020={2019: 22.0}, AA={2019: 10.0}, BB={2019: 20.0})
    reference = reference_value(values, "2019", SET)
    assert reference.value == 22.0
    assert reference.source is ReferenceSource.AGGREGATE
    assert reference.geos_averaged == 0


@pytest.mark.parametrize("aggregate", [{}, {2019: None}, {2019: math.nan}])
def test_reference_falls_back_to_the_set_mean_when_the_aggregate_is_missing(aggregate):
    values = annual(EU27_2020=aggregate, AA={2019: 10.0}, BB={2019: 20.0}, CC={2019: None})
    reference = reference_value(values, "2019", SET)
    assert reference.value == 15.0
    assert reference.source is ReferenceSource.SET_MEAN
    assert reference.geos_averaged == 2


def test_reference_is_missing_when_nothing_is_published():
    reference = reference_value(annual(AA={2018: 1.0}), "2019", SET)
    assert reference.value is None
    assert reference.source is None
    assert reference.reason is Reason.REFERENCE_MISSING


def four_geos() -> dict[str, dict[str, float | None]]:
    return annual(
        EU27_2020={2019: 22.0}, AA={2019: 10.0}, BB={2019: 20.0}, CC={2019: 30.0}, DD={2019: 40.0}
    )


def test_gap_to_reference_best_and_top_quartile():
    result = gap(four_geos(), "AA", "2019", SET)
    assert result.value == 10.0
    assert result.to_reference == -12.0  # negative: behind
    assert (result.best_geo, result.best_value, result.to_best) == ("DD", 40.0, -30.0)
    # Sorted 10, 20, 30, 40: position 3 * 0.75 = 2.25, so 30 + 0.25 * (40 - 30).
    assert result.top_quartile == 32.5
    assert result.to_top_quartile == -22.5
    assert result.reason is None


def test_gap_uses_the_set_mean_when_the_aggregate_is_missing():
    values = four_geos()
    del values[EU]
    result = gap(values, "DD", "2019", SET)
    assert result.reference.source is ReferenceSource.SET_MEAN
    assert result.to_reference == 15.0  # 40 - mean(10, 20, 30, 40)


def test_gap_of_a_geo_without_a_value_is_none_with_the_reason():
    values = four_geos()
    values["AA"]["2019"] = None
    result = gap(values, "AA", "2019", SET)
    assert result.to_reference is result.to_best is result.to_top_quartile is None
    assert result.reference.value == 22.0
    assert result.reason is Reason.GEO_VALUE_MISSING


def test_gap_for_a_missing_period_is_none_not_an_error():
    result = gap(four_geos(), "AA", "2030", SET)
    assert result.value is None
    assert result.reason is Reason.GEO_VALUE_MISSING
    assert result.reference.reason is Reason.REFERENCE_MISSING


def test_gap_with_only_the_aggregate_says_the_set_has_no_values():
    result = gap(annual(EU27_2020={2019: 20.0}, ZZ={2019: 15.0}), "ZZ", "2019", SET)
    assert result.to_reference == -5.0
    assert result.to_best is None
    assert result.reason is Reason.NO_SET_VALUES


def test_rank_is_competition_ranking_1224():
    values = annual(AA={2019: 50.0}, BB={2019: 40.0}, CC={2019: 40.0}, DD={2019: 10.0})
    positions = [rank(values, geo, "2019", SET).position for geo in SET]
    assert positions == [1, 2, 2, 4]
    assert rank(values, "BB", "2019", SET).of == 4


def test_rank_ties_at_the_top_share_first_place_and_the_first_code_is_named_best():
    values = annual(AA={2019: 50.0}, BB={2019: 50.0}, CC={2019: 10.0})
    result = rank(values, "BB", "2019", ["CC", "BB", "AA"])
    assert result.position == 1
    assert (result.best_geo, result.best_value) == ("AA", 50.0)


def test_rank_of_a_geo_outside_the_set_is_where_it_would_stand():
    values = annual(AA={2019: 50.0}, BB={2019: 40.0}, CC={2019: None}, ZZ={2019: 45.0})
    result = rank(values, "ZZ", "2019", SET)
    assert (result.position, result.of) == (2, 3)


def test_rank_without_a_value_is_none():
    result = rank(annual(AA={2019: 50.0}), "BB", "2019", SET)
    assert result.position is None
    assert result.of == 1
    assert result.reason is Reason.GEO_VALUE_MISSING


# Change and trend ----------------------------------------------------------------------------


def test_change_per_year_is_annualised():
    result = change_per_year(annual(PL={2019: 13.0, 2024: 18.0}), "PL", "2019", "2024")
    assert (result.years, result.per_year) == (5.0, 1.0)


def test_change_per_year_between_quarters_counts_fractions_of_years():
    values = {"PL": {"2019-Q1": 10.0, "2020-Q3": 13.0}}
    assert change_per_year(values, "PL", "2019-Q1", "2020-Q3").per_year == 2.0


def test_change_per_year_with_a_missing_end_is_none():
    result = change_per_year(annual(PL={2019: 13.0}), "PL", "2019", "2024")
    assert result.per_year is None
    assert result.reason is Reason.GEO_VALUE_MISSING


@pytest.mark.parametrize(("start", "end"), [("2024", "2019"), ("2019", "2019")])
def test_change_per_year_needs_start_before_end(start, end):
    with pytest.raises(ValueError):
        change_per_year({}, "PL", start, end)


def test_trend_is_the_least_squares_slope():
    # x = 2020, 2021, 2022 (centred -1, 0, 1), y = 1, 3, 2: slope = (1 + 0 + 0) / 2.
    result = trend(annual(PL={2020: 1.0, 2021: 3.0, 2022: 2.0}), "PL")
    assert result.slope == 0.5
    assert result.periods == ("2020", "2021", "2022")


def test_trend_uses_only_the_last_five_values():
    series = line(2015, 2024, 0.0, 2.0)
    series[2015] = 100.0  # far off the line, and out of the window
    result = trend(annual(PL=series), "PL")
    assert result.periods == ("2020", "2021", "2022", "2023", "2024")
    assert close(result.slope, 2.0)


def test_trend_skips_missing_periods_and_respects_uneven_spacing():
    values = annual(PL={2015: 1.0, 2016: None, 2017: 2.0, 2020: 3.5, 2021: math.nan})
    result = trend(values, "PL")
    assert result.periods == ("2015", "2017", "2020")
    assert close(result.slope, 0.5)  # y = 0.5 * (x - 2013)


def test_trend_until_stops_at_that_period():
    values = annual(PL={**line(2015, 2019, 0.0, 1.0), 2020: 50.0})
    assert close(trend(values, "PL", until="2019").slope, 1.0)


def test_trend_needs_three_points():
    result = trend(annual(PL={2023: 1.0, 2024: 2.0}), "PL")
    assert result.slope is None
    assert result.reason is Reason.TOO_FEW_POINTS
    assert trend({}, "PL").reason is Reason.TOO_FEW_POINTS


@pytest.mark.parametrize(("last", "minimum"), [(5, 1), (2, 3)])
def test_trend_refuses_nonsensical_windows(last, minimum):
    with pytest.raises(ValueError):
        trend({}, "PL", last=last, minimum=minimum)


# Sigma and beta convergence ------------------------------------------------------------------


def test_sigma_convergence_cv_per_period_and_a_falling_slope():
    values = annual(AA={2020: 10.0, 2021: 15.0, 2022: 20.0}, BB={2020: 30.0, 2021: 25.0, 2022: 20})
    result = sigma_convergence(values, SET)
    assert [d.cv for d in result.dispersions] == [0.5, 0.25, 0.0]  # std 10, 5, 0 over mean 20
    assert close(result.slope, -0.25)
    assert result.direction is Convergence.CONVERGING


def test_sigma_convergence_uses_the_population_standard_deviation():
    values = annual(AA={2020: 10.0}, BB={2020: 20.0}, CC={2020: 30.0})
    (dispersion,) = sigma_convergence(values, SET).dispersions
    assert close(dispersion.std, math.sqrt(200 / 3))
    assert close(dispersion.cv, math.sqrt(200 / 3) / 20)


def test_sigma_convergence_rising_cv_is_diverging_and_flat_is_stable():
    rising = annual(AA={2020: 20.0, 2021: 15.0, 2022: 10.0}, BB={2020: 20, 2021: 25, 2022: 30.0})
    assert sigma_convergence(rising, SET).direction is Convergence.DIVERGING
    flat = annual(AA={2020: 10.0, 2021: 20.0, 2022: 30.0}, BB={2020: 30, 2021: 60, 2022: 90.0})
    assert sigma_convergence(flat, SET).direction is Convergence.STABLE


def test_sigma_convergence_skips_periods_with_too_few_geos_or_a_zero_mean():
    values = annual(AA={2020: 5.0, 2021: 0.0, 2022: 10.0}, BB={2021: 0.0, 2022: 30.0})
    result = sigma_convergence(values, SET)
    assert [d.reason for d in result.dispersions] == [Reason.TOO_FEW_GEOS, Reason.ZERO_MEAN, None]
    assert result.slope is None
    assert result.reason is Reason.TOO_FEW_POINTS


@pytest.mark.parametrize("options", [{"minimum_geos": 1}, {"tolerance": 0}])
def test_sigma_convergence_refuses_nonsensical_options(options):
    with pytest.raises(ValueError):
        sigma_convergence({}, SET, **options)


def test_sigma_convergence_window():
    values = annual(AA=line(2010, 2024, 10.0, 1.0), BB=line(2010, 2024, 30.0, 0.5))
    result = sigma_convergence(values, SET, start="2019", end="2023")
    assert [d.period for d in result.dispersions] == ["2019", "2020", "2021", "2022", "2023"]


def test_beta_convergence_slope_of_annual_change_on_initial_level():
    # Over 5 years: AA 10 -> 20 (+2 a year), BB 20 -> 25 (+1), CC 30 -> 30 (0); DD has no end.
    values = annual(
        AA={2019: 10.0, 2024: 20.0},
        BB={2019: 20.0, 2024: 25.0},
        CC={2019: 30.0, 2024: 30.0},
        DD={2019: 5.0},
    )
    result = beta_convergence(values, SET, "2019", "2024")
    assert close(result.slope, -0.1)
    assert close(result.intercept, 3.0)
    assert result.n == 3
    assert result.converging is True


def test_beta_convergence_needs_three_geos_and_spread_levels():
    two = annual(AA={2019: 10.0, 2024: 20.0}, BB={2019: 20.0, 2024: 25.0})
    assert beta_convergence(two, SET, "2019", "2024").reason is Reason.TOO_FEW_GEOS
    same = annual(**{geo: {2019: 10.0, 2024: float(i)} for i, geo in enumerate(SET)})
    assert beta_convergence(same, SET, "2019", "2024").reason is Reason.NO_SPREAD


# Catching up ---------------------------------------------------------------------------------


def test_years_to_reach_divides_the_gap_by_the_difference_of_slopes():
    values = annual(EU27_2020=line(2020, 2024, 20.0, 1.0), PL=line(2020, 2024, 10.0, 2.0))
    result = years_to_reach(values, "PL", EU27_MEMBERS)
    assert result.period == "2024"
    assert close(result.gap, -6.0)  # 18 - 24
    assert close(result.years, 6.0)  # 6 / (2 - 1)
    assert close(result.reach_year, 2030.0)


def test_years_to_reach_is_zero_when_at_or_above():
    values = annual(EU27_2020=line(2020, 2024, 20.0, 1.0), PL={2024: 24.0})
    result = years_to_reach(values, "PL", EU27_MEMBERS)
    assert result.years == 0.0
    assert result.reason is None


def test_years_to_reach_is_none_when_not_catching_up():
    values = annual(EU27_2020=line(2020, 2024, 20.0, 1.0), PL=line(2020, 2024, 10.0, 1.0))
    result = years_to_reach(values, "PL", EU27_MEMBERS)
    assert result.years is None
    assert result.reason is Reason.NOT_CATCHING_UP


def test_years_to_reach_follows_the_set_mean_where_the_aggregate_is_missing():
    # The set mean of AA and BB rises 1 a year from 20; PL rises 3 a year from 10.
    values = annual(
        EU27_2020={2020: 20.0, 2021: 21.0},
        AA=line(2020, 2024, 10.0, 0.5),
        BB=line(2020, 2024, 30.0, 1.5),
        PL=line(2020, 2024, 10.0, 3.0),
    )
    result = years_to_reach(values, "PL", ["AA", "BB"])
    assert close(result.reference_trend.slope, 1.0)
    assert close(result.years, 1.0)  # gap 22 - 24 = -2, closing at 3 - 1 = 2 points a year


def test_years_to_reach_without_enough_points_says_why():
    values = annual(EU27_2020=line(2020, 2024, 20.0, 1.0), PL={2023: 10.0, 2024: 12.0})
    assert years_to_reach(values, "PL", EU27_MEMBERS).reason is Reason.TOO_FEW_POINTS
    assert years_to_reach(values, "SK", EU27_MEMBERS).reason is Reason.GEO_VALUE_MISSING


# Verdict -------------------------------------------------------------------------------------


def gaps(start: tuple[float, float], end: tuple[float, float]) -> dict[str, dict[str, float]]:
    """A panel where PL and the EU have (geo, EU) values `start` in 2019 and `end` in 2024."""
    return {"PL": {"2019": start[0], "2024": end[0]}, EU: {"2019": start[1], "2024": end[1]}}


def test_verdict_widening_with_its_figures():
    result = verdict(gaps((13.5, 17.0), (14.7, 20.7)), "PL", EU27_MEMBERS, "2019", "2024")
    assert result.direction is GapDirection.WIDENING
    assert close(result.gap_start, -3.5)
    assert close(result.gap_end, -6.0)
    assert close(result.change, 2.5)
    assert (result.value_start, result.value_end) == (13.5, 14.7)
    assert (result.reference_start.value, result.reference_end.value) == (17.0, 20.7)
    assert result.reference_end.source is ReferenceSource.AGGREGATE
    assert result.behind_start and result.behind_end


@pytest.mark.parametrize(
    ("start", "end", "direction"),
    [
        ((10.0, 13.0), (10.0, 13.5), GapDirection.WIDENING),  # |gap| 3.0 -> 3.5: exactly 0.5
        ((10.0, 13.5), (10.0, 13.0), GapDirection.NARROWING),  # 3.5 -> 3.0
        ((10.0, 13.0), (10.0, 13.4), GapDirection.STABLE),  # 0.4 is under 0.5
        ((10.0, 13.0), (10.0, 12.6), GapDirection.STABLE),
        # 0.5 in decimal, 0.49999999999999645 in binary: still a widening.
        ((8.36, 35.17), (24.09, 51.40), GapDirection.WIDENING),
        ((11.38, 26.06), (16.24, 30.42), GapDirection.NARROWING),
    ],
)
def test_verdict_stable_only_under_half_a_point(start, end, direction):
    result = verdict(gaps(start, end), "PL", EU27_MEMBERS, "2019", "2024")
    assert result.direction is direction


def test_verdict_compares_absolute_gaps_so_overtaking_can_be_stable():
    result = verdict(gaps((19.0, 20.0), (21.0, 20.0)), "PL", EU27_MEMBERS, "2019", "2024")
    assert result.direction is GapDirection.STABLE
    assert (result.behind_start, result.behind_end) == (True, False)


def test_verdict_with_a_missing_end_says_why():
    values = {"PL": {"2019": 10.0}, EU: {"2019": 12.0, "2024": 14.0}}
    result = verdict(values, "PL", EU27_MEMBERS, "2019", "2024")
    assert result.direction is None
    assert close(result.gap_start, -2.0)
    assert result.reason is Reason.GEO_VALUE_MISSING
    values = {"PL": {"2019": 10.0, "2024": 11.0}, EU: {"2019": 12.0}}
    assert verdict(values, "PL", ["AA"], "2019", "2024").reason is Reason.REFERENCE_MISSING


def test_verdict_needs_start_before_end_and_a_positive_threshold():
    with pytest.raises(ValueError):
        verdict({}, "PL", EU27_MEMBERS, "2024", "2019")
    with pytest.raises(ValueError):
        verdict({}, "PL", EU27_MEMBERS, "2019", "2024", threshold=0)


# Summary -------------------------------------------------------------------------------------


YEARS_2019_2024 = ["2019", "2020", "2021", "2022", "2023", "2024"]


def test_divide_summary_measures_the_latest_period_against_five_years_earlier():
    values = annual(
        EU27_2020=line(2015, 2024, 10.0, 1.0),
        AA=line(2015, 2024, 5.0, 1.5),
        BB=line(2015, 2024, 15.0, 0.5),
        CC={**line(2015, 2024, 10.0, 0.8), 2024: None},
    )
    result = divide_summary(values, "AA", ["AA", "BB", "CC"])
    assert (result.start, result.end) == ("2019", "2024")
    assert close(result.gap.to_reference, -5.0 + 4.5)
    assert result.rank.position == 2  # BB has 19.5, CC no 2024 value
    assert result.rank.of == 2
    assert close(result.change.per_year, 1.5)
    assert close(result.trend.slope, 1.5)
    assert close(result.catch_up.years, 1.0)  # 0.5 behind, gaining 1.5 - 1 a year
    assert result.verdict.direction is GapDirection.NARROWING  # |gap| 3 -> 0.5
    assert [d.period for d in result.sigma.dispersions] == YEARS_2019_2024
    assert result.beta.n == 2  # CC has no 2024 value
    assert result.beta.reason is Reason.TOO_FEW_GEOS
    assert result.reason is None


def test_divide_summary_starts_at_the_earliest_period_when_five_years_back_is_missing():
    values = annual(EU27_2020=line(2018, 2024, 10.0, 1.0), PL={2018: 5.0, 2021: 7.0, 2024: 9.0})
    assert divide_summary(values, "PL", EU27_MEMBERS).start == "2021"
    values = annual(EU27_2020=line(2015, 2024, 10.0, 1.0), PL={2017: 5.0, 2022: 9.0, 2023: 10})
    result = divide_summary(values, "PL", EU27_MEMBERS)
    assert (result.start, result.end) == ("2022", "2023")


def test_divide_summary_with_one_period_or_none():
    values = annual(EU27_2020={2024: 20.0}, PL={2024: 15.0})
    result = divide_summary(values, "PL", EU27_MEMBERS)
    assert result.end == "2024"
    assert result.verdict is None
    assert result.reason is Reason.NO_EARLIER_PERIOD
    empty = divide_summary(values, "SK", EU27_MEMBERS)
    assert empty.end is None and empty.gap is None
    assert empty.reason is Reason.GEO_VALUE_MISSING


# numpy as an independent oracle --------------------------------------------------------------

GEOS = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE"]
YEARS = [str(year) for year in range(2010, 2025)]
# Values on Eurostat's grid (two decimals, 0 to 100): realistic, and free of subnormal floats
# that would compare two algorithms' rounding rather than their maths.
published = st.integers(0, 10_000).map(lambda hundredths: hundredths / 100)
# About one value in six unpublished (st.one_of would favour its first branch).
maybe = st.tuples(st.sampled_from([True] * 5 + [False]), published).map(
    lambda drawn: drawn[1] if drawn[0] else None
)


@st.composite
def panels(draw):
    geos = draw(st.lists(st.sampled_from(GEOS), min_size=3, max_size=len(GEOS), unique=True))
    years = sorted(draw(st.lists(st.sampled_from(YEARS), min_size=3, max_size=10, unique=True)))
    values = {geo: {year: draw(maybe) for year in years} for geo in [*geos, EU]}
    return values, geos, years


def numbers(values, geos, period):
    found = [values[geo].get(period) for geo in geos]
    return np.array([value for value in found if value is not None], dtype=float)


def np_reference(values, geos, period):
    if values[EU].get(period) is not None:
        return values[EU][period]
    found = numbers(values, geos, period)
    return float(np.mean(found)) if found.size else None


def np_slope(series, last=5, minimum=3):
    points = sorted((int(year), value) for year, value in series.items() if value is not None)
    points = points[-last:]
    if len(points) < minimum:
        return None
    x, y = np.array(points, dtype=float).T
    return float(np.polyfit(x, y, 1)[0])


@settings(max_examples=200, deadline=None)
@given(panels())
def test_reference_gap_rank_and_top_quartile_match_numpy(panel):
    values, geos, years = panel
    for period in years:
        expected_reference = np_reference(values, geos, period)
        found = numbers(values, geos, period)
        for geo in geos:
            result = gap(values, geo, period, geos)
            value = values[geo][period]
            if value is None or expected_reference is None:
                assert result.to_reference is None
                continue
            assert close(result.to_reference, value - expected_reference)
            assert close(result.to_best, value - float(np.max(found)))
            quartile = float(np.percentile(found, 75, method="linear"))
            assert close(result.to_top_quartile, value - quartile)
            assert rank(values, geo, period, geos).position == 1 + int(np.sum(found > value))


@settings(max_examples=200, deadline=None)
@given(panels())
def test_trend_and_change_match_numpy(panel):
    values, geos, years = panel
    for geo in geos:
        expected = np_slope(values[geo])
        result = trend(values, geo)
        assert result.slope is None if expected is None else close(result.slope, expected)
        start, end = values[geo][years[0]], values[geo][years[-1]]
        change = change_per_year(values, geo, years[0], years[-1]).per_year
        if start is None or end is None:
            assert change is None
        else:
            assert close(change, (end - start) / (int(years[-1]) - int(years[0])))


@settings(max_examples=200, deadline=None)
@given(panels())
def test_sigma_convergence_matches_numpy(panel):
    values, geos, _ = panel
    result = sigma_convergence(values, geos)
    cvs = {}
    for dispersion in result.dispersions:
        found = numbers(values, geos, dispersion.period)
        if found.size < 2 or np.mean(found) == 0:
            assert dispersion.cv is None
            continue
        cvs[dispersion.period] = float(np.std(found, ddof=0) / np.mean(found))
        assert close(dispersion.cv, cvs[dispersion.period])
    if len(cvs) < 3:
        assert result.slope is None
    else:
        x = np.array([int(period) for period in cvs], dtype=float)
        assert close(result.slope, float(np.polyfit(x, list(cvs.values()), 1)[0]))


@settings(max_examples=200, deadline=None)
@given(panels())
def test_beta_convergence_matches_numpy(panel):
    values, geos, years = panel
    start, end = years[0], years[-1]
    pairs = [
        (values[geo][start], values[geo][end])
        for geo in geos
        if values[geo][start] is not None and values[geo][end] is not None
    ]
    result = beta_convergence(values, geos, start, end)
    assert result.n == len(pairs)
    if len(pairs) < 3:
        assert result.reason is Reason.TOO_FEW_GEOS
        return
    level, final = np.array(pairs, dtype=float).T
    if np.ptp(level) == 0:
        assert result.reason is Reason.NO_SPREAD
        return
    slope, intercept = np.polyfit(level, (final - level) / (int(end) - int(start)), 1)
    assert close(result.slope, float(slope))
    assert close(result.intercept, float(intercept))


@settings(max_examples=200, deadline=None)
@given(panels())
def test_years_to_reach_and_verdict_match_numpy(panel):
    values, geos, years = panel
    geo = geos[0]
    compared = [
        year
        for year in years
        if values[geo][year] is not None and np_reference(values, geos, year) is not None
    ]
    result = years_to_reach(values, geo, geos)
    if not compared:
        assert result.reason is Reason.GEO_VALUE_MISSING
        return
    end = compared[-1]
    current = values[geo][end] - np_reference(values, geos, end)
    assert close(result.gap, current)
    until = [year for year in years if year <= end]
    geo_slope = np_slope({year: values[geo][year] for year in until})
    eu_slope = np_slope({year: np_reference(values, geos, year) for year in until})
    if current >= 0:
        assert result.years == 0
    elif geo_slope is None or eu_slope is None:
        assert result.years is None and result.reason is Reason.TOO_FEW_POINTS
    elif geo_slope - eu_slope <= 1e-12:
        assert result.years is None
    else:
        assert close(result.years, -current / (geo_slope - eu_slope))
    if len(compared) >= 2:
        first = values[geo][compared[0]] - np_reference(values, geos, compared[0])
        change = abs(current) - abs(first)
        result = verdict(values, geo, geos, compared[0], end)
        assert close(result.change, change)
        if abs(abs(change) - 0.5) > 1e-6:  # leave the boundary to the hand-made cases
            expected = "stable" if abs(change) < 0.5 else "widening" if change > 0 else "narrowing"
            assert result.direction == expected


# Real data: Poland's share of enterprises selling online (E_ESELL), against the EU ------------


def esell_panel() -> dict[str, dict[str, float | None]]:
    values: dict[str, dict[str, float | None]] = {}
    with ESELL_CSV.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["size_emp"] == "GE10":
                value = float(row["value"]) if row["value"] else None
                values.setdefault(row["geo"], {})[row["year"]] = value
    return values


def test_poland_e_esell_gap_to_the_eu_widened_from_2019_to_2024():
    values = esell_panel()
    result = verdict(values, "PL", EU27_MEMBERS, "2019", "2024")
    assert (result.value_start, result.value_end) == (13.66, 14.71)
    assert (result.reference_start.value, result.reference_end.value) == (17.19, 20.75)
    assert result.reference_end.source is ReferenceSource.AGGREGATE
    assert close(result.gap_start, 13.66 - 17.19)  # -3.53
    assert close(result.gap_end, 14.71 - 20.75)  # -6.04
    assert result.direction is GapDirection.WIDENING

    years = np.arange(2020, 2025, dtype=float)
    poland = [values["PL"][str(int(year))] for year in years]
    eu = [values[EU][str(int(year))] for year in years]
    summary = divide_summary(values, "PL", EU27_MEMBERS)
    assert (summary.start, summary.end) == ("2019", "2024")
    assert close(summary.trend.slope, float(np.polyfit(years, poland, 1)[0]))  # 0.11 a year
    assert close(summary.catch_up.reference_trend.slope, float(np.polyfit(years, eu, 1)[0]))
    assert summary.catch_up.years is None
    assert summary.catch_up.reason is Reason.NOT_CATCHING_UP

    in_2024 = numbers(values, EU27_MEMBERS, "2024")  # France has no 2024 value
    assert summary.rank.position == 1 + int(np.sum(in_2024 > 14.71))
    assert summary.rank.of == in_2024.size == 26
    quartile = float(np.percentile(in_2024, 75, method="linear"))
    assert close(summary.gap.to_top_quartile, 14.71 - quartile)
