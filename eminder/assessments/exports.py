"""DMA results in the layout of the EDIH DMA reporting export, as CSV or XLSX.

One row per submitted DMA, with exactly the reporting export's column headers, in English
whatever the interface language. Dimensions are matched to their column through the
questionnaire version's `export_label`, so a later version that reorders or renames its
dimensions still lands in the right column (and a column it lacks stays empty).

Unlike `lib.export.table_response`, the file ends with the last SME: no blank row and no
source line, so that it can be loaded as the reporting export is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font

from eminder.assessments.models import InstrumentVersion, Kind, ModuleResponse, Status
from eminder.centres.models import Centre
from eminder.lib.export import FORMATS, FORMULA_PREFIXES

DIMENSION_COLUMNS = (
    "Digital Business Strategy",
    "Digital Readiness",
    "Human-Centric Digitalisation",
    "Data Governance",
    "Automation & Artificial Intelligence",
    "Green Digitalisation",
)
COLUMNS = ("SME ID", "SME name", "DMA Timing", "DMA Score", *DIMENSION_COLUMNS, "EDIH Name")
FIELDS = (
    "result",
    "instrument_version_id",
    "assessment__stage",
    "assessment__enterprise__code",
    "assessment__enterprise__name",
    "assessment__enterprise__centre__name",
)


def edih_rows(centre: Centre | None) -> list[list[Any]]:
    """A row per submitted DMA of the centre's enterprises (of every centre's when None), by
    centre, SME and stage (two queries)."""
    modules = ModuleResponse.objects.filter(kind=Kind.DMA, assessment__status=Status.SUBMITTED)
    if centre is not None:
        modules = modules.filter(assessment__enterprise__centre=centre)
    rows = list(
        modules.filter(result__isnull=False)
        .order_by(
            "assessment__enterprise__centre__name",
            "assessment__enterprise__name",
            "assessment__enterprise_id",
            "assessment__stage",
        )
        .values_list(*FIELDS)
    )
    columns = _dimension_columns({row[1] for row in rows})
    return [
        [
            str(code),
            name,
            stage,
            _score(result["score"]),
            *_dimensions(result["dimensions"], columns[version]),
            centre_name,
        ]
        for result, version, stage, code, name, centre_name in rows
    ]


def _dimension_columns(version_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """For each questionnaire version: dimension id -> its reporting column."""
    return {
        version.pk: {
            section.id: section.export_label
            for section in version.as_instrument().sections
            if section.export_label
        }
        for version in InstrumentVersion.objects.filter(pk__in=set(version_ids))
    }


def _dimensions(dimensions: Sequence[dict[str, Any]], columns: dict[str, str]) -> list[Any]:
    by_column = {columns.get(d["id"]): _score(d["score"]) for d in dimensions}
    return [by_column.get(column) for column in DIMENSION_COLUMNS]


def _score(value: float | None) -> float | None:
    # Two decimals: the stored score keeps its rounding setting, minus binary float noise.
    return None if value is None else round(value, 2)


def edih_filename(centre: Centre | None, file_format: str) -> str:
    name = slugify(centre.short_name) if centre else "network"
    return f"edih-dma-{name or 'centre'}-{timezone.localdate().isoformat()}.{file_format}"


def edih_response(
    *, rows: Sequence[Sequence[Any]], filename: str, file_format: str
) -> HttpResponse:
    """The rows under the reporting export's headers, as a CSV or XLSX download."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    content = _csv(rows) if file_format == "csv" else _xlsx(rows)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _text_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value  # shown as text, never run as a formula (as lib.export does)
    return value


def _csv(rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([_text_safe(value) for value in row] for row in rows)
    # A byte-order mark lets spreadsheet programs read the names as UTF-8 (Greek, Polish).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DMA results"
    sheet.append([_cell(sheet, column, bold=True) for column in COLUMNS])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> Cell:
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text starting with "=" stays text
    if bold:
        cell.font = Font(bold=True)
    return cell
