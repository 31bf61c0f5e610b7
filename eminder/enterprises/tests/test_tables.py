"""Reading uploaded CSV and XLSX tables into rows of text."""

import datetime
import io

import pytest
from openpyxl import Workbook

from eminder.enterprises.tables import EXTRA_CELLS, MAX_ROWS, TableError, read_table


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_with_commas():
    table = read_table(b"name,Region\nA,ES11\n", "f.csv")
    assert table.columns == ["name", "region"]
    assert table.rows == [(2, {"name": "A", "region": "ES11"})]


def test_csv_with_semicolons_a_byte_order_mark_and_quoted_cells():
    content = '\ufeffName;Contact Name\n"Ríos; Hijos";"Lucía"\n'.encode()
    table = read_table(content, "F.CSV")
    assert table.rows == [(2, {"name": "Ríos; Hijos", "contact_name": "Lucía"})]


def test_blank_rows_are_skipped_but_numbers_stay_those_of_the_file():
    table = read_table(b"name\nA\n\n,\nB\n", "f.csv")
    assert [number for number, _cells in table.rows] == [2, 5]


def test_cells_beyond_the_header_are_flagged():
    table = read_table(b"name\nA,extra\n", "f.csv")
    assert table.rows[0][1] == {"name": "A", EXTRA_CELLS: "extra"}


def test_short_rows_get_empty_cells():
    table = read_table(b"name,region\nA\n", "f.csv")
    assert table.rows[0][1] == {"name": "A", "region": ""}


def test_xlsx_cells_become_text():
    content = xlsx(
        ["name", "founded", "consent_date", "turnover", "nothing"],
        ["A", 1998.0, datetime.datetime(2025, 3, 1, 0, 0), 12.5, None],
    )
    table = read_table(content, "f.xlsx")
    assert table.rows == [
        (
            2,
            {
                "name": "A",
                "founded": "1998",
                "consent_date": "2025-03-01",
                "turnover": "12.5",
                "nothing": "",
            },
        )
    ]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"name\nA\n", "f.txt", "Upload a CSV file"),
        (b"", "f.csv", "The file is empty"),
        (b"name\n", "f.csv", "no rows below its header"),
        (b"name,Name\nA,B\n", "f.csv", "appear more than once: name"),
        ("name\nÁ\n".encode("latin-1"), "f.csv", "not UTF-8"),
        (b"not a zip", "f.xlsx", "could not be read as an Excel workbook"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(content, filename, message):
    with pytest.raises(TableError, match=message):
        read_table(content, filename)


def test_too_many_rows():
    content = ("name\n" + "A\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(TableError, match=f"more than {MAX_ROWS} rows"):
        read_table(content, "f.csv")
