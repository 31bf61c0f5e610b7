"""Downloads from the explorer hold exactly the figures of the chart's table, and the source."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.indicators.tests.statistics_fixtures import build_statistics

SOURCE = "Source: Eurostat, dataset isoc_ec_esels (last update 12/12/24 11:00:00)"
STATE = {"dataset": "isoc_ec_esels", "size_emp": "GE10", "geo": "PL,CY", "period": "2024"}


@pytest.fixture
def statistics(db):
    return build_statistics()


def table_of(client, chart_id: str, params: dict) -> list[list[str]]:
    """The header and rows of the chart's table, as the page shows them."""
    text = client.get(reverse("indicators:explorer"), params).content.decode()
    block = re.search(rf'aria-labelledby="{chart_id}-title">(.*?)</figure>', text, re.S)
    assert block, f"no chart {chart_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", block.group(1), re.S)
    return [
        [html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def same(value: object) -> object:
    """A cell as comparable: numbers as floats (a spreadsheet keeps 14.0 as 14), None as ""."""
    if value is None:
        return ""
    try:
        return float(str(value))
    except ValueError:
        return value


def download(client, chart_id: str, file_format: str, params: dict):
    return client.get(
        reverse("indicators:explorer"), {**params, "chart": chart_id, "format": file_format}
    )


@pytest.mark.parametrize("chart_id", ["timeseries", "ranking"])
def test_csv_rows_equal_the_table(client, statistics, chart_id):
    response = download(client, chart_id, "csv", STATE)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[:-2] == table_of(client, chart_id, STATE)
    assert rows[-2:] == [[], [SOURCE]]


@pytest.mark.parametrize("chart_id", ["timeseries", "ranking"])
def test_xlsx_rows_equal_the_table(client, statistics, chart_id):
    response = download(client, chart_id, "xlsx", STATE)

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[same(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    table = [[same(v) for v in row] for row in table_of(client, chart_id, STATE)]
    assert rows[:-2] == table
    assert rows[-1][0] == SOURCE


def test_download_has_the_shown_figures_only(client, statistics):
    response = download(client, "timeseries", "csv", STATE)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row[1] for row in rows[1:-2]} == {"EU27_2020", "PL", "CY"}
    assert ["Cyprus", "CY", "2021", "15.5", "u"] in rows
    assert ["EU (27 countries)", "EU27_2020", "2021", "18.93", "b"] in rows


def test_xlsx_values_are_numbers(client, statistics):
    response = download(client, "ranking", "xlsx", STATE)

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[3]] == ["Denmark", "DK", 1, 38.58, None]


def test_map_download_of_regional_figures(client, statistics):
    params = {"dataset": "isoc_r_iuse_i", "geo": "ES11", "period": "2019"}

    response = download(client, "map", "csv", params)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Area", "Code", "Value", "Flags"]
    assert ["Galicia", "ES11", "67.0", ""] in rows
    assert rows[-1] == ["Source: Eurostat, dataset isoc_r_iuse_i"]


def test_the_page_links_each_chart_download_with_its_state(client, statistics):
    text = html.unescape(client.get(reverse("indicators:explorer"), STATE).content.decode())

    for chart_id in ("timeseries", "ranking"):
        assert (
            "?dataset=isoc_ec_esels&freq=A&indic_is=E_ESELL&unit=PC_ENT&nace_r2=C10-S951_X_K"
            f"&size_emp=GE10&geo=EU27_2020%2CPL%2CCY&period=2024&chart={chart_id}&format=csv"
        ) in text


@pytest.mark.parametrize(
    "params", [{"format": "pdf", "chart": "ranking"}, {"format": "csv", "chart": "nothing"}]
)
def test_unknown_download_is_404(client, statistics, params):
    response = client.get(reverse("indicators:explorer"), {**STATE, **params})

    assert response.status_code == 404
