"""NACE Rev. 2 activity codes, checked against Eurostat's NACE_R2 code list.

Accepted granularity: the four levels of the classification itself, as Eurostat codes them in
`indicators/data/codelists/ESTAT_NACE_R2_17.0.xml`: a section (`G`), a division (`G47`), a group
(`G479`) or a class (`G4791`). Eurostat's aggregates in the same list (`B-E`, `TOTAL`, `ICT`,
...) are not activities of one enterprise and are refused.

What people type is read leniently: case, spaces and dots do not matter, and the section letter
may be left out (`47.91`, `G47.91`, `g 4791` all mean `G4791`), since every division belongs to
exactly one section. The stored form is Eurostat's (`G4791`), so enterprises can later be
compared with the statistics by activity; pages show the official notation (`G47.91`).
"""

from __future__ import annotations

import functools
import re

from eminder.indicators.codelists import CodeLists

DIMENSION = "nace_r2"
_HIERARCHY = re.compile(r"[A-U](\d{2}(\d{1,2})?)?")
_TYPED = re.compile(r"([A-U])?(\d{2,4})?")


def normalise_nace(text: str) -> str | None:
    """The Eurostat code a typed NACE Rev. 2 code stands for, or None if it is not one."""
    compact = re.sub(r"[\s.]", "", text or "").upper()
    match = _TYPED.fullmatch(compact)
    if not compact or match is None:
        return None
    section, digits = match.group(1), match.group(2) or ""
    if section is None:
        section = _section_of_division(digits[:2])
        if section is None:
            return None
    code = section + digits
    return code if is_activity(code) else None


def is_activity(code: str) -> bool:
    """Whether the code is a section, division, group or class of NACE Rev. 2 in the list."""
    return code in _activities()


@functools.cache
def _activities() -> frozenset[str]:
    """Every code of the classification's four levels in Eurostat's list, read once."""
    return frozenset(
        code
        for dimension, code, _labels in CodeLists.load().iter_labels()
        if dimension == DIMENSION and _HIERARCHY.fullmatch(code)
    )


def _section_of_division(division: str) -> str | None:
    if len(division) != 2:
        return None
    for section in "ABCDEFGHIJKLMNOPQRSTU":
        if is_activity(section + division):
            return section
    return None


def official_notation(code: str) -> str:
    """`G4791` as NACE writes it: `G47.91`."""
    if len(code) <= 3:
        return code
    return f"{code[:3]}.{code[3:]}"


def nace_label(code: str, language: str = "en") -> str:
    """The activity's name in the language where Eurostat has it (en, de, fr), else English."""
    return CodeLists.load().label(DIMENSION, code, language) or ""


def sections(language: str = "en") -> list[tuple[str, str]]:
    """The 21 sections, A to U, with their names."""
    return [(letter, nace_label(letter, language)) for letter in "ABCDEFGHIJKLMNOPQRSTU"]
