"""The public statistics explorer: its state in the URL, its charts, tables and errors."""

import html
import json
import re

import pytest
from django.urls import reverse

from eminder.indicators.tests.statistics_fixtures import build_statistics

URL = "/statistics/"


@pytest.fixture
def statistics(db):
    return build_statistics()


def get(client, params=None, **extra):
    return client.get(reverse("indicators:explorer"), params or {}, **extra)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def figure(text: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', text)
    assert match, f"no chart {chart_id}"
    return json.loads(match.group(1))


def selected(text: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', text, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)" selected>', select.group(0))


def test_defaults_open_the_enterprises_selling_online(client, statistics):
    response = get(client)

    text = text_of(response)
    assert response.status_code == 200
    assert selected(text, "dataset") == ["isoc_ec_esels"]
    assert selected(text, "size_emp") == ["GE10"]  # the monitor's breakdown, not the first code
    assert selected(text, "geo") == ["EU27_2020", "CY", "PL", "ES"]  # by name
    assert selected(text, "period") == ["2024"]
    assert [
        chart for chart in ("timeseries", "ranking", "map") if f'id="{chart}-data"' in text
    ] == [
        "timeseries",
        "ranking",
    ]


def test_the_state_comes_from_the_url(client, statistics):
    response = get(
        client,
        {"dataset": "isoc_ec_esels", "size_emp": "10-49", "geo": "PL", "period": "2023"},
    )

    text = text_of(response)
    assert selected(text, "size_emp") == ["10-49"]
    assert selected(text, "geo") == ["PL"]
    assert selected(text, "period") == ["2023"]
    lines = {trace["name"]: trace["y"] for trace in figure(text, "timeseries")["data"]}
    assert lines == {"EU (27 countries)": [17.0, 18.0], "Poland": [12.0, 12.5]}
    # Downloads carry the same state.
    assert "size_emp=10-49" in text
    assert "geo=EU27_2020%2CPL" in text


def test_geos_may_be_given_comma_separated(client, statistics):
    text = text_of(get(client, {"geo": "PL,DK"}))

    assert selected(text, "geo") == ["DK", "PL"]
    names = {trace["name"] for trace in figure(text, "timeseries")["data"]}
    assert names == {"EU (27 countries)", "Poland", "Denmark", "Break in series (b)"}


def test_htmx_gets_the_explorer_fragment(client, statistics):
    response = get(client, {"geo": "PL"}, headers={"HX-Request": "true"})

    text = text_of(response)
    assert response.status_code == 200
    assert "<html" not in text
    assert 'hx-push-url="true"' in text
    assert 'id="timeseries-data"' in text
    assert "HX-Request" in response["Vary"]


def test_works_without_javascript_by_plain_get(client, statistics):
    text = text_of(get(client))

    assert '<form class="filters explorer-filters" method="get" action="/statistics/"' in text
    assert '<input type="hidden" name="dataset" value="isoc_ec_esels">' in text


def test_eu_line_is_first_and_distinct_and_always_there(client, statistics):
    text = text_of(get(client, {"geo": "CY"}))

    traces = figure(text, "timeseries")["data"]
    eu = [trace for trace in traces if trace["name"] == "EU (27 countries)"]
    assert traces[0]["name"] == "EU (27 countries)"
    assert {(t["line"]["dash"], t["line"]["width"]) for t in eu} == {("dash", 3)}
    assert all(t["line"]["dash"] == "solid" for t in traces if t["name"] == "Cyprus")


def test_a_break_is_marked_and_never_joined(client, statistics):
    text = text_of(get(client, {"geo": "PL"}))

    traces = figure(text, "timeseries")["data"]
    eu = [trace["x"] for trace in traces if trace["name"] == "EU (27 countries)"]
    assert eu == [[2019, 2020], [2021, 2022, 2023, 2024]]  # two segments around the break
    breaks = next(trace for trace in traces if trace["name"] == "Break in series (b)")
    assert (breaks["x"], breaks["y"]) == ([2021], [18.93])
    assert "<td>EU27_2020</td><td>2021</td><td>18.93</td><td>b</td>" in text


def test_flags_and_confidential_cells_in_the_table_and_legend(client, statistics):
    text = text_of(get(client))

    assert "<td>CY</td><td>2021</td><td>15.5</td><td>u</td>" in text
    assert "<td>ES</td><td>2022</td><td>confidential</td><td></td>" in text
    assert "<dt>b</dt><dd>break in time series</dd><dt>u</dt><dd>low reliability</dd>" in text


def test_source_under_every_chart(client, statistics):
    text = text_of(get(client))

    source = "Source: Eurostat, dataset isoc_ec_esels (last update 12/12/24 11:00:00)"
    assert text.count(f'<p class="chart-source">{source}</p>') == 2


def test_ranking_of_eu_members_highlights_the_chosen(client, statistics):
    text = text_of(get(client, {"geo": "PL"}))

    bars = figure(text, "ranking")["data"][0]
    assert bars["x"] == ["DK", "ES", "CY", "PL"]
    assert bars["marker"]["color"] == ["#9aa5b1", "#9aa5b1", "#9aa5b1", "#d55e00"]
    assert '<th scope="row">Denmark</th><td>DK</td><td>1</td><td>38.58</td>' in text
    assert '<th scope="row">EU (27 countries)</th><td>EU27_2020</td><td></td><td>20.75</td>' in text


def test_regional_data_is_ranked_by_region_and_mapped(client, statistics):
    text = text_of(get(client, {"dataset": "isoc_r_iuse_i", "geo": "ES11", "period": "2019"}))

    ranking = figure(text, "ranking")["data"][0]
    assert ranking["x"] == ["DK01", "CY00", "ES12", "ES11", "PL61"]
    chart = figure(text, "map")
    classes = [trace for trace in chart["data"] if trace["showlegend"]]
    assert {trace["type"] for trace in chart["data"]} == {"choropleth"}
    assert {trace["featureidkey"] for trace in chart["data"]} == {"properties.NUTS_ID"}
    # Five classes of equal width from 66 to 93: 66-71.4, 71.4-76.8, ..., 87.6-93.
    assert [(t["name"], t["locations"]) for t in classes] == [
        ("66.0 to 71.4", ["ES11", "PL61"]),
        ("71.4 to 76.8", ["ES12"]),
        ("76.8 to 82.2", ["CY00"]),
        ("87.6 to 93.0", ["DK01"]),
    ]
    # Only the drawn regions' boundaries travel with the figure, each with its own trace.
    for trace in chart["data"]:
        features = [f["properties"]["NUTS_ID"] for f in trace["geojson"]["features"]]
        assert features == trace["locations"]
    assert chart["layout"]["geo"] == {
        "fitbounds": "locations",
        "visible": False,
        "scope": "world",
        "resolution": 110,
    }
    outline = chart["data"][-1]
    assert (outline["showlegend"], outline["locations"]) == (False, ["ES11"])
    assert all(trace["showscale"] is False for trace in chart["data"])  # no colour bar
    assert "This dataset has no EU figure, so no EU line is drawn." in text


def test_desi_fractions_show_as_percentages_but_scores_do_not(client, statistics):
    turnover = text_of(get(client, {"dataset": "desi", "geo": "PL"}))
    score = text_of(
        get(
            client,
            {"dataset": "desi", "indicator": "desi_5a2_prefform", "geo": "PL"},
        )
    )

    assert "<td>EU</td><td>2020</td><td>11.0886</td>" in turnover
    assert "<td>PL</td><td>2018</td><td>6.61968</td>" in turnover
    assert "<td>PL</td><td>2020</td><td>40.5</td>" in score
    assert "Source: European Commission, DESI, dataset desi" in turnover


def test_a_code_that_does_not_fit_the_earlier_choices_is_replaced_and_said(client, statistics):
    response = get(
        client, {"dataset": "desi", "indicator": "desi_5a2_prefform", "breakdown": "ent_sm_xfin"}
    )

    text = text_of(response)
    assert response.status_code == 200
    assert selected(text, "breakdown") == ["all_egov_le"]
    assert (
        "There are no figures for ent_sm_xfin (Breakdown) with the choices above it; "
        "showing all_egov_le instead."
    ) in text


def test_dii_versions_are_never_one_line(client, statistics):
    version3 = text_of(get(client, {"dataset": "isoc_e_dii", "indic_is": "E_DI3_GELO"}))
    version4 = text_of(
        get(client, {"dataset": "isoc_e_dii", "indic_is": "E_DI4_GELO", "period": "2025"})
    )

    def years(text):
        return {x for trace in figure(text, "timeseries")["data"] for x in trace["x"]}

    assert years(version3) == {2021, 2023, 2025}
    assert years(version4) == {2022, 2024}
    assert "There are no figures for 2025 with these choices; showing 2024." in version4


def test_unknown_dataset_is_404(client, statistics):
    response = get(client, {"dataset": "isoc_nothing"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"size_emp": "XX"}, "This dataset has no code XX here. Choose one of the list."),
        ({"geo": "ZZ"}, "This dataset has no figures for the geo code ZZ."),
        ({"period": "last year"}, "last year is not a period of these figures."),
        (
            {"sizeemp": "GE10"},
            "isoc_ec_esels has no dimension sizeemp. "
            "Its dimensions: freq, indic_is, unit, nace_r2, size_emp.",
        ),
    ],
)
def test_unknown_code_or_dimension_is_a_clear_400(client, statistics, params, message):
    response = get(client, params)

    text = text_of(response)
    assert response.status_code == 400
    assert message in text
    assert 'id="timeseries-data"' not in text


def test_errors_reach_htmx_which_swaps_only_successes(client, statistics):
    response = get(client, {"size_emp": "XX"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "This dataset has no code XX here." in text_of(response)


def test_nothing_imported_yet(client, db):
    response = get(client)

    assert response.status_code == 200
    assert "No statistics have been imported yet." in text_of(response)


def test_navigation_offers_statistics_to_everyone(client, client_for, network):
    for visitor in (client, client_for("sme_owner"), client_for("coordinator")):
        text = visitor.get(reverse("indicators:monitor_index")).content.decode()
        assert f'<a href="{URL}">Statistics</a>' in text


def test_coordinator_sees_the_link_to_imports(client_for, statistics):
    assert reverse("indicators:imports") in get(client_for("coordinator")).content.decode()
    assert reverse("indicators:imports") not in get(client_for("manager")).content.decode()


def test_query_count_does_not_grow_with_the_geos(client, statistics, django_assert_num_queries):
    with django_assert_num_queries(7):
        get(client, {"geo": "PL"})
    with django_assert_num_queries(7):
        response = get(client, {"geo": ["PL", "CY", "ES", "DK", "EU27_2020"]})
    assert len(figure(text_of(response), "timeseries")["data"]) == 7  # EU in 2 pieces, breaks
