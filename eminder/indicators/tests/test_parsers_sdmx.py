"""SDMX-CSV 1.0 and 2.0: codes, labels in place of codes, and label columns beside codes."""

from collections import Counter
from pathlib import Path

import pytest

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import ObservationRecord, StatisticsFileError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
ESELS_LABELS = SAMPLES / "isoc_ec_esels_ecommerce_sales.csv"
NACE_LABEL = (
    '"All activities (except agriculture, forestry and fishing, and mining and quarrying), '
    'without financial sector"'
)
SDMX1 = "DATAFLOW,LAST UPDATE,freq,indic_is,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n"
ROW1 = "ESTAT:ISOC_EC_ESELS(1.0),12/12/24 11:00:00,A,E_ESELL,{geo},2024,{value},{flag},{conf}\n"
SDMX2 = "STRUCTURE,STRUCTURE_ID,freq,indic_is,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"


def read(path: Path, **options: str) -> tuple[object, list[ObservationRecord]]:
    with open_statistics_file(path, **options) as statistics:
        return statistics.header, list(statistics.records())


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def failure(path: Path, **options: str) -> StatisticsFileError:
    with pytest.raises(StatisticsFileError) as caught:
        read(path, **options)
    return caught.value


def row1(geo: str = "PL", value: str = "14.71", flag: str = "", conf: str = "") -> str:
    return ROW1.format(geo=geo, value=value, flag=flag, conf=conf)


def find(records: list[ObservationRecord], geo: str, period: str, **dimensions: str):
    return next(
        r
        for r in records
        if r.geo == geo and r.period == period and dimensions.items() <= dict(r.dimensions).items()
    )


def test_labelled_export_reads_every_row_with_codes():
    header, records = read(ESELS_LABELS)
    assert (header.dataset, header.file_format) == ("isoc_ec_esels", "sdmx-csv-1.0")
    assert header.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert header.last_update == "12/12/24 11:00:00"
    assert len(records) == 2075
    assert sum(r.value is None for r in records) == 48
    assert Counter(r.flags for r in records) == {"": 2033, "u": 30, "b": 12}
    assert Counter(r.confidentiality for r in records) == {"": 2057, "C": 18}
    assert {r.dimensions[:2] for r in records} == {(("freq", "A"), ("indic_is", "E_ESELL"))}
    assert {dict(r.dimensions)["size_emp"] for r in records} == {
        "1-9",
        "10-49",
        "50-249",
        "GE10",
        "GE250",
    }
    assert len({r.geo for r in records}) == 37


def test_labelled_export_maps_known_values_to_codes():
    _header, records = read(ESELS_LABELS)
    poland = find(records, "PL", "2024", size_emp="GE10")
    assert poland.dimensions == (
        ("freq", "A"),
        ("indic_is", "E_ESELL"),
        ("nace_r2", "C10-S951_X_K"),
        ("size_emp", "GE10"),
        ("unit", "PC_ENT"),
    )
    assert (poland.value, poland.flags, poland.line) == (14.71, "", 1459)
    assert find(records, "EU27_2020", "2024", size_emp="GE10").value == 20.75
    assert find(records, "EA", "2024", size_emp="GE10").value == 20.97  # a former EA label
    germany = find(records, "DE", "2010", size_emp="1-9")
    assert (germany.line, germany.value) == (2, 21.98)
    montenegro = find(records, "ME", "2022", size_emp="10-49")
    assert (montenegro.value, montenegro.flags, montenegro.confidentiality) == (None, "", "C")


def test_code_export_keeps_codes_missing_from_the_current_code_list():
    header, records = read(SAMPLES / "estat_isoc_eb_ics_en.csv.gz")
    assert (header.dataset, header.file_format) == ("isoc_eb_ics", "sdmx-csv-1.0")
    assert header.last_update == "08/12/23 11:00:00"
    assert header.extra == {"structure": "ESTAT:ISOC_EB_ICS(1.0)"}
    assert len(records) == 26_763
    assert sum(r.value is None for r in records) == 979
    assert Counter(r.flags for r in records) == {"": 25_364, "u": 969, "b": 420, "c": 10}
    assert {r.confidentiality for r in records} == {""}
    indicators = {dict(r.dimensions)["indic_is"] for r in records}
    assert len(indicators) == 30
    assert "E_INV3SBG" in indicators  # retired from INDIC_IS 25.2, kept as published


def test_sdmx2_code_export_reads_every_row():
    header, records = read(SAMPLES / "estat_isoc_e_dii_filtered_en.csv")
    assert (header.dataset, header.file_format) == ("isoc_e_dii", "sdmx-csv-2.0")
    assert header.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert len(records) == 4308
    assert sum(r.value is None for r in records) == 61
    assert set(Counter(r.flags for r in records)) == {"", "b", "bu", "c", "u"}
    assert len({r.geo for r in records}) == 39


def test_sdmx2_with_label_columns_reads_codes_and_confidentiality():
    header, records = read(SAMPLES / "isoc_e_dii.csv")
    assert (header.dataset, header.file_format) == ("isoc_e_dii", "sdmx-csv-2.0")
    assert header.title == "Digital Intensity by size class of enterprise"
    assert header.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert len(records) == 2860
    assert Counter(r.flags for r in records) == {"": 2754, "b": 60, "d": 25, "u": 19, "bu": 2}
    assert Counter(r.confidentiality for r in records) == {"": 2851, "C": 9}
    first = records[0]
    assert (first.geo, first.period, first.value, first.line) == ("AT", "2021", 64.43, 2)
    assert dict(first.dimensions)["indic_is"] == "E_DI3_GELO"
    montenegro = find(records, "ME", "2023", size_emp="GE250", indic_is="E_DI3_GELO")
    assert (montenegro.value, montenegro.confidentiality, montenegro.line) == (None, "C", 2357)


def test_sdmx2_label_fills_an_empty_code(tmp_path):
    text = (
        "STRUCTURE,STRUCTURE_ID,freq,Time frequency,geo,Geopolitical entity (reporting),"
        "TIME_PERIOD,Time,OBS_VALUE,Observation value\n"
        "dataflow,ESTAT:ISOC_E_DII$DEFAULTVIEW(1.0),A,Annual,,Poland,2024,,12.5,\n"
    )
    header, records = read(write(tmp_path, text))
    assert (header.dataset, header.dimensions) == ("isoc_e_dii", ["freq"])
    assert (records[0].geo, records[0].value) == ("PL", 12.5)


def test_sdmx2_ignores_unknown_attribute_columns(tmp_path):
    text = SDMX2.replace("OBS_FLAG", "OBS_FLAG,OBS_COMMENT") + (
        "dataflow,ESTAT:ISOC_E_DII(1.0),A,E_DI3_GELO,PL,2024,1.5,b,any note\n"
    )
    _header, records = read(write(tmp_path, text))
    assert (records[0].value, records[0].flags) == (1.5, "b")


def test_dataset_argument_must_match_the_dataflow(tmp_path):
    path = write(tmp_path, SDMX1 + row1())
    assert read(path, dataset="isoc_ec_esels")[0].dataset == "isoc_ec_esels"
    error = failure(path, dataset="isoc_ec_evals")
    assert (error.line, error.problem) == (
        2,
        "The file holds dataset isoc_ec_esels, not isoc_ec_evals.",
    )


def test_a_header_without_rows_needs_the_dataset_argument(tmp_path):
    path = write(tmp_path, SDMX1)
    assert read(path, dataset="isoc_ec_esels")[1] == []
    assert "no observations" in failure(path).problem


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        (row1() + row1(geo="Atlantis"), 3, "“Atlantis” is an unknown geo code or label"),
        (row1(geo="Jura"), 2, "The geo label “Jura” is ambiguous: it may be FRC22, CH025."),
        (row1(value='"12,5"'), 2, "“12,5” is not a number"),
        (row1(flag="x"), 2, "is not a Eurostat status flag"),
        (row1(flag="@C"), 2, "mixes a confidentiality status into the flags"),
        (row1(conf="Q"), 2, "“Q” is not a known confidentiality status"),
        (row1(geo=""), 2, "The geo cell is empty."),
        (row1() + row1().replace("ESELS", "EVALS"), 3, "The dataset changes"),
        (row1() + row1()[:40] + "\n", 3, "incomplete or the file was cut short"),
        (row1() + row1()[:-1] + ",extra\n", 3, "10 cells but the header has 9"),
        (row1(geo='"PL"x'), 2, "not valid CSV"),
        (row1().replace("2024", "24"), 2, "“24” is not a period"),
    ],
)
def test_bad_rows_are_refused_with_their_line_number(tmp_path, rows, line, words):
    error = failure(write(tmp_path, SDMX1 + rows))
    assert (error.line, words in error.problem) == (line, True), error.problem


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("DATAFLOW,freq,geo,TIME_PERIOD,OBS_VALUE\n", "must start with DATAFLOW,LAST UPDATE"),
        ("DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD\n", "no OBS_VALUE column"),
        ("DATAFLOW,LAST UPDATE,freq,geo,OBS_VALUE\n", "no TIME_PERIOD column"),
        ("DATAFLOW,LAST UPDATE,freq,TIME_PERIOD,OBS_VALUE\n", "no geo dimension"),
        ("DATAFLOW,LAST UPDATE,geo,geo,TIME_PERIOD,OBS_VALUE\n", "names a dimension twice"),
        ("DATAFLOW,LAST UPDATE,geo,TIME_PERIOD,OBS_VALUE,Some note\n", "not an SDMX-CSV column"),
        ("STRUCTURE,STRUCTURE_ID,geo,Geo,TIME_PERIOD,Time,OBS_VALUE\n", "pair every column"),
        ("STRUCTURE,DATAFLOW,geo,TIME_PERIOD,OBS_VALUE\n", "must start with STRUCTURE"),
    ],
)
def test_wrong_headers_are_refused_on_line_one(tmp_path, header, words):
    error = failure(write(tmp_path, header))
    assert (error.line, words in error.problem) == (1, True), error.problem


def test_a_labelled_nace_cell_with_commas_is_one_cell(tmp_path):
    text = (
        "DATAFLOW,LAST UPDATE,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n"
        f"ESTAT:ISOC_EC_ESELS(1.0),12/12/24 11:00:00,{NACE_LABEL},Germany,2010,21.98,\r\n"
    )
    _header, records = read(write(tmp_path, text))
    assert (records[0].dimensions, records[0].geo) == ((("nace_r2", "C10-S951_X_K"),), "DE")


def test_a_dimension_without_code_list_keeps_codes_but_refuses_labels(tmp_path):
    header = "DATAFLOW,LAST UPDATE,sex,geo,TIME_PERIOD,OBS_VALUE\n"
    row = "ESTAT:ISOC_CI_IFP_IU(1.0),,{sex},PL,2024,1.5\n"
    _header, records = read(write(tmp_path, header + row.format(sex="F")))
    assert records[0].dimensions == (("sex", "F"),)
    error = failure(write(tmp_path, header + row.format(sex="Females")))
    assert (error.line, error.problem) == (
        2,
        "There is no code list for sex, so “Females” cannot be mapped.",
    )
