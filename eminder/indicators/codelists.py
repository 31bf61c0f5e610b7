"""Eurostat's code lists: the labels of dimension codes, and labels mapped back to codes.

The lists are Eurostat SDMX 3.0 structure messages (`data/codelists/ESTAT_<ID>_<version>.xml`),
one code list each; code list `INDIC_IS` describes dimension `indic_is`, and so on.

Mapping a label back to its code (`code_for`) follows these rules:

* a text that is a code of the dimension is that code;
* else a current English label, matched exactly after trimming the ends (real exports need no
  other normalisation);
* else a former English label listed in `FORMER_LABELS` (exports carry the label of the day
  they were made, e.g. the euro area before EA21-2026);
* when several codes share a label, the one with the shortest code is meant: the country rather
  than its single NUTS region ("Ireland": IE, not IE0), the NACE group rather than its single
  class ("Logging": A022, not A0220). When several codes tie for shortest ("Extra-Regio NUTS 1",
  "Jura": FRC22 or CH025), the label is ambiguous and maps to nothing; `codes_for_label` lists
  the candidates for the error message.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "data" / "codelists"
# (dimension, code, label): English labels Eurostat used before the current code list renamed
# the code. Only labels seen in Eurostat label exports; a current label always wins.
FORMER_LABELS: tuple[tuple[str, str, str], ...] = (
    # 2023 until EA21-2026 was added; in the isoc_ec_esels export of 28/01/2025 (data/samples).
    (
        "geo",
        "EA",
        "Euro area (EA11-1999, EA12-2001, EA13-2007, EA15-2008, EA16-2009, EA17-2011, "
        "EA18-2014, EA19-2015, EA20-2023)",
    ),
    # 2015-2022 exports, as quoted by many public scripts reading Eurostat label exports.
    (
        "geo",
        "EA",
        "Euro area (EA11-1999, EA12-2001, EA13-2007, EA15-2008, EA16-2009, EA17-2011, "
        "EA18-2014, EA19-2015)",
    ),
    ("geo", "EA19", "Euro area - 19 countries  (from 2015)"),
    ("geo", "DE", "Germany (until 1990 former territory of the FRG)"),
    ("geo", "XK", "Kosovo (under United Nations Security Council Resolution 1244/99)"),
)

_STRUCTURE = "{http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure}"
_COMMON = "{http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODELIST = _STRUCTURE + "Codelist"
_CODE = _STRUCTURE + "Code"
_NAME = _COMMON + "Name"


@dataclass
class _CodeList:
    version: tuple[int, ...]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> {lang: label}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def _parse_file(path: Path) -> dict[str, _CodeList]:
    """Read the code lists of one SDMX 3.0 structure message, streaming."""
    lists: dict[str, _CodeList] = {}
    current: _CodeList | None = None
    code: str | None = None
    # Only the code lists shipped in data/codelists/ are parsed, never uploaded XML.
    for event, element in ET.iterparse(path, events=("start", "end")):  # noqa: S314
        tag = element.tag
        if event == "start":
            if tag == _CODELIST:
                current = _CodeList(_version(element.get("version", "")))
                lists[element.get("id", "").lower()] = current
            elif tag == _CODE and current is not None:
                code = element.get("id", "")
                current.labels[code] = {}
        elif tag == _NAME and code is not None and current is not None:
            # The code list's own c:Name comes before its first code, so code is None there.
            language = element.get(_XML_LANG, "en")
            current.labels[code][language] = (element.text or "").strip()
        elif tag == _CODE:
            code = None
            element.clear()  # keeps memory flat: a code's annotations are never needed
    return lists


class CodeLists:
    """Eurostat code lists by dimension: labels of codes, and codes of English labels."""

    def __init__(
        self,
        lists: dict[str, dict[str, dict[str, str]]],
        former_labels: list[tuple[str, str, str]] | None = None,
    ) -> None:
        self._labels = lists
        self._by_label: dict[str, dict[str, str]] = {}
        self._candidates: dict[str, dict[str, tuple[str, ...]]] = {}
        for dimension, codes in lists.items():
            self._index(dimension, codes, former_labels or [])

    @classmethod
    def load(cls, directory: Path | str = DEFAULT_DIRECTORY) -> CodeLists:
        """The code lists of a directory, parsed once per process."""
        return _load(str(Path(directory).resolve()))

    @classmethod
    def default(cls) -> CodeLists:
        """The code lists shipped with the application."""
        return cls.load(DEFAULT_DIRECTORY)

    def _index(
        self,
        dimension: str,
        codes: dict[str, dict[str, str]],
        former_labels: list[tuple[str, str, str]],
    ) -> None:
        groups: dict[str, list[str]] = {}
        for code, labels in codes.items():
            english = labels.get("en", "")
            if english:
                groups.setdefault(english, []).append(code)
        for former_dimension, code, label in former_labels:
            if former_dimension == dimension and code in codes and label not in groups:
                groups[label] = [code]
        by_label: dict[str, str] = {}
        candidates: dict[str, tuple[str, ...]] = {}
        for label, group in groups.items():
            candidates[label] = tuple(group)
            shortest = min(len(code) for code in group)
            winners = [code for code in group if len(code) == shortest]
            if len(winners) == 1:
                by_label[label] = winners[0]
        self._by_label[dimension] = by_label
        self._candidates[dimension] = {k: v for k, v in candidates.items() if len(v) > 1}

    @property
    def dimensions(self) -> list[str]:
        return sorted(self._labels)

    def has(self, dimension: str) -> bool:
        """Whether a code list describes this dimension."""
        return dimension in self._labels

    def code_for(self, dimension: str, text: str) -> str | None:
        """The code a text stands for: itself if it is a code, else the code of its label."""
        codes = self._labels.get(dimension)
        if codes is None:
            return None
        text = text.strip()
        if text in codes:
            return text
        return self._by_label[dimension].get(text)

    def codes_for_label(self, dimension: str, label: str) -> tuple[str, ...]:
        """Every code whose English label this is, when there are several (else empty)."""
        return self._candidates.get(dimension, {}).get(label.strip(), ())

    def label(self, dimension: str, code: str, language: str = "en") -> str | None:
        """A code's label in a language, else in English, else None for an unknown code."""
        labels = self._labels.get(dimension, {}).get(code)
        if labels is None:
            return None
        return labels.get(language) or labels.get("en")

    def iter_labels(self) -> Iterator[tuple[str, str, dict[str, str]]]:
        """Every (dimension, code, {language: label}), by dimension then in code-list order."""
        for dimension in self.dimensions:
            for code, labels in self._labels[dimension].items():
                yield dimension, code, dict(labels)


@functools.lru_cache(maxsize=4)
def _load(directory: str) -> CodeLists:
    lists: dict[str, _CodeList] = {}
    paths = sorted(Path(directory).glob("*.xml"))
    if not paths:
        # Without lists, labelled exports would be refused line by line: say why at once.
        raise FileNotFoundError(f"No SDMX code list (*.xml) in {directory}")
    for path in paths:
        for dimension, code_list in _parse_file(path).items():
            known = lists.get(dimension)
            if known is None or code_list.version > known.version:
                lists[dimension] = code_list
    return CodeLists({dim: cl.labels for dim, cl in lists.items()}, list(FORMER_LABELS))
