"""The JSON answer document: parsed, checked and scored; every bad document explained."""

import json

import pytest

from eminder.assessments.instruments import (
    AnswerError,
    ModuleResult,
    load_instrument,
    parse_answers_document,
    score,
    score_document,
)

DMA = load_instrument("dma_sme", 1)


def dma_answers() -> dict:
    return {
        "q1": {"marketing_sales": ["invested"], "delivery": ["invested", "planned"]},
        "q2": ["needs_identified", "management_ready"],
        "q3": ["connectivity", "website", "ecommerce_sales"],
        "q4": dict.fromkeys(DMA.questions["q4"].row_ids, "considering"),
        "q5": ["short_trainings"],
        "q6": [],
        "q7": ["stored_digitally"],
        "q8": ["offsite_backup"],
        "q9": dict.fromkeys(DMA.questions["q9"].row_ids, "not_used"),
        "q10": ["paperless"],
        "q11": dict.fromkeys(DMA.questions["q11"].row_ids, "partially"),
    }


def document(**changes) -> dict:
    doc = {
        "format": "eminder-answers",
        "format_version": 1,
        "language": "gl",
        "modules": [
            {"instrument": "dma_sme", "version": 1, "answers": dma_answers()},
            {
                "instrument": "ecommerce",
                "version": 1,
                "answers": {"web_sales_own": False, "web_sales_marketplace": False}
                | {"edi_sales": False},
            },
            {
                "instrument": "dii_2023",
                "version": 1,
                "answers": dict.fromkeys(load_instrument("dii_2023", 1).questions, True),
            },
        ],
    }
    return doc | changes


def codes(source) -> list[tuple[str, str]]:
    with pytest.raises(AnswerError) as error:
        parse_answers_document(source)
    return [(problem.code, problem.location) for problem in error.value.problems]


def test_a_document_is_scored_module_by_module():
    scores = score_document(json.dumps(document()))

    assert scores["format"] == "eminder-scores"
    assert [m["instrument"] for m in scores["modules"]] == ["dma_sme", "ecommerce", "dii_2023"]
    assert scores["modules"][0] == score(DMA, dma_answers()).to_dict()
    assert scores["modules"][2]["score"] == 12
    assert scores["modules"][2]["level"] == "very_high"
    json.dumps(scores)  # plain JSON all the way down


def test_the_same_document_always_gives_the_same_scores():
    text = json.dumps(document())

    assert score_document(text) == score_document(text.encode())


def test_scores_read_back_as_results():
    module = score_document(document())["modules"][0]

    assert ModuleResult.from_dict(module) == score(DMA, dma_answers())


def test_advice_is_added_in_the_language_asked_for():
    scores = score_document(document(), language="gl")
    dma = scores["modules"][0]

    assert dma["advice_language"] == "gl"
    assert dma["advice"][0]["label"] in {s.label.gl for s in DMA.sections}
    assert "advice" not in scores["modules"][2]
    assert "advice" not in score_document(document())["modules"][0]


def test_settings_of_the_version_can_be_chosen_per_module():
    doc = document()
    doc["modules"][0]["settings"] = {"d1_variant": "C", "rounding": "integer"}

    dma = score_document(doc)["modules"][0]

    assert dma["settings"]["d1_variant"] == "C"
    assert dma["score"] == round(dma["score"])


def test_the_parsed_document_keeps_instrument_version_and_language():
    parsed = parse_answers_document(json.dumps(document()))

    assert [(m.instrument.id, m.instrument.version) for m in parsed.modules] == [
        ("dma_sme", 1),
        ("ecommerce", 1),
        ("dii_2023", 1),
    ]
    assert parsed.language == "gl"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [('{"format": "eminder-answers",\n "modules": [}', 2, 14), ("", 1, 1), ("[1, 2", 1, 6)],
)
def test_malformed_json_names_line_and_column(text, line, column):
    with pytest.raises(AnswerError) as error:
        parse_answers_document(text)

    problem = error.value.problems[0]
    assert problem.code == "not_json"
    assert f"line {line}, column {column}" in problem.message


@pytest.mark.parametrize(
    "text", ['{"a": NaN}', '{"a": Infinity}', b"\xff\xfe{", "[" * 100_000 + "]" * 100_000]
)
def test_what_is_not_json_is_refused(text):
    assert codes(text)[0][0] == "not_json"


def test_a_repeated_key_is_refused():
    text = '{"format": "eminder-answers", "format": "other"}'

    with pytest.raises(AnswerError) as error:
        parse_answers_document(text)

    assert error.value.problems[0].code == "duplicate_key"
    assert "“format”" in error.value.problems[0].message


def test_a_bare_answers_object_is_not_a_document():
    assert codes(dma_answers()) == [
        ("missing_key", "document"),
        ("missing_key", "document"),
        ("missing_key", "document"),
    ] + [("unknown_key", f"document.{q}") for q in sorted(dma_answers())]


def test_the_format_must_be_named():
    assert codes(document(format="eminder-answer")) == [("wrong_format", "format")]
    assert codes(document(format_version=2)) == [("wrong_format", "format")]


def test_modules_must_be_a_non_empty_list():
    assert codes(document(modules=[])) == [("not_list", "modules")]
    assert codes(document(modules={"dma_sme": {}})) == [("not_list", "modules")]


def test_an_unknown_instrument_version_is_named_with_its_module():
    doc = document()
    doc["modules"][1]["version"] = 9

    assert codes(doc) == [("unknown_instrument", "modules[1].instrument")]


def test_version_must_be_a_whole_number():
    doc = document()
    doc["modules"][0]["version"] = "1"

    assert codes(doc) == [("not_integer", "modules[0].version")]


def test_an_instrument_answered_twice_is_refused():
    doc = document()
    doc["modules"].append(doc["modules"][0])

    assert codes(doc) == [("repeated_instrument", "modules[3].instrument")]


def test_a_bad_setting_is_named_with_its_module():
    doc = document()
    doc["modules"][0]["settings"] = {"d1_variant": "Z", "speed": 1}

    assert codes(doc) == [
        ("invalid_setting", "modules[0].settings.d1_variant"),
        ("unknown_setting", "modules[0].settings.speed"),
    ]


def test_problems_in_several_modules_are_reported_together():
    doc = document()
    doc["modules"][0]["answers"]["q3"] = ["fax"]
    del doc["modules"][2]["answers"]["erp"]
    doc["modules"][1]["colour"] = "blue"

    assert codes(doc) == [
        ("unknown_option", "modules[0].answers.q3"),
        ("unknown_key", "modules[1].colour"),
        ("missing_answer", "modules[2].answers.erp"),
    ]


def test_each_answer_problem_names_its_instrument_and_question():
    doc = document()
    doc["modules"][2]["answers"]["erp"] = "yes"

    with pytest.raises(AnswerError) as error:
        parse_answers_document(doc)

    problem = error.value.problems[0]
    assert (problem.instrument, problem.question, problem.code) == ("dii_2023", "erp", "not_yes_no")
    assert problem.as_dict()["message"] == (
        "The answer to question “erp” must be yes or no (true or false)."
    )


def test_language_and_meta_are_optional():
    doc = document(meta={"exported_by": "another tool"})
    del doc["language"]

    assert parse_answers_document(doc).language is None
    assert codes(document(language=5)) == [("not_text", "language")]
