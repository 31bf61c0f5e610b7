"""Reading one cell: numbers, status flags, periods, dataset codes, codes behind labels.

Helpers raise `CellProblem` with a translated sentence; the readers add the file and the line.
"""

from __future__ import annotations

import functools
import math
import re

from django.utils.translation import gettext as _

from eminder.indicators.codelists import CodeLists
from eminder.indicators.records import CONFIDENTIALITY_CODES, STATUS_FLAGS

# Plain decimal numbers as Eurostat writes them; float() alone would also take "nan", "1_000".
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
# 2024, 2024-Q1, 2024Q1, 2024-01, 2024M01, 2024-W05, 2024-S1, 2024-01-31: kept as published.
_PERIOD = re.compile(r"\d{4}(?:-?[A-Z0-9]{1,4}(?:-\d{2})?)?")
_DATASET = re.compile(r"[a-z][a-z0-9_]*")
_DIMENSION = re.compile(r"[a-z][a-z0-9_]*")
# Eurostat codes: upper-case letters, digits and a few signs, never spaces ("C10-S951_X_K").
_CODE_SHAPE = re.compile(r"[A-Z0-9][A-Z0-9_\-.+]*")
_TSV_FILE_NAME = re.compile(r"(?:estat_)?([a-z][a-z0-9_]*)\.tsv(?:\.gz)?", re.IGNORECASE)
# "ESTAT:ISOC_E_DII$DEFAULTVIEW(1.0)" -> ISOC_E_DII
_STRUCTURE_ID = re.compile(
    r"(?:[A-Za-z0-9_.]+:)?([A-Za-z][A-Za-z0-9_]*)(?:\$[^()]*)?(?:\([^()]*\))?"
)


class CellProblem(Exception):
    """A cell that cannot be read; the message is a translated sentence."""


def parse_number(text: str) -> float:
    if not _NUMBER.fullmatch(text):
        raise CellProblem(_("“%(text)s” is not a number.") % {"text": text})
    value = float(text)
    if not math.isfinite(value):
        raise CellProblem(_("“%(text)s” is too large to be a number.") % {"text": text})
    return value


def parse_value(text: str) -> float | None:
    """A CSV value: empty or ":" means not available."""
    text = text.strip()
    if not text or text == ":":
        return None
    return parse_number(text)


@functools.lru_cache(maxsize=1024)
def parse_status(text: str) -> tuple[str, str]:
    """(flags, confidentiality) from status text such as "bu", "u", "@C" or "c @C"."""
    flags: set[str] = set()
    confidentiality = ""
    characters = iter(text)
    for character in characters:
        if character.isspace():
            continue
        if character == "@":
            code = next(characters, "")
            if code not in CONFIDENTIALITY_CODES or confidentiality:
                raise CellProblem(
                    _("“%(text)s” is not a known confidentiality status.") % {"text": text}
                )
            confidentiality = code
        elif character in STATUS_FLAGS:
            flags.add(character)
        else:
            raise CellProblem(
                _("“%(letter)s” in “%(text)s” is not a Eurostat status flag.")
                % {"letter": character, "text": text}
            )
    return "".join(sorted(flags)), confidentiality


def parse_flags(text: str) -> str:
    """The status letters of an OBS_FLAG or flag column."""
    flags, confidentiality = parse_status(text.strip())
    if confidentiality:
        raise CellProblem(
            _("“%(text)s” mixes a confidentiality status into the flags.") % {"text": text}
        )
    return flags


def parse_confidentiality(text: str) -> str:
    text = text.strip()
    if text and text not in CONFIDENTIALITY_CODES:
        raise CellProblem(_("“%(text)s” is not a known confidentiality status.") % {"text": text})
    return text


def parse_tsv_cell(cell: str) -> tuple[float | None, str, str]:
    """(value, flags, confidentiality) from a TSV cell such as "23.4 e", ": u" or ": @C"."""
    text = cell.strip()
    number, _space, status = text.partition(" ")
    if number == ":":
        value = None
    elif number:
        value = parse_number(number)
    else:
        raise CellProblem(_("A cell is empty; Eurostat marks a missing value with “:”."))
    if not status:
        return value, "", ""
    flags, confidentiality = parse_status(status)
    return value, flags, confidentiality


def parse_period(text: str) -> str:
    text = text.strip()
    if not _PERIOD.fullmatch(text):
        raise CellProblem(_("“%(text)s” is not a period such as 2024 or 2024-Q1.") % {"text": text})
    return text


def dimension_name(text: str) -> str:
    name = text.strip().lower()
    if not _DIMENSION.fullmatch(name):
        raise CellProblem(_("“%(text)s” is not a dimension name.") % {"text": text})
    return name


def normalise_dataset(text: str) -> str:
    code = text.strip().lower()
    if not _DATASET.fullmatch(code):
        raise CellProblem(_("“%(text)s” is not a Eurostat dataset code.") % {"text": text})
    return code


def dataset_from_file_name(name: str) -> str | None:
    """isoc_cicce_use from estat_isoc_cicce_use.tsv.gz, isoc_cicce_use.tsv, ..."""
    match = _TSV_FILE_NAME.fullmatch(name.strip())
    return match.group(1).lower() if match else None


def dataset_from_structure(text: str) -> str:
    """isoc_e_dii from ESTAT:ISOC_E_DII$DEFAULTVIEW(1.0) (DATAFLOW or STRUCTURE_ID)."""
    match = _STRUCTURE_ID.fullmatch(text.strip())
    if not match:
        raise CellProblem(_("“%(text)s” does not name a Eurostat dataflow.") % {"text": text})
    return match.group(1).lower()


class CodeResolver:
    """Codes of dimension cells that may hold codes or labels (SDMX-CSV, tidy label columns)."""

    _CACHE_SIZE = 4096  # distinct cells remembered; cleared when full, so memory stays flat

    def __init__(self, codelists: CodeLists) -> None:
        self.codelists = codelists
        self._cache: dict[tuple[str, str], str] = {}

    def code_or_label(self, dimension: str, text: str) -> str:
        """A code kept, a label mapped, unknown code-shaped text kept (another list version)."""
        key = (dimension, text)
        code = self._cache.get(key)
        if code is None:
            code = self._resolve(dimension, text, labels_only=False)
            if len(self._cache) >= self._CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = code
        return code

    def label(self, dimension: str, text: str) -> str:
        """The code of a label (a code is accepted too)."""
        return self._resolve(dimension, text, labels_only=True)

    def _resolve(self, dimension: str, text: str, *, labels_only: bool) -> str:
        text = text.strip()
        if not text:
            raise CellProblem(_("The %(dimension)s cell is empty.") % {"dimension": dimension})
        code = self.codelists.code_for(dimension, text)
        if code is not None:
            return code
        if not labels_only and _CODE_SHAPE.fullmatch(text):
            # A code missing from our version of the list (the retired E_INV* codes of
            # isoc_eb_ics), or of a dimension we have no list for: kept as published.
            return text
        if not self.codelists.has(dimension):
            raise CellProblem(
                _("There is no code list for %(dimension)s, so “%(text)s” cannot be mapped.")
                % {"dimension": dimension, "text": text}
            )
        candidates = self.codelists.codes_for_label(dimension, text)
        if candidates:
            raise CellProblem(
                _("The %(dimension)s label “%(text)s” is ambiguous: it may be %(codes)s.")
                % {"dimension": dimension, "text": text, "codes": ", ".join(candidates)}
            )
        raise CellProblem(
            _("“%(text)s” is an unknown %(dimension)s code or label.")
            % {"dimension": dimension, "text": text}
        )
