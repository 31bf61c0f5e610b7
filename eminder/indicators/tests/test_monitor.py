"""The divide monitor of a centre: public, one sentence per figure, never a crash on gaps."""

import csv
import html
import io
import json
import re

import pytest
from django.urls import reverse

from eminder.centres.models import Centre
from eminder.indicators.tests.statistics_fixtures import build_statistics
from eminder.testing.personas import make_centre, make_region


@pytest.fixture
def statistics(db):
    return build_statistics()


@pytest.fixture
def cyprus(db):
    return make_centre("Centre of Cyprus", "Cyprus", make_region("CY00", "Κύπρος"))


def page(client, centre: Centre) -> str:
    response = client.get(reverse("indicators:monitor", kwargs={"code": centre.code}))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def figure(text: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', text)
    assert match, f"no chart {chart_id}"
    return json.loads(match.group(1))


def test_anonymous_visitor_reads_the_monitor(client, network, statistics):
    text = page(client, network.other_centre)

    assert "Divide monitor: Centre of Pomerania" in text
    assert "Log in" in text


def test_widening_gap_is_said_with_the_exact_figures(client, network, statistics):
    text = page(client, network.other_centre)

    assert (
        "In 2024, 14.7% of enterprises in Poland made at least 1% of their turnover online, "
        "against 20.8% in the EU: the gap widened from 3.5 to 6.0 points since 2019."
    ) in text
    assert (
        "Poland ranks 4 of 4 EU countries with a figure; the highest figure, 38.6%, is in Denmark."
    ) in text
    assert "At the current trends, Poland would not reach the EU figure." in text


def test_narrowing_gap_and_years_to_reach_the_eu(client, cyprus, statistics):
    text = page(client, cyprus)

    assert (
        "In 2024, 18.8% of enterprises in Cyprus made at least 1% of their turnover online, "
        "against 20.8% in the EU: the gap narrowed from 4.5 to 2.0 points since 2019."
    ) in text
    # Cyprus gains 1.16 points a year over 2020-2024, the EU 0.61: 2.0 / 0.55 = 3.6 years.
    assert (
        "Over 2020–2024, the figure for Cyprus changed by +1.2 pp a year on average, "
        "the EU's by +0.6 pp."
    ) in text
    assert (
        "At the current trends, Cyprus would reach the EU figure about 4 years after 2024, "
        "around 2028."
    ) in text


def test_stable_gap_above_the_eu(client, network, statistics):
    text = page(client, network.centre)

    assert (
        "In 2024, 23.0% of enterprises in Spain made at least 1% of their turnover online, "
        "against 20.8% in the EU: the gap has stayed at about 2.2 points since 2019 (2.0 then)."
    ) in text
    assert "Spain is 2.2 points above the EU figure." in text


def test_desi_figures_are_shown_as_percentages_of_the_edition(client, network, statistics):
    text = page(client, network.other_centre)

    assert (
        "In the DESI 2018 edition, e-commerce made up 6.6% of the turnover of SMEs in Poland, "
        "against 10.3% in the EU: the gap widened from 2.8 to 3.6 points since the 2017 edition."
    ) in text
    assert "The DESI dates its figures by edition" in text


def test_missing_figures_are_said_not_crashed_on(client, cyprus, statistics):
    text = page(client, cyprus)

    assert "No figure of this indicator is published for Cyprus." in text  # DESI, DII, ib20


def test_dataset_not_imported_is_said(client, network, statistics):
    text = page(client, network.other_centre)

    assert (
        "The dataset isoc_ec_ibuy has not been imported yet, so this indicator cannot be shown."
    ) in text


def test_without_any_statistics_every_indicator_says_so(client, network):
    text = page(client, network.centre)

    assert text.count("has not been imported yet") == 7


def test_region_without_a_figure_uses_the_smallest_area_that_has_one(client, network, statistics):
    text = page(client, network.other_centre)

    assert (
        "Eurostat publishes no figure of this indicator for Pomorskie; the figures shown are "
        "those of Makroregion północny (PL6), the smallest area containing it that has one."
    ) in text
    # No EU aggregate in this dataset: the reference is the average of the NUTS-1 regions.
    assert (
        "In 2019, 68.0% of people in Makroregion północny used the internet every day, "
        "against 72.0% in the EU: the gap widened from 1.0 to 4.0 points since 2018."
    ) in text
    assert (
        "Eurostat publishes no EU figure for 2019 here: the EU figure is the unweighted average "
        "of the 2 EU regions of the same NUTS level with a figure."
    ) in text
    assert "This is internet use, a proxy for the regional digital divide" in text


def test_region_with_its_own_figure(client, network, statistics):
    text = page(client, network.centre)

    assert (
        "In 2019, 67.0% of people in Galicia used the internet every day, against 76.0% in the "
        "EU: the gap widened from 7.4 to 9.0 points since 2018."
    ) in text
    assert "smallest area containing it" not in text
    assert "Galicia ranks 4 of 5 EU regions of its NUTS level with a figure" in text


def test_dii_versions_are_two_series_and_the_latest_gives_the_verdict(client, network, statistics):
    text = page(client, network.other_centre)

    assert (
        "In 2025, 59.0% of SMEs in Poland had at least a basic level of digital intensity "
        "(index version 3), against 71.4% in the EU: the gap narrowed from 15.0 to 12.4 points "
        "since 2021."
    ) in text
    # Version 4 is shown apart, its level only, never joined to version 3.
    assert (
        "In 2024, 69.0% of SMEs in Poland had at least a basic level of digital intensity "
        "(index version 4), against 72.9% in the EU."
    ) in text
    version3 = {x for trace in figure(text, "dii3-PL")["data"] for x in trace["x"]}
    version4 = {x for trace in figure(text, "dii4-PL")["data"] for x in trace["x"]}
    assert (version3, version4) == ({2021, 2023, 2025}, {2022, 2024})


def test_each_chart_has_the_eu_line_and_the_source(client, network, statistics):
    text = page(client, network.other_centre)

    names = [trace["name"] for trace in figure(text, "esell-PL")["data"]]
    assert names[0] == "EU (27 countries)"
    assert "Poland" in names
    assert "Source: Eurostat, dataset isoc_ec_esels (last update 12/12/24 11:00:00)" in text
    assert "Source: European Commission, DESI, dataset desi" in text


def test_sigma_convergence_of_the_eu_countries(client, network, statistics):
    text = page(client, network.other_centre)

    assert "Across the EU countries, the spread of figures (coefficient of variation) went" in text


def test_overview_table_says_each_verdict(client, network, statistics):
    text = page(client, network.other_centre)

    assert re.search(r"<td>−6\.0 pp</td><td>widening</td>", text)


def test_download_of_a_monitor_chart(client, network, statistics):
    url = reverse("indicators:monitor", kwargs={"code": network.other_centre.code})

    response = client.get(url, {"format": "csv", "chart": "esell-PL"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Area", "Code", "Period", "Value", "Flags"]
    assert ["Poland", "PL", "2024", "14.71", ""] in rows
    assert ["EU (27 countries)", "EU27_2020", "2021", "18.93", "b"] in rows
    assert rows[-1] == ["Source: Eurostat, dataset isoc_ec_esels (last update 12/12/24 11:00:00)"]


def test_unknown_centre_is_404(client, db):
    for code in ("00000000-0000-0000-0000-000000000000", "not-a-code"):
        response = client.get(f"/statistics/monitors/{code}/")
        assert response.status_code == 404


def test_index_lists_every_centre_with_its_regions(client, network):
    response = client.get(reverse("indicators:monitor_index"))

    text = response.content.decode()
    for centre in (network.centre, network.other_centre):
        assert reverse("indicators:monitor", kwargs={"code": centre.code}) in text
    assert "ES11 Galicia" in text
    assert "PL63 Pomorskie" in text


def test_centre_dashboard_links_its_monitor(client_for, network):
    response = client_for("manager").get(
        reverse("centres:dashboard", kwargs={"code": network.centre.code})
    )

    assert reverse("indicators:monitor", kwargs={"code": network.centre.code}) in (
        response.content.decode()
    )


def test_query_count_does_not_grow_with_the_regions(
    client, network, statistics, django_assert_num_queries
):
    url = reverse("indicators:monitor", kwargs={"code": network.centre.code})
    with django_assert_num_queries(11):
        client.get(url)
    for code, name in (("PL63", "Pomorskie"), ("CY00", "Κύπρος"), ("ES12", "Asturias")):
        network.centre.regions.add(make_region(code, name))
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count("used the internet every day") == 4
