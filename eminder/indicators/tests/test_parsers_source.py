"""Opening any statistics file: format detection, compression, encoding, progress, errors."""

import gzip
from pathlib import Path

import pytest

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import StatisticsFileError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
TSV = "geo\\TIME_PERIOD\t2024 \nPL\t1.5 b\nSK\t: @C\n"
SDMX = "DATAFLOW,LAST UPDATE,geo,TIME_PERIOD,OBS_VALUE\nESTAT:ISOC_EC_ESELS(1.0),,PL,2024,1.5\n"


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def failure(path: Path, **options: str) -> StatisticsFileError:
    with pytest.raises(StatisticsFileError) as caught, open_statistics_file(path, **options) as f:
        list(f.records())
    return caught.value


@pytest.mark.parametrize(
    ("name", "data", "file_format"),
    [
        ("estat_demo.csv", TSV, "tsv"),
        ("estat_demo.tsv", SDMX, "sdmx-csv-1.0"),
        ("estat_demo.tsv.gz", gzip.compress(SDMX.encode()), "sdmx-csv-1.0"),
        ("estat_demo.csv", gzip.compress(TSV.encode()), "tsv"),
        ("estat_demo.txt", "\ufeff" + SDMX, "sdmx-csv-1.0"),
    ],
)
def test_format_and_compression_come_from_the_content(tmp_path, name, data, file_format):
    path = write(tmp_path, "upload", data)
    dataset = "demo" if file_format == "tsv" else None  # a TSV's name must end in .tsv[.gz]
    with open_statistics_file(path, name=name, dataset=dataset) as statistics:
        assert statistics.header.file_format == file_format
        assert statistics.header.dataset in {"demo", "isoc_ec_esels"}
        assert next(r.geo for r in statistics.records()) == "PL"


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\r\n  \n", b"\xef\xbb\xbf", gzip.compress(b""), gzip.compress(b"\n")],
)
def test_an_empty_file_is_refused(tmp_path, data):
    error = failure(write(tmp_path, "estat_demo.tsv", data))
    assert (error.line, error.problem) == (None, "The file is empty.")
    assert str(error) == "estat_demo.tsv: The file is empty."


def test_a_blank_first_line_is_refused(tmp_path):
    error = failure(write(tmp_path, "estat_demo.tsv", "\n" + TSV))
    assert error.line == 1


def test_an_unknown_header_is_refused(tmp_path):
    error = failure(write(tmp_path, "estat_demo.csv", "country,year,value\nPL,2024,1\n"))
    assert error.line == 1
    assert "not the header of a known statistics file" in error.problem


def test_a_spreadsheet_is_refused_as_not_utf8(tmp_path):
    error = failure(write(tmp_path, "estat_demo.xlsx", b"PK\x03\x04\x14\x00\x06\x00\xa0\xff"))
    assert (error.line, "not UTF-8" in error.problem) == (1, True)


def test_utf16_text_is_refused_on_line_one(tmp_path):
    error = failure(write(tmp_path, "estat_demo.csv", SDMX.encode("utf-16")))
    assert (error.line, "not UTF-8" in error.problem) == (1, True)


def test_latin1_label_is_refused_at_its_line(tmp_path):
    data = SDMX.encode() + "ESTAT:ISOC_EC_ESELS(1.0),,Türkiye,2024,1.5\n".encode("latin-1")
    error = failure(write(tmp_path, "estat_demo.csv", data))
    assert (error.line, "not UTF-8" in error.problem) == (3, True)


def test_a_damaged_gzip_is_refused(tmp_path):
    data = bytearray(gzip.compress(TSV.encode()))
    data[-6] ^= 0xFF  # the CRC no longer matches
    error = failure(write(tmp_path, "estat_demo.tsv.gz", bytes(data)))
    assert error.line == 4
    assert "compressed file is damaged or incomplete" in error.problem


def test_a_gzip_header_alone_is_refused(tmp_path):
    error = failure(write(tmp_path, "estat_demo.tsv.gz", b"\x1f\x8b\x08\x00"))
    assert error.line == 1


def test_progress_counts_compressed_bytes(tmp_path):
    path = SAMPLES / "estat_isoc_cicce_use.tsv.gz"
    seen = []
    with open_statistics_file(path) as statistics:
        assert statistics.total_bytes == 329_371
        for index, _record in enumerate(statistics.records()):
            if index % 20_000 == 0:
                seen.append(statistics.bytes_read)
        assert statistics.bytes_read == statistics.total_bytes
    assert seen == sorted(seen)
    assert 0 < seen[1] < seen[-1] < statistics.total_bytes


def test_a_bad_dataset_argument_is_refused(tmp_path):
    error = failure(write(tmp_path, "demo.tsv", TSV), dataset="isoc ec esels")
    assert (error.line, error.problem) == (None, "“isoc ec esels” is not a Eurostat dataset code.")


def test_an_overlong_line_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("eminder.indicators.parsers.source.MAX_LINE_BYTES", 64)
    error = failure(write(tmp_path, "estat_demo.tsv", TSV + "PL" + " " * 100 + "\n"))
    assert error.line == 4
    assert "longer than" in error.problem
