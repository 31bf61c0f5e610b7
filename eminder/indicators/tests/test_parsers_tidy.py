"""The project's tidy CSVs: code columns, label-only columns, and label fallbacks."""

from collections import Counter
from pathlib import Path

import pytest

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import ObservationRecord, StatisticsFileError

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference"
SAMPLES = DATA / "samples"
HEADER = "dataset,indic_is,indic_is_label,ind_type_label,geo,geo_label,year,value,flag\n"


def read(path: Path, **options: str) -> tuple[object, list[ObservationRecord]]:
    with open_statistics_file(path, **options) as statistics:
        return statistics.header, list(statistics.records())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tidy.csv"
    path.write_text(text, encoding="utf-8")
    return path


def failure(path: Path, **options: str) -> StatisticsFileError:
    with pytest.raises(StatisticsFileError) as caught:
        read(path, **options)
    return caught.value


def observations(records: list[ObservationRecord]) -> Counter:
    """What two files must agree on: everything but the line (and confidentiality)."""
    return Counter((r.dimensions, r.geo, r.period, r.value, r.flags) for r in records)


@pytest.mark.parametrize(
    ("name", "dataset", "dimensions", "rows", "empty"),
    [
        (
            "isoc_ec_esels_E_ESELL_2010_2024.csv",
            "isoc_ec_esels",
            ["freq", "indic_is", "unit", "nace_r2", "size_emp"],
            2075,
            48,
        ),
        (
            "isoc_e_dii_2021_2025.csv",
            "isoc_e_dii",
            ["freq", "size_emp", "nace_r2", "indic_is", "unit"],
            2860,
            30,
        ),
        (
            "isoc_ec_ib20_2020_2024.csv.gz",
            "isoc_ec_ib20",
            ["freq", "indic_is", "ind_type", "unit"],
            26_000,
            3880,
        ),
        (
            "isoc_ec_ibuy_2010_2019.csv.gz",
            "isoc_ec_ibuy",
            ["freq", "indic_is", "ind_type", "unit"],
            52_000,
            10_543,
        ),
        ("isoc_r_iuse_i_I_IDAY_nuts_2006_2019.csv", "isoc_r_iuse_i", ["indic_is", "unit"], 2973, 0),
    ],
)
def test_reference_file_reads_every_row(name, dataset, dimensions, rows, empty):
    header, records = read(REFERENCE / name)
    assert (header.dataset, header.file_format, header.dimensions) == (
        dataset,
        "tidy-csv",
        dimensions,
    )
    assert len(records) == rows
    assert sum(r.value is None for r in records) == empty
    assert all(code for r in records for _name, code in r.dimensions)
    assert {r.confidentiality for r in records} == {""}


def test_purchases_map_label_only_columns_to_codes():
    header, records = read(REFERENCE / "isoc_ec_ib20_2020_2024.csv.gz")
    assert header.last_update == "17/12/2024 11:00"
    indicators = Counter(dict(r.dimensions)["indic_is"] for r in records)
    assert indicators == dict.fromkeys(
        ["I_BUY3", "I_B3_12", "I_BLT12", "I_BUMT12", "I_BUMT12X"], 5200
    )
    groups = {dict(r.dimensions)["ind_type"] for r in records}
    assert len(groups) == 26
    assert {"IND_TOTAL", "Y16_24", "Y16_24LO"} <= groups
    assert Counter(r.flags for r in records) == {
        "": 24_210,
        "u": 1000,
        "b": 510,
        "e": 250,
        "bu": 30,
    }


def test_regional_file_ignores_nuts_level():
    _header, records = read(REFERENCE / "isoc_r_iuse_i_I_IDAY_nuts_2006_2019.csv")
    first = records[0]
    assert (first.dimensions, first.geo, first.period, first.value, first.line) == (
        (("indic_is", "I_IDAY"), ("unit", "PC_IND")),
        "AL",
        "2018",
        53.0,
        2,
    )
    assert len({r.geo for r in records}) == 359


def test_tidy_and_raw_labelled_esels_hold_the_same_observations():
    _tidy_header, tidy = read(REFERENCE / "isoc_ec_esels_E_ESELL_2010_2024.csv")
    _raw_header, raw = read(SAMPLES / "isoc_ec_esels_ecommerce_sales.csv")
    assert observations(tidy) == observations(raw)
    # The tidy file dropped CONF_STATUS: its 18 confidential cells are plain empty values there.
    assert sum(r.confidentiality == "C" for r in raw) == 18


def test_tidy_and_raw_digital_intensity_hold_the_same_observations():
    _tidy_header, tidy = read(REFERENCE / "isoc_e_dii_2021_2025.csv")
    _raw_header, raw = read(SAMPLES / "isoc_e_dii.csv")
    assert observations(tidy) == observations(raw)


def test_empty_code_falls_back_to_its_label(tmp_path):
    text = HEADER + (
        "isoc_ec_ib20,,Last online purchase: more than a year ago,All individuals,,Germany,2024,"
        "12.5,u\n"
    )
    header, records = read(write(tmp_path, text))
    assert header.dimensions == ["indic_is", "ind_type"]
    assert (records[0].dimensions, records[0].geo, records[0].flags) == (
        (("ind_type", "IND_TOTAL"), ("indic_is", "I_BUMT12")),
        "DE",
        "u",
    )


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        (
            "isoc_ec_ib20,I_BUY3,,Martians,PL,Poland,2024,1,\n",
            2,
            "“Martians” is an unknown ind_type",
        ),
        ("isoc_ec_ib20,,,All individuals,PL,Poland,2024,1,\n", 2, "The indic_is cell is empty."),
        (
            "isoc_ec_ib20,I_BUY3,,All individuals,PL,Poland,2024,1,\n" * 2
            + "isoc_ec_ibuy,I_BUY3,,All individuals,PL,Poland,2024,1,\n",
            4,
            "The dataset changes from isoc_ec_ib20 to isoc_ec_ibuy",
        ),
        ("isoc_ec_ib20,I_BUY3,,All individuals,PL,Poland,2024,one,\n", 2, "“one” is not a number"),
        (
            "isoc_ec_ib20,I_BUY3,,All individuals,PL,Poland,2024,1,k\n",
            2,
            "not a Eurostat status flag",
        ),
        ("isoc_ec_ib20,I_BUY3,,All individuals,PL,Poland,2024\n", 2, "incomplete"),
        (
            "ISOC EC IB20,I_BUY3,,All individuals,PL,Poland,2024,1,\n",
            2,
            "not a Eurostat dataset code",
        ),
    ],
)
def test_bad_rows_are_refused_with_their_line_number(tmp_path, rows, line, words):
    error = failure(write(tmp_path, HEADER + rows))
    assert (error.line, words in error.problem) == (line, True), error.problem


def test_a_label_without_code_list_cannot_be_mapped(tmp_path):
    text = "dataset,sex_label,geo,year,value\nisoc_ec_ib20,Females,PL,2024,1\n"
    error = failure(write(tmp_path, text))
    assert (error.line, error.problem) == (
        2,
        "There is no code list for sex, so “Females” cannot be mapped.",
    )


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("dataset,indic_is,geo,year\n", "no value column"),
        ("dataset,indic_is,geo,value\n", "no year column"),
        ("dataset,indic_is,year,value\n", "no geo column"),
        ("dataset,indic is,geo,year,value\n", "not a dimension name"),
    ],
)
def test_wrong_headers_are_refused_on_line_one(tmp_path, header, words):
    error = failure(write(tmp_path, header + "x,x,x,x\n"))
    assert (error.line, words in error.problem) == (1, True), error.problem


def test_dataset_argument_must_match_the_dataset_column(tmp_path):
    path = write(tmp_path, HEADER + "isoc_ec_ib20,I_BUY3,,All individuals,PL,Poland,2024,1,\n")
    assert "not isoc_ec_ibuy" in failure(path, dataset="isoc_ec_ibuy").problem
