"""The project's tidy CSVs (data/eurostat/*.csv): one observation per row, one column per field.

Columns: `dataset`, dimension code columns, optional `<dim>_label` columns, `geo`, `year`,
`value`, optional `flag` and `last_update`. Every other column is a dimension, except
`nuts_level` (derived from geo, not a breakdown). A label column only matters where its code is
missing: an empty code cell, or no code column at all (`ind_type_label` alone makes `ind_type` a
dimension); the label is then mapped to its code with the code lists.
"""

from __future__ import annotations

from collections.abc import Iterator

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
    dimension_name,
    parse_flags,
    parse_period,
    parse_value,
)
from eminder.indicators.parsers.source import LineSource, csv_rows
from eminder.indicators.records import GEO, FileHeader, ObservationRecord

TIDY = "tidy-csv"
_LABEL_SUFFIX = "_label"
_FIELDS = ("dataset", "year", "value", "flag", "last_update")
_IGNORED = ("nuts_level",)


def is_tidy_header(cells: list[str]) -> bool:
    return "dataset" in [cell.strip().lower() for cell in cells]


def _dimension_columns(
    source: LineSource, names: list[str]
) -> list[tuple[str, int | None, int | None]]:
    """(dimension, code column, label column) in file order, geo included."""
    dimensions: list[tuple[str, int | None, int | None]] = []
    for index, name in enumerate(names):
        if name in _FIELDS or name in _IGNORED:
            continue
        if name.endswith(_LABEL_SUFFIX):
            base = name.removesuffix(_LABEL_SUFFIX)
            if base not in names:
                dimensions.append((base, None, index))
            continue
        label = name + _LABEL_SUFFIX
        dimensions.append((name, index, names.index(label) if label in names else None))
    found = [name for name, _code, _label in dimensions]
    if len(set(found)) != len(found):
        raise header_problem(source, _("The header names a dimension twice."))
    return dimensions


class TidyCsvReader:
    file_format = TIDY

    def __init__(self, source: LineSource, header: list[str], options: ReadOptions) -> None:
        self.source = source
        try:
            names = [dimension_name(cell) for cell in header]
        except CellProblem as problem:
            raise header_problem(source, str(problem)) from None
        for required in ("dataset", "year", "value"):
            if required not in names:
                raise header_problem(
                    source, _("The header has no %(column)s column.") % {"column": required}
                )
        self.columns = {name: names.index(name) for name in _FIELDS if name in names}
        dimensions = _dimension_columns(source, names)
        geo = [d for d in dimensions if d[0] == GEO]
        if not geo:
            raise header_problem(source, _("The header has no geo column."))
        self.geo = geo[0]
        self.positions = sorted((d for d in dimensions if d[0] != GEO), key=lambda d: d[0])
        self.series_columns = [index for d in dimensions for index in d[1:] if index is not None]
        self._last_cells: list[str] = []
        self._last_series: tuple[tuple[tuple[str, str], ...], str] = ((), "")
        self._resolver: CodeResolver | None = None
        self._options = options
        self.rows = csv_rows(source, len(names))
        self.first = next(self.rows, None)
        self.first_line = source.line
        self.dataset_text = self.first[self.columns["dataset"]] if self.first else ""
        self.header = FileHeader(
            dataset=self._dataset(options),
            file_format=self.file_format,
            dimensions=[name for name, _code, _label in dimensions if name != GEO],
            last_update=self._first_cell("last_update"),
        )

    def _first_cell(self, column: str) -> str:
        index = self.columns.get(column)
        return self.first[index].strip() if self.first is not None and index is not None else ""

    def _dataset(self, options: ReadOptions) -> str:
        if self.first is None:
            if options.dataset:
                return options.dataset
            raise self.source.error(None, _("The file has a header but no observations."))
        return stated_dataset(self.source, options, self.dataset_text, self.first_line)

    def records(self) -> Iterator[ObservationRecord]:
        if self.first is None:
            return
        yield self._record(self.first, self.first_line)
        for row in self.rows:
            yield self._record(row, self.source.line)

    def _record(self, row: list[str], line: int) -> ObservationRecord:
        columns = self.columns
        if row[columns["dataset"]] != self.dataset_text:
            found = row[columns["dataset"]].strip()
            raise self.source.error(line, same_dataset_problem(found, self.dataset_text.strip()))
        try:
            dimensions, geo = self._series(row)
            return ObservationRecord(
                line=line,
                dimensions=dimensions,
                geo=geo,
                period=parse_period(row[columns["year"]]),
                value=parse_value(row[columns["value"]]),
                flags=parse_flags(row[columns["flag"]]) if "flag" in columns else "",
            )
        except CellProblem as problem:
            raise self.source.error(line, str(problem)) from None

    def _series(self, row: list[str]) -> tuple[tuple[tuple[str, str], ...], str]:
        """The row's dimension codes and geo, reused from the previous row if its cells match."""
        cells = [row[index] for index in self.series_columns]
        if cells != self._last_cells:
            dimensions = tuple((dim[0], self._code(row, *dim)) for dim in self.positions)
            self._last_series = (dimensions, self._code(row, *self.geo))
            self._last_cells = cells
        return self._last_series

    def _code(self, row: list[str], name: str, code: int | None, label: int | None) -> str:
        text = row[code].strip() if code is not None else ""
        if text:
            return text
        if label is not None and row[label].strip():
            if self._resolver is None:
                self._resolver = self._options.resolver()
            return self._resolver.label(name, row[label])
        raise CellProblem(_("The %(dimension)s cell is empty.") % {"dimension": name})
