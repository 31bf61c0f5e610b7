"""Answer checking: every kind of bad answer is refused with a message naming its question."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from eminder.assessments.instruments import AnswerError, load_instrument, validate_answers
from eminder.assessments.instruments.errors import MESSAGES, Problem

DMA = load_instrument("dma_sme", 1)
ECOMMERCE = load_instrument("ecommerce", 1)
DII = load_instrument("dii_2023", 1)


def dma_answers(**changes):
    """Valid DMA answers (nothing ticked, every scale at its lowest), with `changes`."""
    answers = {
        "q1": {},
        "q2": [],
        "q3": [],
        "q4": dict.fromkeys(DMA.questions["q4"].row_ids, "not_used"),
        "q5": [],
        "q6": [],
        "q7": [],
        "q8": [],
        "q9": dict.fromkeys(DMA.questions["q9"].row_ids, "not_used"),
        "q10": [],
        "q11": dict.fromkeys(DMA.questions["q11"].row_ids, "no"),
    }
    answers.update(changes)
    return answers


def problems(instrument, answers) -> list[tuple[str | None, str]]:
    with pytest.raises(AnswerError) as error:
        validate_answers(instrument, answers)
    return [(problem.question, problem.code) for problem in error.value.problems]


def test_valid_answers_come_back_in_canonical_form():
    answers = validate_answers(
        DMA,
        dma_answers(q2=["risks_considered", "needs_identified"], q1={"delivery": ["planned"]}),
    )

    assert answers.values["q2"] == ("needs_identified", "risks_considered")  # option order
    assert answers.as_json()["q2"] == ["needs_identified", "risks_considered"]
    assert answers.as_json()["q1"] == {"delivery": ["planned"]}
    assert validate_answers(DMA, answers.as_json()) == answers


def test_an_unknown_question_is_named():
    assert problems(DMA, dma_answers(q12=["x"])) == [("q12", "unknown_question")]


def test_an_option_outside_the_list_is_named_with_the_options():
    with pytest.raises(AnswerError) as error:
        validate_answers(DMA, dma_answers(q3=["website", "fax"]))

    problem = error.value.problems[0]
    assert (problem.question, problem.code) == ("q3", "unknown_option")
    assert "fax" in problem.message and "website" in problem.message
    assert problem.location == "answers.q3"


def test_a_missing_required_answer_is_named():
    answers = dma_answers()
    del answers["q8"]

    assert problems(DMA, answers) == [("q8", "missing_answer")]


def test_null_counts_as_not_answered():
    assert problems(DMA, dma_answers(q8=None)) == [("q8", "missing_answer")]


@pytest.mark.parametrize(
    ("instrument", "question", "answer", "code"),
    [
        (DMA, "q2", "needs_identified", "not_option_list"),
        (DMA, "q2", [1, 2], "not_option_list"),
        (DMA, "q4", ["operational"], "not_rows"),
        (DMA, "q1", {"delivery": "invested"}, "not_option_list"),
        (DII, "erp", "yes", "not_yes_no"),
        (DII, "erp", 1, "not_yes_no"),
        (ECOMMERCE, "web_sales_own", None, "missing_answer"),
    ],
)
def test_a_wrong_type_is_named(instrument, question, answer, code):
    answers = dma_answers() if instrument is DMA else {}
    answers[question] = answer

    assert (question, code) in problems(instrument, answers)


@pytest.mark.parametrize("share", ["12", True, float("nan"), float("inf")])
def test_a_share_must_be_a_finite_number(share):
    answers = {"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": False}
    answers |= {"web_sales_share": share, "web_sales_b2c_share": 50}
    answers |= {"web_sales_destinations": ["home"]}

    assert problems(ECOMMERCE, answers) == [("web_sales_share", "not_number")]


@pytest.mark.parametrize("share", [-0.5, 100.01, 250, 10**400])
def test_a_percentage_outside_0_to_100_is_refused(share):
    answers = {"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": False}
    answers |= {"web_sales_share": share, "web_sales_b2c_share": 50}
    answers |= {"web_sales_destinations": ["home"]}

    with pytest.raises(AnswerError) as error:
        validate_answers(ECOMMERCE, answers)

    assert error.value.problems[0].code == "out_of_range"
    assert "0" in error.value.problems[0].message and "100" in error.value.problems[0].message


def test_a_row_outside_the_grid_and_a_missing_row_are_named():
    scale = dict.fromkeys(DMA.questions["q9"].row_ids, "operational")
    scale["quantum"] = "testing"
    partial = dict(dma_answers()["q4"])
    del partial["blockchain"]

    assert problems(DMA, dma_answers(q9=scale)) == [("q9", "unknown_row")]
    with pytest.raises(AnswerError) as error:
        validate_answers(DMA, dma_answers(q4=partial))
    assert "blockchain" in error.value.problems[0].message


def test_a_scale_value_must_be_a_scale_option():
    grid = dict(dma_answers()["q11"], strategy_criteria="maybe")

    assert problems(DMA, dma_answers(q11=grid)) == [("q11", "unknown_option")]


def test_an_option_ticked_twice_is_refused():
    assert problems(DMA, dma_answers(q8=["security_policy", "security_policy"])) == [
        ("q8", "repeated_option")
    ]


def test_data_not_collected_digitally_stands_alone_by_default():
    assert validate_answers(DMA, dma_answers(q7=["not_collected_digitally"]))
    assert problems(DMA, dma_answers(q7=["not_collected_digitally", "data_policy"])) == [
        ("q7", "exclusive_option")
    ]


@pytest.mark.parametrize("rule", ["ordinary_tick", "minus_one"])
def test_the_tools_that_let_it_combine_are_reproduced_by_a_setting(rule):
    instrument = DMA.with_settings(negative_option_rule=rule)

    assert validate_answers(instrument, dma_answers(q7=["not_collected_digitally", "data_policy"]))


def test_a_question_that_does_not_apply_must_stay_empty():
    answers = {"web_sales_own": False, "web_sales_marketplace": False, "edi_sales": False}

    assert validate_answers(ECOMMERCE, answers).values == answers
    assert problems(ECOMMERCE, answers | {"web_sales_share": 10}) == [
        ("web_sales_share", "not_applicable")
    ]


def test_questions_that_apply_become_required():
    answers = {"web_sales_own": False, "web_sales_marketplace": True, "edi_sales": False}

    assert problems(ECOMMERCE, answers) == [
        ("web_sales_share", "missing_answer"),
        ("web_sales_b2c_share", "missing_answer"),
        ("web_sales_destinations", "missing_answer"),
    ]


def test_a_bad_controlling_answer_does_not_cascade():
    answers = {"web_sales_own": "yes", "web_sales_marketplace": False, "edi_sales": False}

    assert problems(ECOMMERCE, answers) == [("web_sales_own", "not_yes_no")]


def test_at_least_one_destination_is_ticked_when_there_are_web_sales():
    answers = {"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": False}
    answers |= {"web_sales_share": 5, "web_sales_b2c_share": 50, "web_sales_destinations": []}

    assert problems(ECOMMERCE, answers) == [("web_sales_destinations", "too_few_options")]


def test_web_and_edi_shares_cannot_exceed_the_whole_turnover():
    answers = {"web_sales_own": True, "web_sales_marketplace": False, "edi_sales": True}
    answers |= {"web_sales_share": 60.1, "edi_sales_share": 40, "web_sales_b2c_share": 50}
    answers |= {"web_sales_destinations": ["home"], "edi_sales_destinations": ["home"]}

    with pytest.raises(AnswerError) as error:
        validate_answers(ECOMMERCE, answers)

    assert [p.code for p in error.value.problems] == ["sum_too_large"]
    assert "100.1" in error.value.problems[0].message
    # Exactly 100 is fine, with decimals that floats cannot hold exactly.
    assert validate_answers(ECOMMERCE, answers | {"web_sales_share": 59.9, "edi_sales_share": 40.1})


def test_answers_must_be_an_object():
    assert problems(DII, ["erp"]) == [(None, "not_object")]


def test_every_problem_is_reported_at_once():
    answers = dma_answers(q2="x", q3=["fax"], q99=[])
    del answers["q10"]

    assert sorted(problems(DMA, answers)) == [
        ("q10", "missing_answer"),
        ("q2", "not_option_list"),
        ("q3", "unknown_option"),
        ("q99", "unknown_question"),
    ]


def test_the_error_is_a_validation_error_keyed_by_question():
    with pytest.raises(ValidationError) as error:
        validate_answers(DMA, dma_answers(q3=["fax"], q5="all"))

    assert set(error.value.message_dict) == {"q3", "q5"}
    assert error.value.error_dict["q3"][0].code == "unknown_option"


def test_a_problem_without_question_is_a_non_field_error():
    error = AnswerError([Problem("not_object", {"location": "answers"})])

    assert set(error.message_dict) == {NON_FIELD_ERRORS}
    assert str(error) == "The value at answers must be a JSON object."


@pytest.mark.parametrize("language", ["en", "el", "es", "gl", "pl"])
def test_every_message_renders_in_every_language(language):
    params = {
        "line": 1,
        "column": 2,
        "key": "k",
        "location": "modules[0]",
        "format": "eminder-answers 1",
        "instrument": "dma_sme",
        "version": 1,
        "setting": "d1_variant",
        "value": '"D"',
        "question": "q7",
        "option": "fax",
        "options": "a, b",
        "row": "r",
        "minimum": 0,
        "maximum": 100,
        "count": 1,
        "questions": "“a”, “b”",
        "total": 101,
        "limit": 100,
    }
    with translation.override(language):
        for code in MESSAGES:
            message = Problem(code, params).message
            assert message and "%(" not in message, code


def test_the_plural_message_agrees_with_its_count():
    one = Problem("too_few_options", {"question": "q", "count": 1}).message
    two = Problem("too_few_options", {"question": "q", "count": 2}).message

    assert "1 option ticked" in one
    assert "2 options ticked" in two
