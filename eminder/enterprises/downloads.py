"""The app's files to download: the filtered enterprise list, and the import template."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from eminder.enterprises.columns import CODED_COLUMNS, COLUMNS
from eminder.enterprises.models import Enterprise
from eminder.lib.export import FORMATS, table_response


def list_download(enterprises: QuerySet[Enterprise], file_format: str) -> HttpResponse:
    """The filtered list as CSV or XLSX: enterprise facts only, no contact person's data."""
    columns = [
        _("Name"),
        _("Registry or VAT number"),
        _("Region"),
        _("Activity (NACE Rev. 2)"),
        _("Size class"),
        _("Status"),
        _("Advisor"),
        _("Centre"),
    ]
    return table_response(
        filename=_("Enterprises"),
        columns=columns,
        rows=_rows(enterprises),
        source=_("e-MINDER enterprise registry, %(date)s")
        % {"date": timezone.localdate().isoformat()},
        file_format=file_format,
    )


def _rows(enterprises: QuerySet[Enterprise]) -> Iterable[list[str]]:
    for enterprise in enterprises.iterator(chunk_size=500):
        yield [
            enterprise.name,
            enterprise.registry_number,
            enterprise.region.code,
            enterprise.nace_notation,
            enterprise.get_size_class_display(),
            enterprise.get_status_display(),
            str(enterprise.advisor) if enterprise.advisor else "",
            enterprise.centre.short_name,
        ]


def import_template_response(file_format: str) -> HttpResponse:
    """An empty import file: the header row; XLSX adds a sheet describing every column."""
    names = [column.name for column in COLUMNS]
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(names)
        content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    else:
        content = _template_workbook(names)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="enterprises-import.{file_format}"'
    return response


def _template_workbook(names: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "enterprises"
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # The importer reads the first sheet only: this one is for people.
    guide = workbook.create_sheet("columns")
    guide.append([_("Column"), _("Required"), _("What to write"), _("Codes")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        codes = CODED_COLUMNS.get(column.name)
        guide.append(
            [
                column.name,
                _("yes") if column.required else _("no"),
                str(column.help),
                "; ".join(f"{value} = {label}" for value, label in codes.choices) if codes else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
