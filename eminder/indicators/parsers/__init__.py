"""Readers for Eurostat statistics files: a `FileHeader` and a stream of `ObservationRecord`s.

    with open_statistics_file(path, name=upload.name) as statistics:
        statistics.header.dataset
        for record in statistics.records():
            ...

The format is recognised from the content, not the file name: Eurostat TSV (old and current),
SDMX-CSV 1.0 and 2.0 (codes, labels, or both), the project's tidy CSVs and the DESI CSV; plain
or gzipped, LF or CRLF, UTF-8 with or without a BOM. Reading streams: memory stays flat whatever
the size. Every problem with the file raises `StatisticsFileError` naming file, line and problem.
Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from django.utils.translation import gettext as _

from eminder.indicators.codelists import CodeLists
from eminder.indicators.parsers.base import Reader, ReadOptions
from eminder.indicators.parsers.cells import CellProblem, normalise_dataset
from eminder.indicators.parsers.desi import DesiCsvReader, is_desi_header
from eminder.indicators.parsers.sdmx import SdmxCsvReader, sdmx_version
from eminder.indicators.parsers.source import LineSource, csv_header
from eminder.indicators.parsers.tidy import TidyCsvReader, is_tidy_header
from eminder.indicators.parsers.tsv import TsvReader, is_tsv_header
from eminder.indicators.records import FileHeader, ObservationRecord, StatisticsFileError

__all__ = [
    "FileHeader",
    "ObservationRecord",
    "StatisticsFile",
    "StatisticsFileError",
    "open_statistics_file",
]


class StatisticsFile:
    """An open statistics file: its header, and its observations read once, in file order."""

    def __init__(self, source: LineSource, reader: Reader) -> None:
        self._source = source
        self._reader = reader
        self._started = False

    @property
    def header(self) -> FileHeader:
        return self._reader.header

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far (compressed bytes for a gzipped file), for a progress bar."""
        return self._source.bytes_read

    @property
    def total_bytes(self) -> int:
        return self._source.total_bytes

    def records(self) -> Iterator[ObservationRecord]:
        """The observations in file order; raises StatisticsFileError at the first bad line."""
        if self._started:
            raise RuntimeError("The records of a statistics file can be read only once.")
        self._started = True
        return self._reader.records()

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> StatisticsFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_statistics_file(
    path: Path | str,
    *,
    dataset: str | None = None,
    codelists: CodeLists | None = None,
    name: str | None = None,
) -> StatisticsFile:
    """Open a statistics file and read its header.

    `dataset`: the dataset code the file must hold; for a TSV, which states none, it names the
    dataset (else the file name must: estat_<code>.tsv[.gz] or <code>.tsv[.gz]). `codelists`:
    for mapping labels to codes (default: the shipped Eurostat code lists, loaded when needed).
    `name`: the file name shown in errors and read for the dataset code (default: the path's).
    """
    path = Path(path)
    file_name = name or path.name
    options = ReadOptions(dataset=_expected_dataset(file_name, dataset), codelists=codelists)
    source = LineSource(path, file_name)
    try:
        reader = _reader(source, options)
    except BaseException:
        source.close()
        raise
    return StatisticsFile(source, reader)


def _expected_dataset(file_name: str, dataset: str | None) -> str | None:
    if dataset is None:
        return None
    try:
        return normalise_dataset(dataset)
    except CellProblem as problem:
        raise StatisticsFileError(file_name, None, str(problem)) from None


def _reader(source: LineSource, options: ReadOptions) -> Reader:
    """The reader for the file's format, recognised from its first line."""
    text = source.first_line()
    if is_tsv_header(text):
        return TsvReader(source, text, options)
    cells = csv_header(source, text)
    version = sdmx_version(cells)
    if version:
        return SdmxCsvReader(source, cells, options, version)
    if is_desi_header(cells):
        return DesiCsvReader(source, cells, options)
    if is_tidy_header(cells):
        return TidyCsvReader(source, cells, options)
    raise source.error(
        1,
        _(
            "The first line is not the header of a known statistics file "
            "(Eurostat TSV, SDMX-CSV, the tidy CSV or the DESI CSV)."
        ),
    )
