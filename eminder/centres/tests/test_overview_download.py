"""The overview chart's figures as CSV and XLSX: exactly the chart's rows, and the source."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.centres.models import Partner

URL = reverse("centres:overview")
SOURCE = "Source: e-MINDER centre records"


@pytest.fixture
def partners(network):
    Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="member"
    )
    Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )
    Partner.objects.create(
        centre=network.other_centre, name="Sopot Agency", kind="other", role="member"
    )


def chart_of(client):
    chart = client.get(URL).context["chart"]
    return [list(chart.columns), *[list(row) for row in chart.rows]]


def test_csv_holds_the_charts_rows_then_the_source(client_for, partners):
    client = client_for("coordinator")

    response = client.get(URL, {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="partner-organisations-by-type.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    expected = [[str(value) for value in row] for row in chart_of(client)]
    assert rows == [*expected, [], [SOURCE]]
    assert rows[0] == ["Centre", "University", "Chamber of commerce", "Other"]
    assert rows[1:3] == [["Galicia", "1", "1", "0"], ["Pomorskie", "1", "0", "1"]]


def test_xlsx_holds_the_charts_rows_then_the_source(client_for, partners):
    client = client_for("coordinator")

    response = client.get(URL, {"format": "xlsx"})

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="partner-organisations-by-type.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows == [*chart_of(client), [None, None, None, None], [SOURCE, None, None, None]]
    assert [cell.font.b for cell in sheet[1]] == [True] * 4


def test_downloads_follow_the_language(client_for, network, partners):
    network.coordinator.language = "es"
    network.coordinator.save()
    client = client_for("coordinator")

    response = client.get(URL, {"format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1:] == [str(column) for column in chart_of(client)[0][1:]]
    assert response["Content-Language"] == "es"


def test_a_centre_name_never_becomes_a_spreadsheet_formula(client_for, network, partners):
    network.other_centre.short_name = '=HYPERLINK("http://x.example","Click")'
    network.other_centre.save()
    client = client_for("coordinator")

    csv_text = client.get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    xlsx = client.get(URL, {"format": "xlsx"}).content

    assert list(csv.reader(io.StringIO(csv_text)))[2][0] == "'" + network.other_centre.short_name
    cell = load_workbook(io.BytesIO(xlsx)).active["A3"]
    assert (cell.value, cell.data_type) == (network.other_centre.short_name, "s")


@pytest.mark.parametrize("file_format", ["pdf", "CSV", "xls", "../csv"])
def test_unknown_format_is_404(client_for, network, file_format):
    response = client_for("coordinator").get(URL, {"format": file_format})

    assert response.status_code == 404


def test_empty_format_shows_the_page(client_for, network):
    response = client_for("coordinator").get(URL, {"format": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_only_the_coordinator_downloads(client_for, network):
    response = client_for("manager").get(URL, {"format": "csv"})

    assert response.status_code == 403
    assert not response["Content-Type"].startswith("text/csv")
