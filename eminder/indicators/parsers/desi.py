"""The Digital Economy and Society Index as digital-agenda-data.eu distributed it (2015-2020).

    observation,time_period,ref_area,indicator,breakdown,unit_measure,value,flag,note

Dataset `desi`; dimensions indicator, breakdown, unit_measure; geo is `ref_area` and the period
is `time_period`, the DESI edition year. `observation` (a URI) and `note` are ignored.

Values are kept as published. Percentages are published as fractions of 1 (0.147 for 14.7 %),
so `display_scale` is 100; the few units already on their own scale are listed in
`unit_display_scales` with 1 (ranges in DESI_2015_2020.csv.gz: egov_score and the overall
index 0-100, pc_desi_sliders 15-89, subs_per_100_pop 32-176; every other unit, pc_* and
od_score, lies within 0-1).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from eminder.indicators.parsers.base import ReadOptions, header_problem, stated_dataset
from eminder.indicators.parsers.cells import (
    CellProblem,
    parse_flags,
    parse_period,
    parse_value,
)
from eminder.indicators.parsers.source import LineSource, csv_rows
from eminder.indicators.records import FileHeader, ObservationRecord

DESI = "desi-csv"
DATASET = "desi"
DIMENSIONS = ("indicator", "breakdown", "unit_measure")
_REQUIRED = ("time_period", "ref_area", *DIMENSIONS, "value")
UNITS_ON_OWN_SCALE = {"egov_score": 1.0, "pc_desi_sliders": 1.0, "subs_per_100_pop": 1.0}


def is_desi_header(cells: list[str]) -> bool:
    names = {cell.strip().lower() for cell in cells}
    return {"time_period", "ref_area", "indicator"} <= names


class DesiCsvReader:
    file_format = DESI

    def __init__(self, source: LineSource, header: list[str], options: ReadOptions) -> None:
        self.source = source
        names = [cell.strip().lower() for cell in header]
        for required in _REQUIRED:
            if required not in names:
                raise header_problem(
                    source, _("The header has no %(column)s column.") % {"column": required}
                )
        self.columns = {name: names.index(name) for name in (*_REQUIRED, "flag") if name in names}
        self.positions = sorted((name, self.columns[name]) for name in DIMENSIONS)
        self.width = len(names)
        stated_dataset(source, options, DATASET, 1)
        self.header = FileHeader(
            dataset=DATASET,
            file_format=self.file_format,
            dimensions=list(DIMENSIONS),
            title="Digital Economy and Society Index",
            display_scale=100.0,
            unit_display_scales=dict(UNITS_ON_OWN_SCALE),
        )

    def records(self) -> Iterator[ObservationRecord]:
        for row in csv_rows(self.source, self.width):
            yield self._record(row, self.source.line)

    def _record(self, row: list[str], line: int) -> ObservationRecord:
        columns = self.columns
        flag = columns.get("flag")
        try:
            return ObservationRecord(
                line=line,
                dimensions=tuple((name, self._code(row[i], name)) for name, i in self.positions),
                geo=self._code(row[columns["ref_area"]], "ref_area"),
                period=parse_period(row[columns["time_period"]]),
                value=parse_value(row[columns["value"]]),
                flags=parse_flags(row[flag]) if flag is not None else "",
            )
        except CellProblem as problem:
            raise self.source.error(line, str(problem)) from None

    @staticmethod
    def _code(text: str, name: str) -> str:
        text = text.strip()
        if not text:
            raise CellProblem(_("The %(dimension)s cell is empty.") % {"dimension": name})
        return text
