"""The empty import files to download: they hold exactly the columns the importer reads."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from eminder.enterprises.columns import COLUMN_NAMES
from eminder.enterprises.tables import read_table

URL = reverse("enterprises:import_template")


def test_csv_template_is_the_header_row(client_for):
    response = client_for("advisor").get(URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="enterprises-import.csv"'
    assert response.content.decode("utf-8-sig").strip() == ",".join(COLUMN_NAMES)


def test_xlsx_template_has_the_header_and_a_sheet_describing_the_columns(client_for):
    response = client_for("manager").get(URL)

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["enterprises", "columns"]
    assert [cell.value for cell in workbook["enterprises"][1]] == COLUMN_NAMES
    guide = {row[0]: row for row in workbook["columns"].iter_rows(min_row=2, values_only=True)}
    assert guide["name"][1] == "yes"
    assert "0-9 = 0 to 9 persons employed (micro)" in guide["size_class"][3]


def test_a_filled_in_template_reads_back(client_for):
    content = client_for("manager").get(URL, {"format": "csv"}).content
    filled = content + b"A,,ES111,G47,0-9,,,,,,,,,,,,\n"

    table = read_table(filled, "template.csv")

    assert table.columns == COLUMN_NAMES
    assert table.rows[0][1]["region"] == "ES111"


def test_unknown_format_is_404(client_for):
    assert client_for("manager").get(URL, {"format": "ods"}).status_code == 404
