"""Turn rows and columns into a CSV or XLSX download that says where its figures come from."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


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


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], source: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c) for c in columns])
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    writer.writerow([])
    writer.writerow([source])
    # A byte-order mark lets spreadsheet programs read the file as UTF-8 (Greek, Polish).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(columns: Sequence[str], rows: Iterable[Sequence[Any]], source: str) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.append([str(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append([source])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
