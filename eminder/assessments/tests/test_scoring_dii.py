"""DII scoring: methodology §4 facts 1-8, with the level boundaries 3/4, 6/7 and 9/10."""

import pytest

from eminder.assessments.instruments import (
    dii_version_for_year,
    is_at_least_basic,
    is_sme,
    load_instrument,
    meets_digital_decade_target,
    score,
    share_at_least_basic,
)
from eminder.assessments.instruments.dii import comparable

DII_2023 = load_instrument("dii_2023", 1)
DII_2022 = load_instrument("dii_2022", 1)


def answers_with(instrument, yes: int) -> dict[str, bool]:
    """The first `yes` items answered yes, the rest no."""
    return {q: index < yes for index, q in enumerate(instrument.questions)}


# Fact 1: a count of 12 booleans.
@pytest.mark.parametrize("yes", range(13))
def test_the_score_is_the_number_of_yes_answers(yes):
    result = score(DII_2023, answers_with(DII_2023, yes))

    assert result.score == yes
    assert result.max_score == 12
    assert result.items == {q: float(i < yes) for i, q in enumerate(DII_2023.questions)}


# Fact 2: levels.
@pytest.mark.parametrize(
    ("yes", "level"),
    [
        (0, "very_low"),
        (3, "very_low"),
        (4, "low"),
        (6, "low"),
        (7, "high"),
        (9, "high"),
        (10, "very_high"),
        (12, "very_high"),
    ],
)
def test_levels(yes, level):
    assert score(DII_2023, answers_with(DII_2023, yes)).level == level


# Fact 3: at least basic means 4 or more.
@pytest.mark.parametrize(
    ("yes", "basic"), [(0, False), (3, False), (4, True), (7, True), (12, True)]
)
def test_at_least_basic(yes, basic):
    result = score(DII_2023, answers_with(DII_2023, yes))

    assert result.at_least_basic is basic
    assert is_at_least_basic(yes) is basic
    assert result.indicators["E_DI3_GELO"] is basic


def test_the_result_maps_onto_eurostats_level_codes_of_its_version():
    v3 = score(DII_2023, answers_with(DII_2023, 5))
    v4 = score(DII_2022, answers_with(DII_2022, 10))

    assert v3.indicators == {
        "E_DI3_VLO": False,
        "E_DI3_LO": True,
        "E_DI3_HI": False,
        "E_DI3_VHI": False,
        "E_DI3_GELO": True,
    }
    assert {code for code, flag in v4.indicators.items() if flag} == {"E_DI4_VHI", "E_DI4_GELO"}


def test_year_and_version_are_stored_with_the_result():
    result = score(DII_2022, answers_with(DII_2022, 4)).to_dict()

    assert (result["survey_year"], result["dii_version"]) == (2022, 4)
    assert (result["instrument"], result["version"]) == ("dii_2022", 1)


# Fact 4: the Digital Decade KPI, SMEs only, more than 90%.
def test_90_of_100_smes_basic_is_not_above_the_target_and_91_is():
    basic = score(DII_2023, answers_with(DII_2023, 4))
    not_basic = score(DII_2023, answers_with(DII_2023, 3))

    ninety = share_at_least_basic([basic] * 90 + [not_basic] * 10)
    ninety_one = share_at_least_basic([basic] * 91 + [not_basic] * 9)

    assert ninety == 90
    assert not meets_digital_decade_target(ninety)
    assert ninety_one == 91
    assert meets_digital_decade_target(ninety_one)


@pytest.mark.parametrize(("persons", "sme"), [(9, False), (10, True), (249, True), (250, False)])
def test_the_kpi_counts_smes_of_10_to_249_persons(persons, sme):
    assert is_sme(persons) is sme


# Fact 5: the variable set alternates; never compare v3 with v4.
@pytest.mark.parametrize(
    ("year", "version"), [(2021, 3), (2022, 4), (2023, 3), (2024, 4), (2025, 3)]
)
def test_dii_version_by_survey_year(year, version):
    assert dii_version_for_year(year) == version


def test_every_shipped_dii_matches_its_year():
    for year in (2022, 2023, 2024, 2025):
        instrument = load_instrument(f"dii_{year}", 1)
        assert (instrument.survey_year, instrument.dii_version) == (
            year,
            dii_version_for_year(year),
        )


def test_an_unknown_year_has_no_version():
    with pytest.raises(ValueError, match="2019"):
        dii_version_for_year(2019)


def test_v3_and_v4_results_are_never_mixed():
    v3 = score(DII_2023, answers_with(DII_2023, 5))
    v4 = score(DII_2022, answers_with(DII_2022, 5))

    assert not comparable(v3, v4)
    dii_2024 = load_instrument("dii_2024", 1)
    assert comparable(v4, score(dii_2024, answers_with(dii_2024, 5)))
    with pytest.raises(ValueError, match="same DII version"):
        share_at_least_basic([v3, v4])


# Fact 6: 2023 (v3) variables.
def test_the_2023_items_are_exactly_those_of_the_methodology():
    assert list(DII_2023.questions) == [
        "internet_access_gt50",
        "download_speed_ge30",
        "social_media_any",
        "social_media_ge2",
        "cloud_any",
        "cloud_sophisticated",
        "erp",
        "crm",
        "data_analytics",
        "ecommerce_sales_ge1",
        "web_sales_b2c",
        "ai_any",
    ]
    assert "iot" not in DII_2023.questions
    confirmed = {
        q.eurostat.code for q in DII_2023.questions.values() if q.eurostat and q.eurostat.confirmed
    }
    assert confirmed == {"E_CC", "E_CC1_SI", "E_DA", "E_ESELL", "E_AWS_GT1_B2C_GT10WS", "E_AI_TANY"}


# Fact 7: 2022 (v4) variables.
def test_the_2022_items_are_exactly_those_of_the_methodology():
    assert set(DII_2022.questions) == {
        "ict_specialists",
        "ict_training",
        "remote_meetings",
        "remote_access",
        "ict_security_awareness",
        "ict_security_measures_ge3",
        "ict_security_documents",
        "robots",
        "download_speed_ge30",
        "internet_access_gt50",
        "ecommerce_sales_ge1",
        "web_sales_b2c",
    }


def test_the_unconfirmed_years_follow_the_methodologys_best_guess():
    dii_2024 = load_instrument("dii_2024", 1)
    dii_2025 = load_instrument("dii_2025", 1)

    assert set(dii_2024.questions) == set(DII_2022.questions) - {"robots"} | {"ai_any"}
    assert set(dii_2025.questions) == set(DII_2023.questions) - {"social_media_ge2"} | {"website"}
    assert not dii_2024.confirmed and not dii_2025.confirmed
    assert score(dii_2024, answers_with(dii_2024, 12)).confirmed is False


# Fact 8 in the DII: the e-commerce items are one point each, asked with their thresholds.
def test_the_ecommerce_items_carry_their_thresholds():
    esell = DII_2023.questions["ecommerce_sales_ge1"]
    web = DII_2023.questions["web_sales_b2c"]

    assert "at least 1%" in esell.text.en
    assert "more than 1%" in web.text.en and "more than 10%" in web.text.en
    assert "all to businesses, is a no" in web.help.en
    only_those = {q: q in {"ecommerce_sales_ge1", "web_sales_b2c"} for q in DII_2023.questions}
    assert score(DII_2023, only_those).score == 2
