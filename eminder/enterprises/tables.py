"""Read an uploaded CSV or XLSX table into rows of text, keyed by the header row. No Django models.

CSV: UTF-8 (with or without a byte-order mark), separated by commas, semicolons or tabs (the
separator is the one the header row uses most). XLSX: the first sheet. In both, the first row
holds the column names; names are compared in lower case with spaces and hyphens read as `_`.
Cells become text: numbers without a needless `.0`, dates as YYYY-MM-DD, ends trimmed. Blank
rows are skipped. A row's number is its line in the spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_ROWS = 1000
EXTRA_CELLS = "__extra__"  # the key of a row's cells that have no column name


class TableError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def column_key(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name or "").strip().lower())


def read_table(content: bytes, filename: str) -> Table:
    """The file's header and non-blank rows, or TableError with a translated reason."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "csv":
        lines = _csv_lines(content)
    elif suffix == "xlsx":
        lines = _xlsx_lines(content)
    else:
        raise TableError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    return _table(lines)


def _table(lines: Iterator[list[str]]) -> Table:
    header = next(lines, None)
    if header is None or not any(header):
        raise TableError(_("The file is empty: its first row must name the columns."))
    columns = [column_key(name) for name in header]
    named = [name for name in columns if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise TableError(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    table = Table(columns=named)
    for number, cells in enumerate(lines, start=2):
        if not any(cells):
            continue
        if len(table.rows) == MAX_ROWS:
            raise TableError(
                ngettext(
                    "The file has more than %(count)d row. Split it into smaller files.",
                    "The file has more than %(count)d rows. Split it into smaller files.",
                    MAX_ROWS,
                )
                % {"count": MAX_ROWS}
            )
        table.rows.append((number, _row(columns, cells)))
    if not table.rows:
        raise TableError(_("The file has no rows below its header row."))
    return table


def _row(columns: list[str], cells: list[str]) -> dict[str, str]:
    row = {name: "" for name in columns if name}
    extra = []
    for index, value in enumerate(cells):
        name = columns[index] if index < len(columns) else ""
        if name:
            row[name] = value
        elif value:
            extra.append(value)
    if extra:
        row[EXTRA_CELLS] = " | ".join(extra)
    return row


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as error:
        raise TableError(
            _("The CSV file could not be read near line %(line)d: %(problem)s")
            % {"line": reader.line_num, "problem": error}
        ) from None
    return iter(rows)


def _xlsx_lines(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise TableError(
            _("The file could not be read as an Excel workbook (.xlsx). Is it damaged?")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [_texts(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return iter(rows)


def _texts(values: Iterable[object]) -> list[str]:
    return [_text(value) for value in values]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
