"""The results of the divide metrics: frozen dataclasses and the codes a page translates."""

import re
from dataclasses import dataclass
from enum import StrEnum

_PERIOD = re.compile(r"(\d{4})(?:-?Q([1-4]))?")


def period_year(period: str) -> float:
    """The period as a year number: ``"2019"`` is 2019.0, ``"2019-Q3"`` (or ``"2019Q3"``) 2019.5."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise ValueError(f"Period {period!r} is neither a year nor a quarter like '2019-Q1'.")
    quarter = int(match.group(2) or 1)
    return int(match.group(1)) + (quarter - 1) / 4


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
