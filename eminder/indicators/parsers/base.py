"""What every format reader shares: the caller's options and the reader's shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from eminder.indicators.codelists import CodeLists
from eminder.indicators.parsers.cells import CellProblem, CodeResolver, normalise_dataset
from eminder.indicators.parsers.source import LineSource
from eminder.indicators.records import FileHeader, ObservationRecord, StatisticsFileError


@dataclass
class ReadOptions:
    dataset: str | None  # normalised dataset code the caller expects, if any
    codelists: CodeLists | None  # None: the shipped code lists, loaded only if a reader needs them

    def resolver(self) -> CodeResolver:
        return CodeResolver(self.codelists or CodeLists.default())


class Reader(Protocol):
    header: FileHeader

    def records(self) -> Iterator[ObservationRecord]: ...


def stated_dataset(source: LineSource, options: ReadOptions, text: str, line: int) -> str:
    """The dataset a file states about itself, which must be the one the caller expects."""
    try:
        dataset = normalise_dataset(text)
    except CellProblem as problem:
        raise source.error(line, str(problem)) from None
    if options.dataset and options.dataset != dataset:
        raise source.error(
            line,
            _("The file holds dataset %(found)s, not %(expected)s.")
            % {"found": dataset, "expected": options.dataset},
        )
    return dataset


def same_dataset_problem(found: str, first: str) -> str:
    return _("The dataset changes from %(first)s to %(found)s; a file holds one dataset.") % {
        "first": first,
        "found": found,
    }


def header_problem(source: LineSource, problem: str) -> StatisticsFileError:
    return source.error(1, problem)
