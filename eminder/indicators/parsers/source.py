"""The lines of a statistics file, plain or gzipped, decoded one at a time.

Memory stays flat whatever the file size: one line (at most `MAX_LINE_BYTES`) is held at a time.
Every problem becomes a `StatisticsFileError` naming the file and the line.
"""

from __future__ import annotations

import csv
import gzip
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eminder.indicators.records import StatisticsFileError

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = "\ufeff"
# Far above any Eurostat line (a daily series over 30 years is about 130 KB), small enough that a
# file without line breaks cannot exhaust memory.
MAX_LINE_BYTES = 4 * 1024 * 1024


class LineSource:
    """Decoded lines of one file, counting lines and the (compressed) bytes consumed."""

    def __init__(self, path: Path, file_name: str) -> None:
        self.file_name = file_name
        self.line = 0  # number of the line last read
        self._raw = path.open("rb")
        self.total_bytes = os.fstat(self._raw.fileno()).st_size
        self.compressed = self._raw.peek(2)[:2] == GZIP_MAGIC
        self._stream: BinaryIO = self._raw
        if self.compressed:
            self._stream = gzip.GzipFile(fileobj=self._raw, mode="rb")  # type: ignore[assignment]

    @property
    def bytes_read(self) -> int:
        """Bytes consumed from the file on disk (compressed bytes for a gzipped file)."""
        if self._raw.closed:
            return self.total_bytes
        return min(self._raw.tell(), self.total_bytes)

    def close(self) -> None:
        if self._stream is not self._raw:
            self._stream.close()
        self._raw.close()

    def error(self, line: int | None, problem: str) -> StatisticsFileError:
        return StatisticsFileError(self.file_name, line, problem)

    def first_line(self) -> str:
        """The first line without its line end; raises if the file is empty."""
        text = self.read_line()
        if text is None or not text.strip():
            empty = text is None or self._only_blank_lines_follow()
            if empty:
                raise self.error(None, _("The file is empty."))
            raise self.error(1, _("The first line is empty; it must be the header."))
        return text.rstrip("\r\n")

    def _only_blank_lines_follow(self) -> bool:
        while (text := self.read_line()) is not None:
            if text.strip():
                return False
        return True

    def read_line(self) -> str | None:
        """The next line, decoded, with its line end; None at the end of the file."""
        data = self._read_bytes()
        if not data:
            return None
        self.line += 1
        if len(data) >= MAX_LINE_BYTES and not data.endswith(b"\n"):
            raise self.error(
                self.line,
                _("The line is longer than %(size)d MB; this is not a statistics file.")
                % {"size": MAX_LINE_BYTES // (1024 * 1024)},
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self.error(
                self.line,
                _(
                    "The line is not UTF-8 text (see byte %(position)d of the line). "
                    "Save the file as UTF-8 and import it again."
                )
                % {"position": exc.start + 1},
            ) from None
        if self.line == 1 and text.startswith(UTF8_BOM):
            text = text[1:]
        return text

    def _read_bytes(self) -> bytes:
        if not self.compressed:
            return self._stream.readline(MAX_LINE_BYTES)
        try:
            return self._stream.readline(MAX_LINE_BYTES)
        except (EOFError, OSError, zlib.error):
            # EOFError: the stream stops before its end marker; BadGzipFile (an OSError) and
            # zlib.error: damaged bytes or checksum.
            raise self.error(
                self.line + 1,
                _("The compressed file is damaged or incomplete (it ends too early)."),
            ) from None

    def __iter__(self) -> Iterator[str]:
        while (text := self.read_line()) is not None:
            yield text


def csv_header(source: LineSource, text: str) -> list[str]:
    """The cells of a CSV header line."""
    try:
        return next(csv.reader([text], strict=True))
    except (csv.Error, StopIteration):
        raise source.error(1, _("The first line is not a valid CSV header.")) from None


def csv_rows(source: LineSource, width: int) -> Iterator[list[str]]:
    """The CSV rows after the header, each checked to have `width` cells; blank lines skipped."""
    reader = csv.reader(source, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise source.error(
                source.line, _("The line is not valid CSV (%(reason)s).") % {"reason": exc}
            ) from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            raise source.error(source.line, cell_count_problem(len(row), width))
        yield row


def cell_count_problem(found: int, expected: int) -> str:
    values = {"found": found, "expected": expected}
    if found < expected:
        return (
            ngettext(
                "The line has %(found)d cell but the header has %(expected)d: "
                "the line is incomplete or the file was cut short.",
                "The line has %(found)d cells but the header has %(expected)d: "
                "the line is incomplete or the file was cut short.",
                found,
            )
            % values
        )
    return (
        ngettext(
            "The line has %(found)d cell but the header has %(expected)d.",
            "The line has %(found)d cells but the header has %(expected)d.",
            found,
        )
        % values
    )
