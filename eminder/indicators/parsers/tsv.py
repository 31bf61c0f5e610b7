"""Eurostat's TSV bulk format: one line per series, one column per period.

    freq,size_emp,nace_r2,indic_is,unit,geo\\TIME_PERIOD<TAB>2014 <TAB>2015 ...   (current)
    unit,geo\\time<TAB>2014 <TAB>2013 ...                                        (old, descending)

A cell is `number[ flags]`, or `:` (not available) with optional flags or a confidentiality
status (`: u`, `: @C`). The dataset code comes from the caller or the file name.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eminder.indicators.parsers.base import ReadOptions, header_problem
from eminder.indicators.parsers.cells import (
    CellProblem,
    dataset_from_file_name,
    dimension_name,
    parse_period,
    parse_tsv_cell,
)
from eminder.indicators.parsers.source import LineSource, cell_count_problem
from eminder.indicators.records import GEO, TIME, FileHeader, ObservationRecord

TIME_NAMES = ("time", "time_period")


def is_tsv_header(text: str) -> bool:
    first_cell = text.split("\t", 1)[0]
    return "\t" in text and "\\" in first_cell


class TsvReader:
    file_format = "tsv"

    def __init__(self, source: LineSource, text: str, options: ReadOptions) -> None:
        self.source = source
        cells = text.split("\t")
        self.names, time_name = self._key_names(cells[0])
        self.periods = self._periods(cells[1:])
        self.geo_index = self.names.index(GEO)
        breakdown = [name for name in self.names if name != GEO]
        self.positions = sorted((name, self.names.index(name)) for name in breakdown)
        dataset = options.dataset or dataset_from_file_name(source.file_name)
        if not dataset:
            raise source.error(
                None,
                _(
                    "The file name does not contain a Eurostat dataset code "
                    "(such as estat_isoc_ec_esels.tsv.gz); say which dataset it holds."
                ),
            )
        descending = len(self.periods) > 1 and self.periods[0] > self.periods[-1]
        self.header = FileHeader(
            dataset=dataset,
            file_format=self.file_format,
            dimensions=breakdown,
            extra={
                "time_column": time_name,
                "period_order": "descending" if descending else "ascending",
            },
        )

    def _key_names(self, cell: str) -> tuple[list[str], str]:
        dimensions, _backslash, time_name = cell.partition("\\")
        if time_name.strip().lower() not in TIME_NAMES:
            raise header_problem(
                self.source,
                _("The first header cell must end with \\time or \\TIME_PERIOD, not “%(cell)s”.")
                % {"cell": cell},
            )
        try:
            names = [dimension_name(name) for name in dimensions.split(",")]
        except CellProblem as problem:
            raise header_problem(self.source, str(problem)) from None
        if GEO not in names:
            raise header_problem(self.source, _("The header has no geo dimension."))
        if len(set(names)) != len(names) or TIME in names:
            raise header_problem(self.source, _("The header names a dimension twice."))
        return names, time_name.strip()

    def _periods(self, cells: list[str]) -> list[str]:
        if not cells:
            raise header_problem(self.source, _("The header has no period columns."))
        try:
            periods = [parse_period(cell) for cell in cells]
        except CellProblem as problem:
            raise header_problem(self.source, str(problem)) from None
        if len(set(periods)) != len(periods):
            raise header_problem(self.source, _("The header names a period twice."))
        return periods

    def records(self) -> Iterator[ObservationRecord]:
        width = len(self.periods) + 1
        previous_key, previous_line = "", 0
        for text in self.source:
            line = self.source.line
            text = text.rstrip("\r\n")
            if not text.strip():
                continue
            cells = text.split("\t")
            if len(cells) != width:
                raise self.source.error(line, cell_count_problem(len(cells), width))
            key = cells[0]
            if key == previous_key:
                # Eurostat sorts series by key, so a repeated series is on the line before.
                raise self.source.error(
                    line,
                    _("This line repeats the series of line %(line)d (%(key)s).")
                    % {"line": previous_line, "key": key},
                )
            previous_key, previous_line = key, line
            dimensions, geo = self._series(key, line)
            try:
                cell_values = [parse_tsv_cell(cell) for cell in cells[1:]]
            except CellProblem as problem:
                raise self.source.error(line, str(problem)) from None
            for period, (value, flags, status) in zip(self.periods, cell_values, strict=True):
                yield ObservationRecord(line, dimensions, geo, period, value, flags, status)

    def _series(self, key: str, line: int) -> tuple[tuple[tuple[str, str], ...], str]:
        codes = [code.strip() for code in key.split(",")]
        if len(codes) != len(self.names):
            raise self.source.error(
                line,
                ngettext(
                    "The series key “%(key)s” has %(found)d code "
                    "but the header names %(expected)d dimensions.",
                    "The series key “%(key)s” has %(found)d codes "
                    "but the header names %(expected)d dimensions.",
                    len(codes),
                )
                % {"key": key, "found": len(codes), "expected": len(self.names)},
            )
        if not all(codes):
            raise self.source.error(
                line, _("The series key “%(key)s” has an empty code.") % {"key": key}
            )
        dimensions = tuple((name, codes[index]) for name, index in self.positions)
        return dimensions, codes[self.geo_index]
