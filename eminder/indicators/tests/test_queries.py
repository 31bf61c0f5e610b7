"""Reading statistics: datasets, series by breakdown, panels, labels, names and scales."""

import pytest
from django.http import Http404
from django.utils import translation

from eminder.indicators import queries
from eminder.indicators.tests.statistics_fixtures import ESELL, build_statistics


@pytest.fixture
def statistics(db):
    return build_statistics()


def test_get_dataset_ignores_case_and_404s_unknown_codes(statistics):
    assert queries.get_dataset(" ISOC_EC_ESELS ") == statistics.esels
    with pytest.raises(Http404):
        queries.get_dataset("isoc_nothing")


def test_get_datasets_returns_only_imported_ones(statistics, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = queries.get_datasets(["desi", "isoc_ec_ibuy"])
    assert found == {"desi": statistics.desi}


def test_panel_and_scaled_values(statistics):
    filters = {"indicator": ["desi_4b2_ecomturn"]}
    data = queries.panel(statistics.desi, filters, ["EU", "PL"])

    assert sorted(data) == ["EU", "PL"]
    values = queries.values_of(data, 100)
    assert values["PL"]["2018"] == pytest.approx(6.61968)


def test_panel_keeps_flags_and_confidentiality(statistics):
    data = queries.panel(statistics.esels, {"size_emp": ["GE10"]}, ["EU27_2020", "ES"])

    assert data["EU27_2020"]["2021"].flags == "b"
    assert (data["ES"]["2022"].value, data["ES"]["2022"].confidentiality) == (None, "C")


def test_codes_and_periods_in_use(statistics):
    assert queries.codes_in_use(statistics.esels, "size_emp") == ["10-49", "GE10"]
    assert queries.codes_in_use(statistics.esels, "geo", {"size_emp": ["10-49"]}) == [
        "EU27_2020",
        "PL",
    ]
    assert queries.periods_in_use(statistics.dii, {"indic_is": ["E_DI4_GELO"]}) == ["2022", "2024"]


def test_series_index_reads_every_series_in_one_query(statistics, django_assert_num_queries):
    with django_assert_num_queries(1):
        index = queries.SeriesIndex(statistics.esels)

    assert index.codes("size_emp") == ["10-49", "GE10"]
    assert index.codes("geo", {"size_emp": "10-49"}) == ["EU27_2020", "PL"]
    assert index.codes("size_emp", {**ESELL, "geo": "DK"}) == []  # geo is not a dimension
    assert index.codes("freq", {"size_emp": "10-49"}) == ["A"]


def test_series_index_most_common_code(statistics):
    index = queries.SeriesIndex(statistics.esels)

    assert index.most_common("size_emp") == "GE10"  # 5 series against 2
    assert index.most_common("size_emp", preferred=["10-49"]) == "10-49"
    assert index.most_common("size_emp", preferred=["GE250"]) == "GE10"  # absent: ignored
    assert index.most_common("size_emp", {"indic_is": "E_NONE"}) is None


def test_series_index_breaks_ties_by_code(statistics):
    index = queries.SeriesIndex(statistics.dii)

    assert index.most_common("indic_is") == "E_DI3_GELO"  # 2 series each: the first code


def test_labels_for_several_dimensions_in_one_query(statistics, django_assert_num_queries):
    with django_assert_num_queries(1):
        labels = queries.labels_for_dimensions(
            {"indic_is": ["E_ESELL", "E_OTHER"], "size_emp": ["GE10"]}
        )

    assert labels == {
        "indic_is": {
            "E_ESELL": "Enterprises with e-commerce sales of at least 1% turnover",
            "E_OTHER": "E_OTHER",
        },
        "size_emp": {"GE10": "10 persons employed or more"},
    }


def test_labels_for_nothing_asks_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert queries.labels_for_dimensions({"geo": []}) == {"geo": {}}


def test_display_scale_of_desi_percentages_but_not_scores(statistics):
    desi = statistics.desi

    assert queries.display_scale(desi, {"unit_measure": "pc_turn"}) == 100.0
    assert queries.display_scale(desi, {"unit_measure": "egov_score"}) == 1.0
    assert queries.display_scale(statistics.esels, {"unit": "PC_ENT"}) == 1.0


def test_geo_names_translated_countries_and_labels(statistics):
    names = queries.geo_names(["PL", "CY00", "CY0", "PL6", "XX99", "EU27_2020"])

    assert names == {
        "PL": "Poland",
        "CY00": "Cyprus",  # a region that is the whole country
        "CY0": "Cyprus",
        "PL6": "Makroregion północny",
        "XX99": "XX99",
        "EU27_2020": "EU (27 countries)",
    }


def test_geo_names_follow_the_language(statistics):
    with translation.override("es"):
        expected = translation.gettext("Poland")
        assert queries.geo_names(["PL"]) == {"PL": expected}
