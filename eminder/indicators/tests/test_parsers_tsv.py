"""Eurostat TSV bulk files: old (time, descending) and current (TIME_PERIOD, ascending, @C)."""

import gzip
import zlib
from collections import Counter
from pathlib import Path

import pytest

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import ObservationRecord, StatisticsFileError

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "data" / "samples"
CURRENT_EXCERPT = HERE / "files" / "estat_isoc_cicce_use_excerpt.tsv"
OLD_EXCERPT = HERE / "files" / "nama_10r_2gdp_excerpt.tsv"
HEADER = "freq,indic_is,geo\\TIME_PERIOD\t2023 \t2024 \n"


def read(path: Path, **options: str) -> tuple[object, list[ObservationRecord]]:
    with open_statistics_file(path, **options) as statistics:
        return statistics.header, list(statistics.records())


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def failure(path: Path, **options: str) -> StatisticsFileError:
    with pytest.raises(StatisticsFileError) as caught:
        read(path, **options)
    return caught.value


def test_current_sample_reads_every_cell():
    path = SAMPLES / "estat_isoc_cicce_use.tsv.gz"
    with open_statistics_file(path) as statistics:
        header = statistics.header
        records = list(statistics.records())
        assert statistics.bytes_read == statistics.total_bytes == path.stat().st_size
    assert header.dataset == "isoc_cicce_use"
    assert header.file_format == "tsv"
    assert header.dimensions == ["freq", "size_emp", "nace_r2", "indic_is", "unit"]
    assert header.extra == {"time_column": "TIME_PERIOD", "period_order": "ascending"}
    assert len(records) == 23_479 * 10
    assert len({(r.dimensions, r.geo) for r in records}) == 23_479
    assert Counter(r.confidentiality for r in records) == {"": 234_790 - 326, "C": 326}
    flags = Counter(r.flags for r in records)
    assert (flags["u"], flags["b"], flags["d"]) == (823, 969, 10)
    assert set(flags) == {"", "u", "b", "d"}
    assert sum(r.value is None for r in records) == 148_757


def test_old_sample_reads_every_cell_in_descending_year_order():
    header, records = read(SAMPLES / "nama_10r_2gdp.tsv.gz")
    assert header.dataset == "nama_10r_2gdp"
    assert header.dimensions == ["unit"]
    assert header.extra == {"time_column": "time", "period_order": "descending"}
    assert len(records) == 2564 * 15
    assert Counter(r.flags for r in records) == {"": 38_316, "e": 144}
    first = records[0]
    assert (first.line, first.dimensions, first.geo) == (2, (("unit", "EUR_HAB"),), "AT")
    assert [r.period for r in records[:3]] == ["2014", "2013", "2012"]
    assert (first.value, records[14].period, records[14].value) == (38500.0, "2000", 26600.0)


def test_cells_give_value_flags_and_confidentiality_apart():
    _header, records = read(CURRENT_EXCERPT)
    by_key = {(r.geo, r.period, dict(r.dimensions)["indic_is"]): r for r in records}
    confidential = by_key[("MK", "2021", "E_CC1_BI")]
    assert (confidential.value, confidential.flags, confidential.confidentiality) == (None, "", "C")
    assert confidential.line == 5
    unreliable = by_key[("DE", "2023", "E_CC_PFACC")]
    assert (unreliable.value, unreliable.flags, unreliable.confidentiality) == (None, "u", "")
    assert (by_key[("CZ", "2023", "E_CC_DA")].value, by_key[("CZ", "2023", "E_CC_DA")].flags) == (
        13.72,
        "d",
    )
    assert by_key[("CZ", "2025", "E_CC_DA")].flags == "b"
    assert by_key[("DE", "2018", "E_CC")].value == 18.19
    assert by_key[("DE", "2023", "E_CC")].value == 31.3


def test_dimensions_are_sorted_by_name_without_geo():
    _header, records = read(CURRENT_EXCERPT)
    assert records[0].dimensions == (
        ("freq", "A"),
        ("indic_is", "E_CC"),
        ("nace_r2", "C10-S951_X_K"),
        ("size_emp", "0-9"),
        ("unit", "PC_ENT"),
    )
    assert records[0].geo == "DE"


def _variants(data: bytes) -> dict[str, bytes]:
    lf = data.replace(b"\r\n", b"\n")
    crlf = lf.replace(b"\n", b"\r\n")
    return {
        "lf": lf,
        "crlf": crlf,
        "bom": b"\xef\xbb\xbf" + crlf,
        "gzip": gzip.compress(lf),
        "gzip-bom-crlf": gzip.compress(b"\xef\xbb\xbf" + crlf),
        "no-final-newline": lf.rstrip(b"\n"),
    }


@pytest.mark.parametrize("excerpt", [CURRENT_EXCERPT, OLD_EXCERPT])
@pytest.mark.parametrize("variant", list(_variants(b"")))
def test_line_ends_bom_and_gzip_read_the_same(tmp_path, excerpt, variant):
    expected = read(excerpt, dataset="demo")
    path = write(tmp_path, "demo.tsv", _variants(excerpt.read_bytes())[variant])
    assert read(path) == expected


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("estat_isoc_ec_esels.tsv", "isoc_ec_esels"),
        ("estat_isoc_ec_esels.tsv.gz", "isoc_ec_esels"),
        ("isoc_ec_esels.tsv.gz", "isoc_ec_esels"),
        ("isoc_ec_esels.tsv", "isoc_ec_esels"),
        ("ESTAT_ISOC_EC_ESELS.TSV", "isoc_ec_esels"),
    ],
)
def test_dataset_comes_from_the_file_name(tmp_path, name, dataset):
    path = write(tmp_path, "upload.bin", HEADER + "A,E_ESELL,PL\t1 \t2 \n")
    header, _records = read(path, name=name)
    assert header.dataset == dataset


def test_dataset_argument_wins_over_the_file_name(tmp_path):
    path = write(tmp_path, "estat_other.tsv", HEADER + "A,E_ESELL,PL\t1 \t2 \n")
    header, _records = read(path, dataset="ISOC_EC_ESELS")
    assert header.dataset == "isoc_ec_esels"


def test_file_name_without_dataset_code_and_no_argument_is_refused(tmp_path):
    path = write(tmp_path, "download (1).tsv", HEADER + "A,E_ESELL,PL\t1 \t2 \n")
    error = failure(path)
    assert error.line is None
    assert "dataset code" in error.problem
    assert str(error).startswith("download (1).tsv: ")


def test_format_is_recognised_from_content_not_extension(tmp_path):
    path = write(tmp_path, "statistics.csv", HEADER + "A,E_ESELL,PL\t1 \t2 \n")
    header, records = read(path, dataset="isoc_ec_esels")
    assert (header.file_format, len(records)) == ("tsv", 2)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("A,E_ESELL,PL\t1 \t2 \nA,E_ESELL,SK\t3 \n", 3, "2 cells but the header has 3"),
        ("A,E_ESELL,PL\t1 \t2 \nA,E_ESELL,SK\t3 \t4 \t5 \n", 3, "4 cells but the header has 3"),
        ("A,E_ESELL,PL\t1 \tabc \n", 2, "“abc” is not a number"),
        ("A,E_ESELL,PL\t1 \tnan \n", 2, "“nan” is not a number"),
        ("A,E_ESELL,PL\t1 x\t2 \n", 2, "“x” in “x” is not a Eurostat status flag"),
        ("A,E_ESELL,PL\t1 E\t2 \n", 2, "“E” in “E” is not a Eurostat status flag"),
        ("A,E_ESELL,PL\t: @Q\t2 \n", 2, "“@Q” is not a known confidentiality status"),
        ("A,E_ESELL,PL\t1 \t\n", 2, "A cell is empty"),
        ("A,PL\t1 \t2 \n", 2, "has 2 codes but the header names 3 dimensions"),
        ("A,,PL\t1 \t2 \n", 2, "has an empty code"),
        ("A,E_ESELL,PL\t1 \t2 \nA,E_ESELL,PL\t1 \t2 \n", 3, "repeats the series of line 2"),
    ],
)
def test_bad_lines_are_refused_with_their_line_number(tmp_path, body, line, words):
    error = failure(write(tmp_path, "estat_isoc_ec_esels.tsv", HEADER + body))
    assert error.line == line
    assert words in error.problem
    assert str(error) == f"estat_isoc_ec_esels.tsv, line {line}: {error.problem}"


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("freq,geo\\year\t2023 \n", "must end with \\time or \\TIME_PERIOD"),
        ("freq,indic_is\\TIME_PERIOD\t2023 \n", "no geo dimension"),
        ("freq,geo,geo\\TIME_PERIOD\t2023 \n", "names a dimension twice"),
        ("freq,geo\\TIME_PERIOD\t2023 \t2023 \n", "names a period twice"),
        ("freq,geo\\TIME_PERIOD\tlast year \n", "is not a period"),
        ("freq,ge o\\TIME_PERIOD\t2023 \n", "is not a dimension name"),
    ],
)
def test_wrong_headers_are_refused_on_line_one(tmp_path, header, words):
    error = failure(write(tmp_path, "estat_demo.tsv", header + "A,PL\t1 \n"))
    assert (error.line, words in error.problem) == (1, True)


def test_a_truncated_last_line_is_refused(tmp_path):
    data = CURRENT_EXCERPT.read_bytes()
    cut = data[: data.rindex(b"\t: \t") + 3]  # the last line loses its last two cells
    error = failure(write(tmp_path, "estat_isoc_cicce_use.tsv", cut))
    assert error.line == 6
    assert "incomplete" in error.problem


def test_a_truncated_gzip_is_refused_at_the_line_it_cuts(tmp_path):
    data = (SAMPLES / "nama_10r_2gdp.tsv.gz").read_bytes()
    cut = data[: len(data) // 2]
    readable = zlib.decompressobj(wbits=31).decompress(cut)
    error = failure(write(tmp_path, "nama_10r_2gdp.tsv.gz", cut))
    assert error.line == readable.count(b"\n") + 1
    assert "compressed file is damaged or incomplete" in error.problem


def test_text_that_is_not_utf8_is_refused_at_its_line(tmp_path):
    body = b"A,E_ESELL,PL\t1 \t2 \nA,E_ESELL,AT\t1 \t2 \n" + "A,É,SK\t1 \t2 \n".encode("latin-1")
    error = failure(write(tmp_path, "estat_isoc_ec_esels.tsv", HEADER.encode() + body))
    assert error.line == 4
    assert "not UTF-8" in error.problem


def test_blank_lines_between_series_are_skipped(tmp_path):
    path = write(tmp_path, "estat_demo.tsv", HEADER + "A,E_ESELL,PL\t1 \t2 \n\n\r\n")
    _header, records = read(path)
    assert [(r.line, r.period, r.value) for r in records] == [(2, "2023", 1.0), (2, "2024", 2.0)]


def test_quarterly_periods_are_kept_as_published(tmp_path):
    path = write(tmp_path, "estat_demo.tsv", "geo\\TIME_PERIOD\t2024-Q1 \t2024-Q2\nPL\t1 \t2 p\n")
    _header, records = read(path)
    assert [(r.period, r.flags, r.dimensions) for r in records] == [
        ("2024-Q1", "", ()),
        ("2024-Q2", "p", ()),
    ]


def test_flags_are_sorted_and_unique(tmp_path):
    path = write(tmp_path, "estat_demo.tsv", "geo\\time\t2024 \nPL\t1.5 ubu\n")
    _header, records = read(path)
    assert (records[0].value, records[0].flags) == (1.5, "bu")


def test_records_can_be_read_only_once(tmp_path):
    path = write(tmp_path, "estat_demo.tsv", "geo\\time\t2024 \nPL\t1.5 \n")
    with open_statistics_file(path) as statistics:
        assert len(list(statistics.records())) == 1
        with pytest.raises(RuntimeError):
            statistics.records()
