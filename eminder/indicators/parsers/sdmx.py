"""SDMX-CSV 1.0 and 2.0 files as Eurostat's API and data browser write them.

    1.0: DATAFLOW,LAST UPDATE,<dims...>,TIME_PERIOD,OBS_VALUE,OBS_FLAG[,CONF_STATUS]
    2.0: STRUCTURE,STRUCTURE_ID[,STRUCTURE_NAME],<dims...>,TIME_PERIOD,OBS_VALUE,OBS_FLAG[,...]

A 2.0 export "with labels" follows every column with a label column (`freq,Time frequency,...`);
the labels are ignored except to fill an empty code. A data-browser export "with labels" in 1.0
puts labels in place of codes, so every dimension cell goes through the code lists: a code is
kept, an English label becomes its code, and an unknown text is an error unless it is shaped
like a code (upper case, no spaces): a code retired from, or newer than, our version of the
code list, or of a dimension we have no code list for, is kept as published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from eminder.indicators.parsers.base import (
    ReadOptions,
    header_problem,
    same_dataset_problem,
    stated_dataset,
)
from eminder.indicators.parsers.cells import (
    CellProblem,
    CodeResolver,
    dataset_from_structure,
    dimension_name,
    parse_confidentiality,
    parse_flags,
    parse_period,
    parse_value,
)
from eminder.indicators.parsers.source import LineSource, csv_rows
from eminder.indicators.records import GEO, FileHeader, ObservationRecord

SDMX_1 = "sdmx-csv-1.0"
SDMX_2 = "sdmx-csv-2.0"
# Observation-level columns; other upper-case attribute columns after TIME_PERIOD are ignored.
_OBSERVATION_COLUMNS = ("TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS")
_ATTRIBUTE = re.compile(r"[A-Z][A-Z0-9_]*")


def sdmx_version(cells: list[str]) -> str | None:
    first = cells[0].strip() if cells else ""
    if first == "DATAFLOW":
        return SDMX_1
    if first == "STRUCTURE":
        return SDMX_2
    return None


@dataclass
class _Layout:
    """Where each column is: (name, code column, label column) per dimension."""

    structure: int = 1
    last_update: int | None = None
    title: int | None = None
    action: int | None = None
    dimensions: list[tuple[str, int, int | None]] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # TIME_PERIOD, OBS_VALUE, ...
    width: int = 0


def _prefix(source: LineSource, cells: list[str], version: str, layout: _Layout) -> int:
    """Check the structure columns; the index of the first dimension column."""
    expected = ["DATAFLOW", "LAST UPDATE"] if version == SDMX_1 else ["STRUCTURE", "STRUCTURE_ID"]
    if cells[:2] != expected:
        raise header_problem(
            source,
            _("An SDMX-CSV header must start with %(columns)s.") % {"columns": ",".join(expected)},
        )
    if version == SDMX_1:
        layout.structure, layout.last_update = 0, 1
        return 2
    start = 2
    for name in ("STRUCTURE_NAME", "ACTION"):
        if start < len(cells) and cells[start] == name:
            setattr(layout, "title" if name == "STRUCTURE_NAME" else "action", start)
            start += 1
    return start


def _layout(source: LineSource, header: list[str], version: str) -> _Layout:
    cells = [cell.strip() for cell in header]
    layout = _Layout(width=len(cells))
    start = _prefix(source, cells, version, layout)
    time = cells.index("TIME_PERIOD") if "TIME_PERIOD" in cells else -1
    labelled = version == SDMX_2 and 0 <= time < len(cells) - 1 and cells[time + 1] != "OBS_VALUE"
    if labelled and (len(cells) - start) % 2:
        raise header_problem(source, _("The header does not pair every column with its label."))
    step = 2 if labelled else 1
    for index in range(start, len(cells), step):
        name = cells[index]
        label_index = index + 1 if labelled else None
        if name in _OBSERVATION_COLUMNS:
            layout.columns[name] = index
        elif "TIME_PERIOD" in layout.columns:
            if not _ATTRIBUTE.fullmatch(name):
                raise header_problem(
                    source, _("“%(name)s” is not an SDMX-CSV column.") % {"name": name}
                )
        else:
            try:
                layout.dimensions.append((dimension_name(name), index, label_index))
            except CellProblem as problem:
                raise header_problem(source, str(problem)) from None
    for required in ("TIME_PERIOD", "OBS_VALUE"):
        if required not in layout.columns:
            raise header_problem(
                source, _("The header has no %(column)s column.") % {"column": required}
            )
    names = [name for name, _code, _label in layout.dimensions]
    if GEO not in names:
        raise header_problem(source, _("The header has no geo dimension."))
    if len(set(names)) != len(names):
        raise header_problem(source, _("The header names a dimension twice."))
    return layout


class SdmxCsvReader:
    def __init__(
        self, source: LineSource, header: list[str], options: ReadOptions, version: str
    ) -> None:
        self.source = source
        self.layout = _layout(source, header, version)
        self.resolver: CodeResolver = options.resolver()
        names = [name for name, _code, _label in self.layout.dimensions]
        self.geo = self.layout.dimensions[names.index(GEO)]
        self.positions = sorted(d for d in self.layout.dimensions if d[0] != GEO)
        self.series_columns = [
            index for d in self.layout.dimensions for index in d[1:] if index is not None
        ]
        self._last_cells: list[str] = []
        self._last_series: tuple[tuple[tuple[str, str], ...], str] = ((), "")
        self.rows = csv_rows(source, self.layout.width)
        self.first = next(self.rows, None)
        self.first_line = source.line
        self.structure_text = self.first[self.layout.structure] if self.first else ""
        self.header = FileHeader(
            dataset=self._dataset(options),
            file_format=version,
            dimensions=[name for name in names if name != GEO],
            title=self._first_cell(self.layout.title),
            last_update=self._first_cell(self.layout.last_update),
            extra={"structure": self.structure_text.strip()} if self.first else {},
        )

    def _first_cell(self, index: int | None) -> str:
        return self.first[index].strip() if self.first is not None and index is not None else ""

    def _dataset(self, options: ReadOptions) -> str:
        if self.first is None:
            if options.dataset:
                return options.dataset
            raise self.source.error(None, _("The file has a header but no observations."))
        try:
            code = dataset_from_structure(self.structure_text)
        except CellProblem as problem:
            raise self.source.error(self.first_line, str(problem)) from None
        return stated_dataset(self.source, options, code, self.first_line)

    def records(self) -> Iterator[ObservationRecord]:
        if self.first is None:
            return
        yield self._record(self.first, self.first_line)
        for row in self.rows:
            yield self._record(row, self.source.line)

    def _record(self, row: list[str], line: int) -> ObservationRecord:
        layout = self.layout
        if row[layout.structure] != self.structure_text:
            found = row[layout.structure].strip()
            raise self.source.error(line, same_dataset_problem(found, self.structure_text))
        if layout.action is not None and row[layout.action].strip() == "D":
            raise self.source.error(line, _("Deleting observations is not supported."))
        columns = layout.columns
        flag, confidentiality = columns.get("OBS_FLAG"), columns.get("CONF_STATUS")
        try:
            dimensions, geo = self._series(row)
            return ObservationRecord(
                line=line,
                dimensions=dimensions,
                geo=geo,
                period=parse_period(row[columns["TIME_PERIOD"]]),
                value=parse_value(row[columns["OBS_VALUE"]]),
                flags=parse_flags(row[flag]) if flag is not None else "",
                confidentiality=(
                    parse_confidentiality(row[confidentiality])
                    if confidentiality is not None
                    else ""
                ),
            )
        except CellProblem as problem:
            raise self.source.error(line, str(problem)) from None

    def _series(self, row: list[str]) -> tuple[tuple[tuple[str, str], ...], str]:
        """The row's dimension codes and geo; rows of one series follow each other, so the
        previous row's answer is reused when its cells are the same."""
        cells = [row[index] for index in self.series_columns]
        if cells != self._last_cells:
            dimensions = tuple((dim[0], self._code(row, *dim)) for dim in self.positions)
            self._last_series = (dimensions, self._code(row, *self.geo))
            self._last_cells = cells
        return self._last_series

    def _code(self, row: list[str], name: str, code_index: int, label_index: int | None) -> str:
        if label_index is not None and not row[code_index].strip() and row[label_index].strip():
            return self.resolver.label(name, row[label_index])
        return self.resolver.code_or_label(name, row[code_index])
