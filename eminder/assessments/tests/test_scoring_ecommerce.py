"""The e-commerce module: an SME's answers as Eurostat indicators (§3.2; §4 facts 8, 17-19)."""

import pytest

from eminder.assessments.instruments import (
    load_instrument,
    sales_year_of_survey,
    score,
    size_class,
    survey_year_of_sales,
)
from eminder.assessments.instruments.ecommerce import DEFAULT_ACTIVITY, SIZE_CLASSES

ECOMMERCE = load_instrument("ecommerce", 1)
NO_SALES = {"web_sales_own": False, "web_sales_marketplace": False, "edi_sales": False}


def web_seller(share, b2c, *, own=True, marketplace=False, marketplace_share=None, **more):
    answers = {"web_sales_own": own, "web_sales_marketplace": marketplace, "edi_sales": False}
    answers |= {"web_sales_share": share, "web_sales_b2c_share": b2c}
    answers |= {"web_sales_destinations": ["home"]}
    if marketplace_share is not None:
        answers["web_sales_marketplace_share"] = marketplace_share
    return answers | more


def test_no_ecommerce_gives_no_indicator_and_zero_shares():
    result = score(ECOMMERCE, NO_SALES)

    assert not any(result.indicators.values())
    assert set(result.values.values()) == {0}
    assert result.score is None and result.level is None


def test_a_full_answer_maps_onto_every_indicator():
    answers = web_seller(
        12,
        30,
        marketplace=True,
        marketplace_share=25,
        web_sales_destinations=["home", "rest_of_world"],
        edi_sales=True,
        edi_sales_share=8,
        edi_sales_destinations=["other_eu"],
    )

    result = score(ECOMMERCE, answers)

    assert result.values == {
        "E_ETURN": 20,
        "E_AWSVAL": 12,
        "E_AXSVAL": 8,
        "E_AWSVAL_COWN": 9,
        "E_AWSVAL_CMP": 3,
        "E_AWSVAL_B2C": pytest.approx(3.6),
        "E_AWSVAL_B2BG": pytest.approx(8.4),
    }
    # Everything but web sales to other EU countries (only the EDI sales went there).
    assert {code for code, flag in result.indicators.items() if not flag} == {"E_AWSEU"}


def test_destinations_of_web_and_edi_sales():
    answers = web_seller(
        5, 50, web_sales_destinations=["home"], edi_sales=True, edi_sales_share=3
    ) | {"edi_sales_destinations": ["other_eu"]}

    flags = score(ECOMMERCE, answers).indicators

    assert (flags["E_AWSHM"], flags["E_AWSEU"], flags["E_AWSWW"], flags["E_AWSFOR"]) == (
        True,
        False,
        False,
        False,
    )
    assert (flags["E_AESHM"], flags["E_AESEU"], flags["E_AESWW"], flags["E_AESEUWW"]) == (
        True,
        True,
        False,
        True,
    )


def test_own_site_only_and_marketplace_only():
    own = score(ECOMMERCE, web_seller(4, 50)).indicators
    marketplace = score(ECOMMERCE, web_seller(4, 50, own=False, marketplace=True))

    assert (own["E_AWS_COWN"], own["E_AWS_CMP"], own["E_AWS_CMP_GE20"]) == (True, False, False)
    assert marketplace.indicators["E_AWS_CMP_GE20"] is True
    assert marketplace.values["E_AWSVAL_CMP"] == 4
    assert marketplace.indicators["E_AWSELL"] is True


@pytest.mark.parametrize(("part", "flag"), [(19.9, False), (20, True), (100, True)])
def test_marketplaces_at_least_20_percent_of_web_sales(part, flag):
    answers = web_seller(10, 50, marketplace=True, marketplace_share=part)

    assert score(ECOMMERCE, answers).indicators["E_AWS_CMP_GE20"] is flag


# Fact 8: E_ESELL at 1% of turnover; the DII web item needs > 1% and B2C > 10% of web sales.
@pytest.mark.parametrize(("share", "flag"), [(0, False), (0.99, False), (1, True), (37, True)])
def test_ecommerce_sales_of_at_least_1_percent_of_turnover(share, flag):
    assert score(ECOMMERCE, web_seller(share, 50)).indicators["E_ESELL"] is flag


def test_web_and_edi_sales_add_up_for_e_sell():
    answers = web_seller(0.5, 50, edi_sales=True, edi_sales_share=0.5)
    answers["edi_sales_destinations"] = ["home"]

    assert score(ECOMMERCE, answers).indicators["E_ESELL"] is True


def test_five_percent_web_sales_all_b2b_score_no_b2c_point():
    flags = score(ECOMMERCE, web_seller(5, 0)).indicators

    assert flags["E_ESELL"] is True
    assert flags["E_AWS_GT1_B2C_GT10WS"] is False
    assert (flags["E_AWS_B2C"], flags["E_AWS_B2BG"]) == (False, True)


@pytest.mark.parametrize(
    ("share", "b2c", "flag"),
    [(1, 50, False), (1.01, 50, True), (5, 10, False), (5, 10.5, True), (5, 100, True)],
)
def test_web_sales_above_1_percent_with_b2c_above_10_percent(share, b2c, flag):
    assert score(ECOMMERCE, web_seller(share, b2c)).indicators["E_AWS_GT1_B2C_GT10WS"] is flag


@pytest.mark.parametrize(("b2c", "flag"), [(9.99, False), (10, True)])
def test_b2c_at_least_10_percent_of_web_sales(b2c, flag):
    assert score(ECOMMERCE, web_seller(5, b2c)).indicators["E_AWSVAL_B2C_GE10WS"] is flag


# Fact 17: the codes are Eurostat's (§3.2).
def test_the_result_uses_eurostats_codes():
    result = score(ECOMMERCE, NO_SALES)

    assert set(result.indicators) == {
        "E_AESELL",
        "E_ESELL",
        "E_AWSELL",
        "E_AXSELL",
        "E_AWS_COWN",
        "E_AWS_CMP",
        "E_AWS_CMP_GE20",
        "E_AWS_B2C",
        "E_AWS_B2BG",
        "E_AWSVAL_B2C_GE10WS",
        "E_AWS_GT1_B2C_GT10WS",
        "E_AWSHM",
        "E_AWSEU",
        "E_AWSWW",
        "E_AWSFOR",
        "E_AESHM",
        "E_AESEU",
        "E_AESWW",
        "E_AESEUWW",
    }
    assert set(result.values) == {
        "E_ETURN",
        "E_AWSVAL",
        "E_AXSVAL",
        "E_AWSVAL_COWN",
        "E_AWSVAL_CMP",
        "E_AWSVAL_B2C",
        "E_AWSVAL_B2BG",
    }


# Fact 18: sales of year N are published under survey year N + 1.
def test_sales_year_is_survey_year_minus_one():
    assert sales_year_of_survey(2024) == 2023
    assert survey_year_of_sales(2023) == 2024


# Fact 19: size classes and the default activity aggregate.
@pytest.mark.parametrize(
    ("persons", "size"),
    [
        (5, None),
        (9, None),
        (10, "10-49"),
        (49, "10-49"),
        (50, "50-249"),
        (249, "50-249"),
        (250, "GE250"),
    ],
)
def test_size_class_of_an_enterprise(persons, size):
    assert size_class(persons) == size


def test_size_classes_and_activity_aggregate():
    assert SIZE_CLASSES == ("10-49", "50-249", "10-249", "GE250", "GE10")
    assert DEFAULT_ACTIVITY == "C10-S951_X_K"
