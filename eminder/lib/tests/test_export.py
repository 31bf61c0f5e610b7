"""table_response: CSV and XLSX downloads with a header, the rows, a blank row and the source."""

import csv
import io

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from eminder.lib.export import table_response

COLUMNS = ["Centre", "Universities", "Clusters"]
ROWS = [["Κύπρος", 1, 2], ["Pomorskie", 0, None], ['Łódź, "quoted"', 3, 1.5]]
SOURCE = "Source: e-MINDER centre records"


def download(file_format, columns=COLUMNS, rows=ROWS, source=SOURCE):
    return table_response(
        filename="Partner organisations by type",
        columns=columns,
        rows=rows,
        source=source,
        file_format=file_format,
    )


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_csv_is_bom_header_rows_blank_source():
    response = download("csv")

    assert response.content.startswith(b"\xef\xbb\xbfCentre,Universities,Clusters\r\n")
    assert read_csv(response) == [
        COLUMNS,
        ["Κύπρος", "1", "2"],
        ["Pomorskie", "0", ""],
        ['Łódź, "quoted"', "3", "1.5"],
        [],
        [SOURCE],
    ]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="partner-organisations-by-type.csv"'
    )


def test_xlsx_is_bold_header_rows_blank_source():
    response = download("xlsx")

    assert read_xlsx(response) == [
        COLUMNS,
        ["Κύπρος", 1, 2],
        ["Pomorskie", 0, None],
        ['Łódź, "quoted"', 3, 1.5],
        [None, None, None],
        [SOURCE, None, None],
    ]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.font.b for cell in sheet[1]] == [True, True, True]
    assert not sheet["A2"].font.b
    assert response["Content-Disposition"] == (
        'attachment; filename="partner-organisations-by-type.xlsx"'
    )


@pytest.mark.parametrize("file_format", ["pdf", "CSV", "", "xls"])
def test_unknown_format_raises(file_format):
    with pytest.raises(ValueError, match="Unknown export format"):
        download(file_format)


def test_filename_falls_back_when_nothing_is_left_to_slugify():
    response = table_response(
        filename="Συνεργάτες", columns=[], rows=[], source="", file_format="csv"
    )

    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'


def test_lazy_translations_are_written_as_text():
    label = gettext_lazy("Centre")

    response = download("xlsx", columns=[label], rows=[[label]], source=label)

    assert read_xlsx(response) == [["Centre"], ["Centre"], [None], ["Centre"]]


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1+2", "@SUM(A1)", '=HYPERLINK("x")'])
def test_text_never_becomes_a_formula(text):
    csv_rows = read_csv(download("csv", rows=[[text, -3, 0]]))
    xlsx = load_workbook(io.BytesIO(download("xlsx", rows=[[text, -3, 0]]).content)).active

    assert csv_rows[1] == ["'" + text, "-3", "0"]
    assert (xlsx["A2"].value, xlsx["A2"].data_type) == (text, "s")
    assert (xlsx["B2"].value, xlsx["B2"].data_type) == (-3, "n")


# Text as people type it: no control characters (XLSX cannot hold them) and no leading formula
# sign (those are escaped, tested above).
text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20).filter(
    lambda value: not value.startswith(("=", "+", "-", "@"))
)
numbers = st.integers(min_value=-(10**9), max_value=10**9)


@given(st.lists(st.tuples(text, numbers), max_size=10), text)
def test_both_formats_hold_exactly_the_rows(rows, source):
    rows = [list(row) for row in rows]

    csv_rows = read_csv(download("csv", columns=["Name", "Count"], rows=rows, source=source))
    xlsx_rows = read_xlsx(download("xlsx", columns=["Name", "Count"], rows=rows, source=source))

    assert csv_rows == [["Name", "Count"], *[[n, str(c)] for n, c in rows], [], [source]]
    assert xlsx_rows == [
        ["Name", "Count"],
        *[[n or None, c] for n, c in rows],
        [None, None],
        [source or None, None],
    ]
