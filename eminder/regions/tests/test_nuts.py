"""The NUTS code-list parser, on small hand-written files."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eminder.regions.nuts import (
    NUTS_VERSIONS,
    NutsFileError,
    build_records,
    parse_changes,
    parse_transliterations,
    parse_valid_codes,
)

CHANGE_COLUMNS = [
    "typology",
    "start_year",
    "end_year",
    *[f"code_{v}" for v in NUTS_VERSIONS],
    *[f"geo_name_{v}" for v in NUTS_VERSIONS[1:]],
    *[f"change_{v}" for v in NUTS_VERSIONS[1:]],
]


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def lineage(typology: str = "nuts_level_2", **codes: str) -> dict[str, str]:
    """One row of the change table: `c1999="GR30", c2021="EL30", n2021="Attiki"`."""
    row = {"typology": typology}
    for key, value in codes.items():
        prefix = "code" if key.startswith("c") else "geo_name"
        row[f"{prefix}_{key[1:]}"] = value
    return row


def changes(tmp_path: Path, *rows: dict[str, str]) -> dict:
    return parse_changes(write_csv(tmp_path / "nuts_changes.csv", CHANGE_COLUMNS, list(rows)))


def test_every_version_of_a_lineage_maps_to_its_2021_code(tmp_path):
    records = changes(
        tmp_path,
        lineage(c1999="GR30", c2003="GR30", c2006="GR30", c2010="EL30", c2021="EL30"),
    )

    assert {key: r.successor_code for key, r in records.items()} == {
        ("GR30", 1999): "EL30",
        ("GR30", 2003): "EL30",
        ("GR30", 2006): "EL30",
        ("EL30", 2010): "EL30",
        ("EL30", 2021): "EL30",
    }
    assert {r.level for r in records.values()} == {2}
    assert records["GR30", 2006].country_code == "GR"


def test_names_come_from_their_own_version(tmp_path):
    records = changes(
        tmp_path,
        lineage(c2016="PL63", c2021="PL63", n2016="POMORSKIE", n2021=" Pomorskie "),
    )

    assert records["PL63", 2016].name == "POMORSKIE"
    assert records["PL63", 2021].name == "Pomorskie"


def test_part_code_has_no_single_successor(tmp_path):
    records = changes(
        tmp_path,
        lineage("nuts_level_3", c2010="UKH13 (part)", c2013="UKH16", c2021="UKH16"),
    )

    record = records["UKH13", 2010]
    assert (record.successor_code, record.ambiguous) == ("", True)
    assert records["UKH16", 2013].successor_code == "UKH16"


def test_code_continued_by_several_lineages_is_ambiguous(tmp_path):
    records = changes(
        tmp_path,
        lineage(c2010="FI13", c2016="FI1D", c2021="FI1D"),
        lineage(c2010="FI13", c2016="FI1C", c2021="FI1C"),
    )

    record = records["FI13", 2010]
    assert (record.successor_code, record.ambiguous) == ("", True)


def test_ambiguity_is_not_undone_by_a_later_row(tmp_path):
    records = changes(
        tmp_path,
        lineage(c2010="FI13", c2021="FI1D"),
        lineage(c2010="FI13", c2021="FI1C"),
        lineage(c2010="FI13", c2021="FI1D"),
    )

    assert records["FI13", 2010].successor_code == ""


def test_row_whose_lineage_ended_does_not_hide_the_continuing_one(tmp_path):
    """Event rows ("new region", "merged") list a code with no 2021 code; they say nothing."""
    records = changes(
        tmp_path,
        lineage("nuts_level_1", c1999="IT1", c2003="ITC (part)", n2003="NORD-OVEST"),
        lineage("nuts_level_1", c2003="ITC", n2003="NORD-OVEST"),
        lineage("nuts_level_1", c2003="ITC", c2006="ITC", c2021="ITC"),
    )

    assert (records["ITC", 2003].successor_code, records["ITC", 2003].ambiguous) == ("ITC", False)
    assert (records["IT1", 1999].successor_code, records["IT1", 1999].ambiguous) == ("", False)


def test_region_that_ended_has_no_successor(tmp_path):
    records = changes(tmp_path, lineage("nuts_level_3", c2006="EL300", c2010="EL300"))

    record = records["EL300", 2010]
    assert (record.successor_code, record.ambiguous) == ("", False)


def test_1999_codes_borrow_the_name_of_the_next_named_version(tmp_path):
    directory = tmp_path
    write_csv(
        directory / "nuts_changes_1999_2021.csv",
        CHANGE_COLUMNS,
        [
            lineage(c1999="ES11", c2003="ES11", c2021="ES11", n2003="", n2021="Galicia"),
            lineage(c1999="XX99"),
        ],
    )
    write_csv(directory / "all_valid_nuts_codes_1999_2021.csv", ["typology", "geo", "nuts"], [])
    write_csv(
        directory / "nuts_labels_transliteration.csv", ["nuts_id", "label", "label_latin"], []
    )

    records = {(r.code, r.nuts_version): r for r in build_records(directory)}

    assert records["ES11", 1999].name == "Galicia"
    assert records["ES11", 2003].name == "Galicia"
    assert records["XX99", 1999].name == ""


def test_unknown_typology_names_the_file_and_line(tmp_path):
    path = write_csv(
        tmp_path / "nuts_changes.csv",
        CHANGE_COLUMNS,
        [lineage(c2021="ES11"), lineage("nuts_level_4", c2021="ES111")],
    )

    with pytest.raises(NutsFileError, match=r"^nuts_changes\.csv, line 3: unknown typology "):
        parse_changes(path)


def test_missing_columns_are_named(tmp_path):
    columns = [c for c in CHANGE_COLUMNS if c not in {"code_2013", "typology"}]
    path = write_csv(tmp_path / "nuts_changes.csv", columns, [])

    with pytest.raises(
        NutsFileError, match=r"^nuts_changes\.csv: missing columns code_2013, typology$"
    ):
        parse_changes(path)


def test_empty_file_has_no_columns(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("", encoding="utf-8")

    with pytest.raises(NutsFileError, match="missing columns label, label_latin, nuts_id"):
        parse_transliterations(path)


def test_valid_codes_carry_version_and_level(tmp_path):
    path = write_csv(
        tmp_path / "valid.csv",
        ["typology", "geo", "nuts"],
        [
            {"typology": "country", "geo": "CY", "nuts": "code_2021"},
            {"typology": "nuts_level_3", "geo": " CY000 ", "nuts": "code_1999"},
        ],
    )

    assert [(r.code, r.nuts_version, r.level) for r in parse_valid_codes(path)] == [
        ("CY", 2021, 0),
        ("CY000", 1999, 3),
    ]


@pytest.mark.parametrize("label", ["2021", "code_2024", "code_abc", ""])
def test_unknown_version_names_the_file_and_line(tmp_path, label):
    path = write_csv(
        tmp_path / "valid.csv",
        ["typology", "geo", "nuts"],
        [{"typology": "country", "geo": "CY", "nuts": label}],
    )

    with pytest.raises(NutsFileError, match=r"^valid\.csv, line 2: unknown NUTS version"):
        list(parse_valid_codes(path))


def test_valid_codes_missing_from_the_lineage_table_are_added(tmp_path):
    write_csv(
        tmp_path / "nuts_changes_1999_2021.csv",
        CHANGE_COLUMNS,
        [lineage(c2016="CY00", c2021="CY00", n2021="Κύπρος")],
    )
    write_csv(
        tmp_path / "all_valid_nuts_codes_1999_2021.csv",
        ["typology", "geo", "nuts"],
        [
            {"typology": "nuts_level_2", "geo": "CY00", "nuts": "code_2021"},
            {"typology": "country", "geo": "CY", "nuts": "code_2021"},
            {"typology": "country", "geo": "CY", "nuts": "code_2016"},
        ],
    )
    write_csv(
        tmp_path / "nuts_labels_transliteration.csv",
        ["nuts_id", "label", "label_latin"],
        [{"nuts_id": "CY00", "label": "Κύπρος", "label_latin": "Kýpros"}],
    )

    records = build_records(tmp_path)

    assert [(r.code, r.nuts_version, r.successor_code) for r in records] == [
        ("CY", 2016, ""),
        ("CY", 2021, "CY"),
        ("CY00", 2016, "CY00"),
        ("CY00", 2021, "CY00"),
    ]
    latin = {(r.code, r.nuts_version): r.name_latin for r in records}
    assert latin["CY00", 2021] == "Kýpros"
    # The transliteration belongs to the 2021 label; older names are left alone.
    assert latin["CY", 2021] == ""


successors = st.sampled_from(["", "AA1", "AA2", "AA3"])
codes = st.sampled_from(["AA1", "AA2", "AA1 (part)", ""])


@given(st.lists(st.tuples(codes, successors), min_size=1, max_size=8))
def test_a_code_gets_one_successor_only_when_every_continuing_row_agrees(tmp_path_factory, rows):
    """Whatever the rows, a successor is one the rows named, and only an undisputed one."""
    path = write_csv(
        tmp_path_factory.mktemp("nuts") / "changes.csv",
        CHANGE_COLUMNS,
        [lineage(c2016=code, c2021=successor) for code, successor in rows],
    )

    records = parse_changes(path)

    for code in {"AA1", "AA2"}:
        record = records.get((code, 2016))
        said = [
            (successor, "(part)" in c)
            for c, successor in rows
            if c.replace("(part)", "").strip() == code and successor
        ]
        if record is None:
            continue
        if record.ambiguous:
            assert record.successor_code == ""
            assert any(part for _s, part in said) or len({s for s, _p in said}) > 1
        else:
            assert record.successor_code in {s for s, _p in said} | {""}
            assert len({s for s, _p in said}) <= 1
            assert record.successor_code == (said[0][0] if said else "")
