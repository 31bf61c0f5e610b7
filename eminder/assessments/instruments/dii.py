"""Scoring Eurostat's Digital Intensity Index for one enterprise (methodology §2, §4 facts 1-8).

Twelve yes/no items of the survey year's variable set, one point per "yes": 0-12. Levels are
inclusive upper bounds 3, 6, 9: very low 0-3, low 4-6, high 7-9, very high 10-12; "at least
basic" is everything above very low (a score of 4 or more). The variable set alternates by year
(v3 in 2021/2023/2025, v4 in 2022/2024) and results of different versions are never compared.
"""

from collections.abc import Iterable
from fractions import Fraction

from .answers import Answers
from .model import Instrument
from .results import ModuleResult, level_for

SCORING = "dii"
ITEMS = 12
VERSION_BY_YEAR = {2021: 3, 2022: 4, 2023: 3, 2024: 4, 2025: 3}
LEVEL_CODES = {"very_low": "VLO", "low": "LO", "high": "HI", "very_high": "VHI"}
OFFICIAL_BOUNDS = (3, 6, 9)
SME_PERSONS_EMPLOYED = (10, 249)  # the Digital Decade KPI counts SMEs of this size only
DIGITAL_DECADE_TARGET = 90  # per cent of SMEs at least basic, to be exceeded by 2030


def dii_version_for_year(survey_year: int) -> int:
    """Eurostat's DII version of a survey year: 3 in 2021/2023/2025, 4 in 2022/2024."""
    try:
        return VERSION_BY_YEAR[survey_year]
    except KeyError:
        raise ValueError(f"no DII version is known for survey year {survey_year}") from None


def check(instrument: Instrument) -> list[str]:
    """What a DII file needs beyond the general schema, as a list of problems."""
    problems = []
    questions = list(instrument.questions.values())
    if len(questions) != ITEMS or any(q.type != "yes_no" for q in questions):
        problems.append(f"a DII has exactly {ITEMS} yes_no questions")
    if instrument.survey_year is None or instrument.dii_version != VERSION_BY_YEAR.get(
        instrument.survey_year
    ):
        problems.append("survey_year and dii_version must match Eurostat's alternation")
    if instrument.max_score != ITEMS or [lv.id for lv in instrument.levels] != list(LEVEL_CODES):
        problems.append(f"a DII has max_score {ITEMS} and the levels {', '.join(LEVEL_CODES)}")
    if instrument.settings:
        problems.append("a DII has no settings: its items and levels are Eurostat's")
    return problems


def score_dii(instrument: Instrument, answers: Answers) -> ModuleResult:
    items = {q: 1.0 if answers.get(q) is True else 0.0 for q in instrument.questions}
    count = int(sum(items.values()))
    level = level_for(count, OFFICIAL_BOUNDS, list(LEVEL_CODES))
    prefix = f"E_DI{instrument.dii_version}"
    indicators = {f"{prefix}_{code}": level == level_id for level_id, code in LEVEL_CODES.items()}
    indicators[f"{prefix}_GELO"] = is_at_least_basic(count)
    return ModuleResult(
        instrument=instrument.id,
        version=instrument.version,
        scoring=SCORING,
        fingerprint=instrument.fingerprint,
        confirmed=instrument.confirmed,
        settings=instrument.settings_values(),
        score=float(count),
        max_score=ITEMS,
        level=level,
        items=items,
        indicators=indicators,
        survey_year=instrument.survey_year,
        dii_version=instrument.dii_version,
        at_least_basic=is_at_least_basic(count),
    )


def is_at_least_basic(count: int) -> bool:
    """Eurostat's E_DIx_GELO: low, high or very high, i.e. a score of 4 or more."""
    return count > OFFICIAL_BOUNDS[0]


def comparable(first: ModuleResult, second: ModuleResult) -> bool:
    """Whether two DII results may be shown as a trend: same Eurostat DII version only."""
    return first.scoring == second.scoring == SCORING and first.dii_version == second.dii_version


def is_sme(persons_employed: int) -> bool:
    """Whether an enterprise of this size counts towards the Digital Decade SME target."""
    low, high = SME_PERSONS_EMPLOYED
    return low <= persons_employed <= high


def share_at_least_basic(results: Iterable[ModuleResult]) -> float:
    """Percentage of the results at least basic; all must be of one DII version."""
    results = list(results)
    if not results or any(not comparable(results[0], result) for result in results):
        raise ValueError("give one or more DII results of the same DII version")
    basic = sum(1 for result in results if result.at_least_basic)
    return float(Fraction(100 * basic, len(results)))


def meets_digital_decade_target(share: float) -> bool:
    """The 2030 target is *more than* 90% of SMEs at least basic: 90% exactly falls short."""
    return share > DIGITAL_DECADE_TARGET
