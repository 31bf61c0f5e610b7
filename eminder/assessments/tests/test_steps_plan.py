"""The questionnaire as steps: one per section, those that do not apply left out, each checked
with the sections before it, and later answers that no longer apply dropped."""

import pytest

from eminder.assessments.instruments import AnswerError, load_instrument
from eminder.assessments.steps import first_incomplete, save_section, step_problems, steps_of
from eminder.assessments.tests.conftest import DMA, dma_answers

ECOMMERCE = load_instrument("ecommerce", 1)
NO_SALES = {"web_sales_own": False, "web_sales_marketplace": False, "edi_sales": False}


def keys(modules) -> list[str]:
    return [step.key for step in steps_of(modules)]


def test_one_step_per_section_in_questionnaire_order():
    sold = NO_SALES | {"web_sales_own": True}
    assert keys([(DMA, {}), (ECOMMERCE, sold)]) == [
        "dma_sme.digital_business_strategy",
        "dma_sme.digital_readiness",
        "dma_sme.human_centric_digitalisation",
        "dma_sme.data_management",
        "dma_sme.automation_ai",
        "dma_sme.green_digitalisation",
        "ecommerce.channels",
        "ecommerce.value",
        "ecommerce.customers",
    ]


def test_steps_whose_questions_do_not_apply_are_left_out():
    assert keys([(ECOMMERCE, NO_SALES)]) == ["ecommerce.channels"]
    assert keys([(ECOMMERCE, {})]) == ["ecommerce.channels"]  # not known yet
    edi_only = NO_SALES | {"edi_sales": True}
    [value] = [s for s in steps_of([(ECOMMERCE, edi_only)]) if s.key == "ecommerce.value"]
    assert [q.id for q in value.questions] == ["edi_sales_share"]


def test_a_step_is_saved_alone_and_later_steps_may_stay_empty():
    [first, *_rest] = steps_of([(DMA, {})])
    saved = save_section(first, {}, {"q1": {"delivery": ["invested"]}, "q2": ["staff_ready"]})

    assert saved == {"q1": {"delivery": ["invested"]}, "q2": ["staff_ready"]}
    assert step_problems(first, saved) == []


def test_a_wrong_answer_raises_and_names_its_question():
    step = steps_of([(DMA, {})])[1]
    with pytest.raises(AnswerError) as error:
        save_section(step, {}, {"q3": ["fax"], "q4": {}})

    assert {(p.question, p.code) for p in error.value.problems} == {
        ("q3", "unknown_option"),
        ("q4", "missing_row"),
    }


def test_answers_that_no_longer_apply_are_dropped():
    sold = {
        "web_sales_own": True,
        "web_sales_marketplace": False,
        "edi_sales": False,
        "web_sales_share": 10,
    }
    channels = steps_of([(ECOMMERCE, sold)])[0]

    assert save_section(channels, sold, NO_SALES) == NO_SALES


def test_answers_to_questions_that_do_not_apply_in_the_same_post_are_ignored():
    values = steps_of([(ECOMMERCE, NO_SALES)])
    assert save_section(values[0], {}, NO_SALES | {"web_sales_share": 50}) == NO_SALES


def test_first_incomplete_step():
    steps = steps_of([(DMA, {})])
    answers = dma_answers()
    del answers["q9"]

    assert first_incomplete(steps, [answers]).key == "dma_sme.automation_ai"
    assert first_incomplete(steps, [dma_answers()]) is None
