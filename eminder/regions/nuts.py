"""Parse the NUTS code lists (code history and valid codes per version) into region records.

Pure functions over the files' rows: no database, so the rules are unit-tested on their own.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

NUTS_VERSIONS = (1999, 2003, 2006, 2010, 2013, 2016, 2021)
TYPOLOGY_LEVELS = {"country": 0, "nuts_level_1": 1, "nuts_level_2": 2, "nuts_level_3": 3}
PART_MARK = "(part)"


@dataclass
class RegionRecord:
    code: str
    nuts_version: int
    level: int
    name: str = ""
    name_latin: str = ""
    # The NUTS 2021 code this code continues as; empty when it ended or split ambiguously.
    successor_code: str = ""
    ambiguous: bool = False

    @property
    def country_code(self) -> str:
        return self.code[:2]


class NutsFileError(ValueError):
    """A code-list file does not have the columns or values this parser expects."""


def _read_rows(path: Path, required: set[str]) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise NutsFileError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        yield from reader


def _level(typology: str, path: Path, line: int) -> int:
    try:
        return TYPOLOGY_LEVELS[typology]
    except KeyError:
        raise NutsFileError(f"{path.name}, line {line}: unknown typology {typology!r}") from None


def parse_changes(path: Path) -> dict[tuple[str, int], RegionRecord]:
    """Records from the lineage table: one row per region, its code in every NUTS version."""
    required = {"typology"} | {f"code_{v}" for v in NUTS_VERSIONS}
    records: dict[tuple[str, int], RegionRecord] = {}
    for line, row in enumerate(_read_rows(path, required), start=2):
        level = _level(row["typology"], path, line)
        successor = row["code_2021"].strip()
        if PART_MARK in successor:
            successor = ""
        for version in NUTS_VERSIONS:
            code = row[f"code_{version}"].strip()
            if not code:
                continue
            part = PART_MARK in code
            code = code.replace(PART_MARK, "").strip()
            name = (row.get(f"geo_name_{version}") or "").strip()
            _merge(records, RegionRecord(code, version, level, name), successor, part=part)
    return records


def _merge(
    records: dict[tuple[str, int], RegionRecord], new: RegionRecord, successor: str, *, part: bool
) -> None:
    """Add one row's word on a code: its lineage continues as `successor` ("" if it ended)."""
    record = records.setdefault((new.code, new.nuts_version), new)
    record.name = record.name or new.name
    # A row whose lineage ends before 2021 (a "new region" or "merged" event row) says nothing
    # about where the code went; the row that carries the code on does.
    if not successor or record.ambiguous:
        return
    # A code only partly in this lineage, or continued by several, has no single 2021 equivalent.
    if part or record.successor_code not in ("", successor):
        record.ambiguous = True
        record.successor_code = ""
    else:
        record.successor_code = successor


def parse_valid_codes(path: Path) -> Iterator[RegionRecord]:
    """Records for every valid code of every version (names come from the lineage table)."""
    versions = {f"code_{version}": version for version in NUTS_VERSIONS}
    for line, row in enumerate(_read_rows(path, {"typology", "geo", "nuts"}), start=2):
        version_label = row["nuts"].strip()
        if version_label not in versions:
            raise NutsFileError(f"{path.name}, line {line}: unknown NUTS version {version_label!r}")
        version = versions[version_label]
        level = _level(row["typology"], path, line)
        yield RegionRecord(row["geo"].strip(), version, level)


def parse_transliterations(path: Path) -> dict[str, tuple[str, str]]:
    rows = _read_rows(path, {"nuts_id", "label", "label_latin"})
    return {row["nuts_id"]: (row["label"].strip(), row["label_latin"].strip()) for row in rows}


def build_records(directory: Path) -> list[RegionRecord]:
    """All region records from the three shipped files, in code order."""
    records = parse_changes(directory / "nuts_changes_1999_2021.csv")
    for record in parse_valid_codes(directory / "all_valid_nuts_codes_1999_2021.csv"):
        key = (record.code, record.nuts_version)
        if key not in records:
            if record.nuts_version == 2021:
                record.successor_code = record.code
            records[key] = record
    _fill_names(records.values())
    latin = parse_transliterations(directory / "nuts_labels_transliteration.csv")
    for record in records.values():
        label, label_latin = latin.get(record.code, ("", ""))
        if label and label == record.name:
            record.name_latin = label_latin
    return sorted(records.values(), key=lambda r: (r.code, r.nuts_version))


def _fill_names(records: Iterable[RegionRecord]) -> None:
    """Codes of 1999 carry no name in the table: borrow the same code's next named version."""
    by_code: dict[str, list[RegionRecord]] = {}
    for record in records:
        by_code.setdefault(record.code, []).append(record)
    for versions in by_code.values():
        versions.sort(key=lambda r: r.nuts_version)
        for index, record in enumerate(versions):
            if not record.name:
                later = [r.name for r in versions[index + 1 :] if r.name]
                record.name = later[0] if later else ""
