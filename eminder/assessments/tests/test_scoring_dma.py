"""DMA scoring: every testable fact of methodology §4 (facts 9-16), boundaries included."""

from fractions import Fraction

import pytest

from eminder.assessments.instruments import (
    AnswerError,
    ModuleResult,
    advice,
    load_instrument,
    progress,
    score,
)
from eminder.assessments.instruments.results import level_for, rounded

DMA = load_instrument("dma_sme", 1)
DIMENSIONS = [section.id for section in DMA.sections]
LEVELS = ["basic", "average", "moderately_advanced", "advanced"]


def options(question: str, count: int | None = None) -> list[str]:
    """The first `count` positive options of a multiple-choice question (all by default)."""
    positive = [o.id for o in DMA.questions[question].options if not o.negative]
    return positive[:count] if count is not None else positive


def scale(question: str, *steps: str) -> dict[str, str]:
    rows = DMA.questions[question].row_ids
    return dict(zip(rows, steps, strict=True))


def empty(**changes) -> dict:
    answers = {
        "q1": {},
        "q2": [],
        "q3": [],
        "q4": scale("q4", *["not_used"] * 7),
        "q5": [],
        "q6": [],
        "q7": [],
        "q8": [],
        "q9": scale("q9", *["not_used"] * 5),
        "q10": [],
        "q11": scale("q11", *["no"] * 5),
    }
    return answers | changes


def full(**changes) -> dict:
    both = ["invested", "planned"]
    answers = {
        "q1": dict.fromkeys(DMA.questions["q1"].row_ids, both),
        "q2": options("q2"),
        "q3": options("q3"),
        "q4": scale("q4", *["operational"] * 7),
        "q5": options("q5"),
        "q6": options("q6"),
        "q7": options("q7"),
        "q8": options("q8"),
        "q9": scale("q9", *["operational"] * 5),
        "q10": options("q10"),
        "q11": scale("q11", *["yes"] * 5),
    }
    return answers | changes


def dimensions(result: ModuleResult) -> list[float]:
    return [d.score for d in result.dimensions]


# Fact 9: six dimensions, overall = unweighted mean.
def test_six_dimensions_in_the_official_order():
    result = score(DMA, empty())

    assert [d.id for d in result.dimensions] == [
        "digital_business_strategy",
        "digital_readiness",
        "human_centric_digitalisation",
        "data_management",
        "automation_ai",
        "green_digitalisation",
    ]


def test_overall_is_the_unweighted_mean_50_50_50_50_50_20_gives_45():
    answers = empty(
        q1={row: ["invested"] for row in DMA.questions["q1"].row_ids},  # 10 + 0 + 5 of 30
        q2=options("q2", 5),
        q3=options("q3"),  # 10 and 0: (10 + 0) x 5
        q5=options("q5"),  # 10 and 0
        q7=options("q7"),  # 7 of 7 and 0
        q9=scale("q9", "operational", *["not_used"] * 4),  # 5 of 25: 20
        q10=options("q10", 5),
        q11=scale("q11", *["partially"] * 5),  # 5 and 5
    )

    result = score(DMA, answers)

    assert dimensions(result) == [50, 50, 50, 50, 20, 50]
    assert result.score == 45
    assert result.level == "average"


# Fact 10: bounds, empty and full answers.
def test_all_empty_answers_score_zero_everywhere():
    result = score(DMA, empty())

    assert dimensions(result) == [0] * 6
    assert result.score == 0
    assert result.level == "basic"


def test_all_max_answers_score_100_everywhere_including_d1():
    result = score(DMA, full())

    assert dimensions(result) == [100] * 6
    assert result.score == 100
    assert result.level == "advanced"
    assert result.items["q1.invested"] == result.items["q1.planned"] == 10


# Fact 11: multi-select normalisation.
def test_q5_three_of_seven_and_q6_four_of_eight():
    result = score(DMA, empty(q5=options("q5", 3), q6=options("q6", 4)))

    assert result.items["q5"] == pytest.approx(4.2857, abs=1e-4)
    assert result.items["q6"] == 5
    assert result.dimension("human_centric_digitalisation") == pytest.approx((30 / 7 + 5) * 5)


# Fact 12: 0-5 grids.
def test_an_operational_row_is_worth_one_and_all_operational_ai_gives_100():
    assert score(DMA, empty(q9=scale("q9", *["operational"] * 5))).dimension("automation_ai") == 100


def test_ai_grid_1_0_0_0_3_gives_16():
    answers = empty(q9=scale("q9", "considering", "not_used", "not_used", "not_used", "testing"))

    assert score(DMA, answers).dimension("automation_ai") == 16


def test_advanced_technology_grid_is_out_of_35():
    answers = empty(q4=scale("q4", "operational", "implementing", *["not_used"] * 5))

    assert score(DMA, answers).items["q4"] == pytest.approx(10 * 9 / 35)


# Fact 13: No / Partially / Yes.
def test_q11_partially_no_no_yes_partially_gives_4():
    answers = empty(q11=scale("q11", "partially", "no", "no", "yes", "partially"))
    result = score(DMA, answers)

    assert result.items["q11"] == 4
    assert result.dimension("green_digitalisation") == 20


# Fact 14: levels, bounds inclusive.
@pytest.mark.parametrize(
    ("overall", "level"),
    [
        (0, "basic"),
        (25, "basic"),
        (Fraction(2501, 100), "average"),
        (26, "average"),
        (50, "average"),
        (Fraction(5001, 100), "moderately_advanced"),
        (51, "moderately_advanced"),
        (75, "moderately_advanced"),
        (Fraction(7501, 100), "advanced"),
        (76, "advanced"),
        (100, "advanced"),
    ],
)
def test_maturity_level_boundaries(overall, level):
    bounds = DMA.setting("level_bounds")

    assert level_for(overall, bounds, LEVELS) == level


def test_a_score_of_exactly_50_is_average():
    answers = empty(
        **{q: full()[q] for q in ("q1", "q2", "q3", "q4", "q5", "q6")},
    )  # three dimensions at 100, three at 0

    result = score(DMA, answers)

    assert result.score == 50
    assert result.level == "average"


def test_level_bounds_are_a_setting():
    answers = empty(**{q: full()[q] for q in ("q1", "q2", "q3", "q4", "q5", "q6")})
    stricter = DMA.with_settings(level_bounds=[20, 40, 60])

    result = score(stricter, answers)

    assert result.level == "moderately_advanced"
    assert result.settings["level_bounds"] == [20, 40, 60]


# Fact 15: T0 and T1 scored independently with the same rules; progress in points.
def test_progress_is_t1_minus_t0_per_dimension_and_overall():
    t0 = score(DMA, empty(q9=scale("q9", "considering", *["not_used"] * 4)))
    t1 = score(DMA, empty(q9=scale("q9", "testing", *["not_used"] * 4), q8=options("q8")))

    change = progress(t0, t1)

    assert change["dimensions"] == {
        "digital_business_strategy": 0,
        "digital_readiness": 0,
        "human_centric_digitalisation": 0,
        "data_management": 50,
        "automation_ai": 8,
        "green_digitalisation": 0,
    }
    assert change["overall"] == pytest.approx(58 / 6 - 0)
    assert (change["level_before"], change["level_after"]) == ("basic", "basic")
    assert score(DMA, empty(q9=scale("q9", "considering", *["not_used"] * 4))) == t0


def test_progress_refuses_results_scored_with_other_rules():
    t0 = score(DMA, empty())
    t1 = score(DMA.with_settings(d1_variant="B"), empty())

    with pytest.raises(ValueError, match="same rules"):
        progress(t0, t1)


# Fact 16: the D1 strategy is pluggable, A by default.
def d1_answers() -> dict:
    rows = DMA.questions["q1"].row_ids
    grid = {row: ["invested"] for row in rows[:4]}
    grid |= {row: ["planned"] for row in rows[4:6]}
    grid |= {row: ["invested", "planned"] for row in rows[6:8]}
    return empty(q1=grid, q2=options("q2", 5))  # 6 invested, 4 planned, 5 prepared


@pytest.mark.parametrize(
    ("variant", "d1"),
    [
        ("A", (6 + 4 + 5) / 30 * 100),  # 50
        ("B", (10 * (6 + 2 * 0.5) / 10 + 5) * 5),  # 60
        ("C", (10 * (6 + 0.5 * 4) / 15 + 5) * 5),  # 51.67
    ],
)
def test_each_d1_variant(variant, d1):
    instrument = DMA if variant == "A" else DMA.with_settings(d1_variant=variant)

    result = score(instrument, d1_answers())

    assert result.dimension("digital_business_strategy") == pytest.approx(d1)
    assert result.settings["d1_variant"] == variant


def test_variant_a_is_the_default_and_counts_a_row_ticked_twice_twice():
    result = score(DMA, empty(q1={"delivery": ["invested", "planned"]}))

    assert DMA.setting("d1_variant") == "A"
    assert result.dimension("digital_business_strategy") == pytest.approx(2 / 30 * 100)


@pytest.mark.parametrize("variant", ["A", "B", "C"])
def test_every_variant_gives_100_for_full_and_0_for_empty_answers(variant):
    instrument = DMA.with_settings(d1_variant=variant)

    assert score(instrument, full()).dimension("digital_business_strategy") == 100
    assert score(instrument, empty()).dimension("digital_business_strategy") == 0


# The negative option of Q7 (unconfirmed, a setting).
@pytest.mark.parametrize(
    ("rule", "ticks", "q7"),
    [
        ("exclusive_zero", ["not_collected_digitally"], 0),
        ("exclusive_zero", options("q7", 3), 10 * 3 / 7),
        ("ordinary_tick", ["not_collected_digitally"], 10 / 8),
        ("ordinary_tick", ["not_collected_digitally", *options("q7", 3)], 10 * 4 / 8),
        ("ordinary_tick", options("q7"), 10 * 7 / 8),
        ("minus_one", ["not_collected_digitally"], 0),
        ("minus_one", ["not_collected_digitally", *options("q7", 3)], 10 * 2 / 7),
    ],
)
def test_the_negative_data_option_follows_its_rule(rule, ticks, q7):
    result = score(DMA.with_settings(negative_option_rule=rule), empty(q7=ticks))

    assert result.items["q7"] == pytest.approx(q7)


def test_settings_only_take_documented_values():
    with pytest.raises(AnswerError) as error:
        DMA.with_settings(d1_variant="D", colour="red", level_bounds=[50, 40, 60])

    assert sorted(p.code for p in error.value.problems) == [
        "invalid_setting",
        "invalid_setting",
        "unknown_setting",
    ]


def test_rounding_is_off_by_default_and_half_up_when_chosen():
    answers = empty(q5=options("q5", 3))  # D3 = 21.43, overall 3.57
    exact = score(DMA, answers)
    whole = score(DMA.with_settings(rounding="integer"), answers)
    tenth = score(DMA.with_settings(rounding="one_decimal"), answers)

    assert exact.dimension("human_centric_digitalisation") == pytest.approx(150 / 7)
    assert whole.dimension("human_centric_digitalisation") == 21
    assert tenth.dimension("human_centric_digitalisation") == 21.4
    assert (whole.score, tenth.score) == (4, 3.6)


@pytest.mark.parametrize(
    ("value", "rule", "expected"),
    [
        (Fraction(51, 2), "integer", 26),
        (Fraction(49, 2), "integer", 25),
        (Fraction(2505, 100), "one_decimal", Fraction(251, 10)),
        (Fraction(2504, 100), "one_decimal", Fraction(25, 1)),
        (Fraction(2504, 100), "none", Fraction(2504, 100)),
    ],
)
def test_rounding_half_up(value, rule, expected):
    assert rounded(value, rule) == expected


def test_with_integer_rounding_the_level_follows_the_rounded_score():
    bounds = DMA.setting("level_bounds")

    assert level_for(rounded(Fraction(251, 10), "integer"), bounds, LEVELS) == "basic"
    assert level_for(Fraction(251, 10), bounds, LEVELS) == "average"


# Advice: every dimension at 50 or less, or the two lowest when none is.
def test_advice_for_every_dimension_at_or_below_50_lowest_first():
    answers = empty(
        **{q: full()[q] for q in ("q1", "q2", "q3", "q4")},
        q5=options("q5"),  # D3 = 50 exactly
        q8=options("q8", 3),  # D4 = 25
    )
    result = score(DMA, answers)

    tips = advice(result, DMA, "en")

    assert [(tip.dimension, tip.score) for tip in tips] == [
        ("automation_ai", 0),
        ("green_digitalisation", 0),
        ("data_management", 25),
        ("human_centric_digitalisation", 50),
    ]


def test_when_no_dimension_is_at_or_below_50_the_two_lowest_get_advice():
    answers = full(q5=options("q5", 6), q10=options("q10", 9))  # D3 = 92.9, D6 = 95

    tips = advice(score(DMA, answers), DMA, "pl")

    assert [tip.dimension for tip in tips] == [
        "human_centric_digitalisation",
        "green_digitalisation",
    ]
    assert tips[0].label == "Cyfryzacja zorientowana na człowieka"
    assert tips[0].text == DMA.sections[2].advice.pl


def test_ties_among_the_lowest_follow_questionnaire_order():
    tips = advice(score(DMA, full()), DMA, "es")

    assert [tip.dimension for tip in tips] == ["digital_business_strategy", "digital_readiness"]
    assert tips[0].label == "Estrategia empresarial digital"


def test_advice_falls_back_to_english_for_another_language():
    tips = advice(score(DMA, empty()), DMA, "pt-BR")

    assert tips[0].text == DMA.sections[0].advice.en


def test_advice_refuses_a_result_of_another_instrument():
    dii = load_instrument("dii_2023", 1)
    result = score(dii, dict.fromkeys(dii.questions, True))

    with pytest.raises(ValueError, match="not scored with"):
        advice(result, DMA, "en")


def test_a_result_round_trips_through_json():
    result = score(DMA, d1_answers())

    assert ModuleResult.from_dict(result.to_dict()) == result
    assert result.to_dict()["instrument"] == "dma_sme"
    assert result.to_dict()["version"] == 1
    assert result.to_dict()["fingerprint"] == DMA.fingerprint
