"""Turn rows and columns into a CSV or XLSX download that says where its figures come from."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Spreadsheet programs run a text cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def table_response(
    *,
    filename: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    source: str,
    file_format: str,
) -> HttpResponse:
    """A download of the table: a header row, the rows, a blank row, then the source line."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    name = f"{slugify(filename) or 'export'}.{file_format}"
    content = _csv(columns, rows, source) if file_format == "csv" else _xlsx(columns, rows, source)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _value(value: Any) -> Any:
    # Lazy translations are text; openpyxl refuses them as they are. csv writes None as "".
    return str(value) if isinstance(value, Promise) else value


def _csv_value(value: Any) -> Any:
    value = _value(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        # The usual defence: a leading apostrophe makes spreadsheet programs show it as text.
        return "'" + value
    return value


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], source: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_value(c) for c in columns])
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    writer.writerow([])
    writer.writerow([_csv_value(source)])
    # A byte-order mark lets spreadsheet programs read the file as UTF-8 (Greek, Polish).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(columns: Sequence[str], rows: Iterable[Sequence[Any]], source: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(_xlsx_cells(sheet, columns, bold=True))
    for row in rows:
        sheet.append(_xlsx_cells(sheet, row))
    sheet.append([])
    sheet.append(_xlsx_cells(sheet, [source]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cells(sheet: Worksheet, values: Sequence[Any], *, bold: bool = False) -> list[Cell]:
    cells = []
    for value in values:
        cell = Cell(sheet, value=_value(value))
        if isinstance(cell.value, str):
            # openpyxl stores text starting with "=" as a formula; ours is always plain text.
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells
