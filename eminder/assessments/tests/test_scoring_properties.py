"""Properties over generated answers: scores stay in range, a positive item never lowers a score,
and no input, however wrong, raises anything but AnswerError."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eminder.assessments.instruments import (
    AnswerError,
    load_instrument,
    parse_answers_document,
    score,
    validate_answers,
)

DMA = load_instrument("dma_sme", 1)
DII = load_instrument("dii_2023", 1)
ECOMMERCE = load_instrument("ecommerce", 1)
NEGATIVE = "not_collected_digitally"
SETTINGS = st.fixed_dictionaries(
    {
        "d1_variant": st.sampled_from(["A", "B", "C"]),
        "negative_option_rule": st.sampled_from(["exclusive_zero", "ordinary_tick", "minus_one"]),
        "rounding": st.sampled_from(["none", "integer", "one_decimal"]),
    }
)
EXAMPLES = settings(max_examples=150, deadline=None)


def subset(ids) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(list(ids)), unique=True).map(
        lambda chosen: [i for i in ids if i in chosen]
    )


@st.composite
def dma_answers(draw, rule: str = "exclusive_zero"):
    answers: dict[str, object] = {}
    for question in DMA.questions.values():
        ids = [option.id for option in question.options]
        if question.type == "multiple_choice":
            ticked = draw(subset(ids))
            if NEGATIVE in ticked and rule == "exclusive_zero":  # alone, or dropped
                alone = draw(st.booleans())
                ticked = [NEGATIVE] if alone else [t for t in ticked if t != NEGATIVE]
            answers[question.id] = ticked
        elif question.type == "scale_grid":
            answers[question.id] = {row: draw(st.sampled_from(ids)) for row in question.row_ids}
        else:
            grid = {row: draw(subset(ids)) for row in question.row_ids}
            answers[question.id] = {row: ticks for row, ticks in grid.items() if ticks}
    return answers


@st.composite
def dma_case(draw):
    chosen = draw(SETTINGS)
    return DMA.with_settings(**chosen), draw(dma_answers(chosen["negative_option_rule"]))


def scores(result) -> list[float]:
    return [d.score for d in result.dimensions] + [result.score]


@EXAMPLES
@given(dma_case())
def test_every_dma_score_is_within_0_and_100(case):
    instrument, answers = case
    result = score(instrument, answers)

    assert all(0 <= value <= 100 for value in scores(result))
    assert all(0 <= item <= 10 for item in result.items.values())
    assert result.level in {level.id for level in DMA.levels}


def improvements(instrument, answers) -> list[dict]:
    """Answers with one positive item more: a tick, a row one step up, or a grid column."""
    better = []
    rule = instrument.setting("negative_option_rule")
    for question in instrument.questions.values():
        current = answers[question.id]
        if question.type == "multiple_choice":
            if rule == "exclusive_zero" and NEGATIVE in current:
                continue
            for option in question.options:
                if not option.negative and option.id not in current:
                    better.append(answers | {question.id: [*current, option.id]})
        elif question.type == "scale_grid":
            ids = [option.id for option in question.options]
            for row, chosen in current.items():
                if chosen != ids[-1]:
                    step = ids[ids.index(chosen) + 1]
                    better.append(answers | {question.id: current | {row: step}})
        else:
            for row in question.row_ids:
                for column in ("invested", "planned"):
                    if column not in current.get(row, []):
                        ticks = [*current.get(row, []), column]
                        better.append(answers | {question.id: current | {row: ticks}})
    return better


@EXAMPLES
@given(dma_case(), st.data())
def test_adding_a_positive_item_never_lowers_a_dma_score(case, data):
    instrument, answers = case
    before = scores(score(instrument, answers))
    candidates = improvements(instrument, answers)
    if not candidates:
        return  # everything is already at the top
    after = scores(score(instrument, data.draw(st.sampled_from(candidates))))

    assert all(a >= b for a, b in zip(after, before, strict=True))


@EXAMPLES
@given(dma_case())
def test_a_level_never_falls_while_the_overall_score_rises(case):
    instrument, answers = case
    low = score(instrument, answers)
    high = score(instrument, answers | {"q3": [o.id for o in DMA.questions["q3"].options]})
    order = [level.id for level in DMA.levels]

    assert high.score >= low.score
    assert order.index(high.level) >= order.index(low.level)


@EXAMPLES
@given(st.fixed_dictionaries({q: st.booleans() for q in DII.questions}), st.data())
def test_the_dii_is_a_count_within_0_and_12_that_a_yes_never_lowers(answers, data):
    result = score(DII, answers)
    noes = [q for q, yes in answers.items() if not yes]

    assert 0 <= result.score <= 12
    assert result.score == sum(answers.values())
    if noes:
        better = score(DII, answers | {data.draw(st.sampled_from(noes)): True})
        order = ["very_low", "low", "high", "very_high"]
        assert better.score == result.score + 1
        assert order.index(better.level) >= order.index(result.level)
        assert better.at_least_basic >= result.at_least_basic


# Percentages as respondents type them: at most two decimals (a float like 1e-78 beside 100
# would make shares add up to a hair over 100, which the validator rightly refuses).
percent = st.integers(0, 10_000).map(lambda hundredths: hundredths / 100) | st.integers(0, 100)


@st.composite
def ecommerce_answers(draw):
    own, marketplace, edi = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    answers = {"web_sales_own": own, "web_sales_marketplace": marketplace, "edi_sales": edi}
    web_share = draw(percent) if own or marketplace else 0
    if own or marketplace:
        answers |= {"web_sales_share": web_share, "web_sales_b2c_share": draw(percent)}
        answers["web_sales_destinations"] = draw(
            subset(["home", "other_eu", "rest_of_world"]).filter(bool)
        )
    if own and marketplace:
        answers["web_sales_marketplace_share"] = draw(percent)
    if edi:
        room = 10_000 - round(web_share * 100)
        answers["edi_sales_share"] = draw(st.integers(0, room).map(lambda n: n / 100))
        answers["edi_sales_destinations"] = ["home"]
    return answers


@EXAMPLES
@given(ecommerce_answers())
def test_ecommerce_shares_stay_within_0_and_100_and_flags_agree(answers):
    result = score(ECOMMERCE, answers)

    assert all(0 <= value <= 100 for value in result.values.values())
    assert result.indicators["E_ESELL"] == (result.values["E_ETURN"] >= 1)
    channels = result.values["E_AWSVAL_COWN"] + result.values["E_AWSVAL_CMP"]
    assert channels == pytest.approx(result.values["E_AWSVAL"])
    if result.indicators["E_AWS_GT1_B2C_GT10WS"]:
        assert result.indicators["E_ESELL"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@EXAMPLES
@given(st.dictionaries(st.sampled_from([*DMA.questions, "other"]), json_values, max_size=12))
def test_any_json_answers_are_either_valid_or_an_answer_error(answers):
    try:
        validate_answers(DMA, answers)
    except AnswerError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)


@EXAMPLES
@given(st.text(max_size=80) | json_values.map(json.dumps))
def test_any_text_is_either_a_document_or_an_answer_error(text):
    try:
        parse_answers_document(text)
    except AnswerError as error:
        assert all(problem.message for problem in error.problems)
