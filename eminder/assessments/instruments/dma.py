"""Scoring the EDIH/JRC Digital Maturity Assessment for SMEs (methodology §1.3-1.5).

Each question is normalised to 0-10; a dimension is the mean of its scoring blocks times 10
(so (Q_a + Q_b) x 5 for two questions, Q9 x 10 for one); the overall score is the unweighted
mean of the six dimensions; the level comes from inclusive upper bounds (25, 50, 75 by default).

Settings of the version (each unconfirmed in the methodology, §5):
- `d1_variant` for the invested/planned grid (Q1): "A" counts each column as its own 0-10 block,
  so D1 = (n_invested + n_planned + n_prepared) / 30 x 100; "B" scores a row by its best ticked
  column (1 for invested, else 0.5 for planned); "C" adds the ticked columns' points (1 + 0.5)
  and divides by rows x 1.5. B and C then give D1 = (Q1 + Q2) x 5.
- `negative_option_rule` for "data is not collected digitally" (Q7): "exclusive_zero" (it stands
  alone and scores 0, Q7 = 10 x positives / 7), "ordinary_tick" (one tick out of 8, as S4) or
  "minus_one" (weight -1, floored at 0, as S5).
- `level_bounds` and `rounding` ("none", "integer", "one_decimal", half up; levels are taken
  from the reported overall score).
"""

from collections.abc import Mapping
from fractions import Fraction

from .answers import Answers, Value
from .model import Instrument, Option, Question
from .results import DimensionScore, ModuleResult, level_for, rounded

SCORING = "dma_sme"
SETTINGS = {"d1_variant", "negative_option_rule", "level_bounds", "rounding"}
TEN = Fraction(10)
Block = tuple[str, Fraction]  # (block id, score 0-10)


def check(instrument: Instrument) -> list[str]:
    """What a DMA file needs beyond the general schema, as a list of problems."""
    problems = [f"missing setting {name}" for name in sorted(SETTINGS - set(instrument.settings))]
    if instrument.max_score != 100 or not instrument.levels:
        problems.append("a DMA has max_score 100 and levels")
    for section in instrument.sections:
        if section.advice is None:
            problems.append(f"section {section.id} has no advice")
    for question in instrument.questions.values():
        if question.type not in {"multiple_choice", "scale_grid", "tick_grid"}:
            problems.append(f"{question.id}: a DMA question is a multiple choice or a grid")
        elif any(option.points is None for option in question.options):
            problems.append(f"{question.id}: every option needs points")
    return problems


def score_dma(instrument: Instrument, answers: Answers) -> ModuleResult:
    rule = str(instrument.setting("rounding"))
    items: dict[str, float] = {}
    exact: list[Fraction] = []
    for section in instrument.sections:
        blocks = [
            block
            for question in section.questions
            for block in question_blocks(question, answers.get(question.id), instrument)
        ]
        items.update((block_id, float(value)) for block_id, value in blocks)
        exact.append(sum((value for _, value in blocks), Fraction(0)) / len(blocks) * TEN)
    overall = rounded(sum(exact, Fraction(0)) / len(exact), rule)
    bounds = instrument.setting("level_bounds")
    assert isinstance(bounds, tuple)
    return ModuleResult(
        instrument=instrument.id,
        version=instrument.version,
        scoring=SCORING,
        fingerprint=instrument.fingerprint,
        confirmed=instrument.confirmed,
        settings=instrument.settings_values(),
        score=float(overall),
        max_score=instrument.max_score,
        level=level_for(overall, bounds, [level.id for level in instrument.levels]),
        dimensions=tuple(
            DimensionScore(id=section.id, score=float(rounded(value, rule)))
            for section, value in zip(instrument.sections, exact, strict=True)
        ),
        items=items,
    )


def question_blocks(
    question: Question, answer: Value | None, instrument: Instrument
) -> list[Block]:
    """The question's scoring blocks, each 0-10 (two for Q1 under variant A, else one)."""
    if question.type == "tick_grid":
        ticks = answer if isinstance(answer, Mapping) else {}
        return _tick_grid_blocks(question, ticks, str(instrument.setting("d1_variant")))
    if question.type == "scale_grid":
        chosen = answer if isinstance(answer, Mapping) else {}
        top = max(_points(option) for option in question.options)
        earned = sum(
            (_points(question.options_by_id[str(c)]) for c in chosen.values()), Fraction(0)
        )
        return [(question.id, TEN * earned / (top * len(question.rows)))]
    ticked = answer if isinstance(answer, tuple) else ()
    rule = str(instrument.setting("negative_option_rule"))
    return [(question.id, _multiple_choice(question, ticked, rule))]


def _multiple_choice(question: Question, ticked: tuple[str, ...], rule: str) -> Fraction:
    positive = [option for option in question.options if not option.negative]
    negative = [option for option in question.options if option.negative]
    earned = sum((_points(question.options_by_id[o]) for o in ticked), Fraction(0))
    top = sum((_points(option) for option in positive), Fraction(0))
    negatives_ticked = sum(1 for option in negative if option.id in ticked)
    if rule == "ordinary_tick":  # S4: the negative option is one more tick, out of 8
        earned += negatives_ticked
        top += len(negative)
    elif rule == "minus_one":  # S5: weight -1; a question never scores below 0
        earned = max(Fraction(0), earned - negatives_ticked)
    return TEN * earned / top


def _tick_grid_blocks(question: Question, ticks: Mapping[str, object], variant: str) -> list[Block]:
    columns = question.options
    rows = len(question.rows)
    ticked = {row: set(value) for row, value in ticks.items() if isinstance(value, tuple)}
    if variant == "A":  # each column is its own block; every tick counts 1
        return [
            (
                f"{question.id}.{column.id}",
                TEN * sum(1 for chosen in ticked.values() if column.id in chosen) / rows,
            )
            for column in columns
        ]
    weights = {column.id: _points(column) for column in columns}
    if variant == "B":  # a row is worth its best ticked column
        earned = sum((max(weights[c] for c in chosen) for chosen in ticked.values()), Fraction(0))
        return [(question.id, TEN * earned / (rows * max(weights.values())))]
    earned = sum((weights[c] for chosen in ticked.values() for c in chosen), Fraction(0))
    return [(question.id, TEN * earned / (rows * sum(weights.values())))]  # variant C


def _points(option: Option) -> Fraction:
    return option.points if option.points is not None else Fraction(0)


def progress(before: ModuleResult, after: ModuleResult) -> dict[str, object]:
    """T1 (or T2) minus T0 in percentage points, per dimension and overall, and both levels.

    Both results must come from the same scoring rules (instrument, fingerprint and settings);
    to compare across versions, score the earlier answers again with the later version.
    """
    same_rules = (before.instrument, before.fingerprint, dict(before.settings)) == (
        after.instrument,
        after.fingerprint,
        dict(after.settings),
    )
    if before.scoring != SCORING or not same_rules:
        raise ValueError("progress compares two DMA results scored with the same rules")
    assert before.score is not None and after.score is not None
    return {
        "dimensions": {
            d.id: after.dimension(d.id) - before.dimension(d.id) for d in before.dimensions
        },
        "overall": after.score - before.score,
        "level_before": before.level,
        "level_after": after.level,
    }
