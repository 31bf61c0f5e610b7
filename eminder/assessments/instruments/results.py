"""What scoring one module gives: a `ModuleResult`, plain data that round-trips through JSON.

A result names the instrument id, version, fingerprint and settings it was computed with, so it
can be stored as it is and recomputed exactly from the stored answers at any later time.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import floor
from typing import Any

RESULT_KEYS = (
    "instrument",
    "version",
    "scoring",
    "fingerprint",
    "confirmed",
    "settings",
    "score",
    "max_score",
    "level",
    "dimensions",
    "items",
    "indicators",
    "values",
    "survey_year",
    "dii_version",
    "at_least_basic",
)


@dataclass(frozen=True)
class DimensionScore:
    id: str
    score: float  # 0-100


@dataclass(frozen=True)
class ModuleResult:
    """The scores of one module of one sitting.

    - DMA: `dimensions` (six, 0-100), `score` (their mean, 0-100), `level`, and `items`: each
      question (or scoring block) normalised to 0-10.
    - DII: `score` (0-12), `level`, `at_least_basic`, `survey_year`, `dii_version`, `items`
      (1 or 0 per question) and `indicators` (the `E_DI3_*` / `E_DI4_*` level codes).
    - E-commerce: `indicators` (Eurostat flags such as `E_ESELL`, true or false for the SME) and
      `values` (shares of turnover, `PC_TURN` codes such as `E_ETURN`, 0-100).
    """

    instrument: str
    version: int
    scoring: str
    fingerprint: str
    confirmed: bool
    settings: Mapping[str, Any]
    score: float | None = None
    max_score: int | None = None
    level: str | None = None
    dimensions: tuple[DimensionScore, ...] = ()
    items: Mapping[str, float] = field(default_factory=dict)
    indicators: Mapping[str, bool] = field(default_factory=dict)
    values: Mapping[str, float] = field(default_factory=dict)
    survey_year: int | None = None
    dii_version: int | None = None
    at_least_basic: bool | None = None

    def dimension(self, dimension_id: str) -> float:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension.score
        raise KeyError(dimension_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data, every key present (null where it does not apply)."""
        data = {key: getattr(self, key) for key in RESULT_KEYS}
        data["settings"] = dict(self.settings)
        data["dimensions"] = [{"id": d.id, "score": d.score} for d in self.dimensions]
        for key in ("items", "indicators", "values"):
            data[key] = dict(data[key])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ModuleResult":
        """The result `to_dict` gave, read back (for example from a JSON field)."""
        fields = {key: data[key] for key in RESULT_KEYS}
        fields["dimensions"] = tuple(
            DimensionScore(id=d["id"], score=d["score"]) for d in data["dimensions"]
        )
        return cls(**fields)


def rounded(value: Fraction, rule: str) -> Fraction:
    """`value` rounded half up by the `rounding` setting: "none", "integer" or "one_decimal"."""
    if rule == "none":
        return value
    scale = {"integer": 1, "one_decimal": 10}[rule]
    return Fraction(floor(value * scale + Fraction(1, 2)), scale)


def level_for(score: Fraction | float, bounds: Sequence[float], level_ids: Sequence[str]) -> str:
    """The first level whose upper bound the score does not exceed; above every bound, the last.

    Bounds are inclusive upper limits: with (25, 50, 75), 25 is the first level, 25.01 the second.
    """
    for bound, level in zip(bounds, level_ids, strict=False):
        if score <= Fraction(str(bound)):
            return level
    return level_ids[-1]
