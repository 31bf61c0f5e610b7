"""Property-based: generated TSVs round-trip, and damaged files only raise StatisticsFileError."""

import gzip
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import CONFIDENTIALITY_CODES, STATUS_FLAGS, StatisticsFileError

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", min_size=1, max_size=8)
values = st.none() | st.floats(allow_nan=False, allow_infinity=False)
cells = st.tuples(
    values,
    st.text("".join(sorted(STATUS_FLAGS)), max_size=4),
    st.sampled_from(["", *sorted(CONFIDENTIALITY_CODES)]),
    st.booleans(),  # trailing space, as Eurostat writes
)


@st.composite
def tsv_files(draw):
    names = draw(
        st.permutations(
            ["geo", *draw(st.sets(st.sampled_from(["freq", "unit", "indic_is", "size_emp"])))]
        )
    )
    periods = draw(st.lists(st.integers(1990, 2030).map(str), min_size=1, max_size=6, unique=True))
    keys = draw(st.lists(st.tuples(*[codes] * len(names)), max_size=8, unique=True))
    rows = [
        (key, draw(st.lists(cells, min_size=len(periods), max_size=len(periods)))) for key in keys
    ]
    time_name = draw(st.sampled_from(["time", "TIME_PERIOD"]))
    return names, periods, rows, time_name


def render(names, periods, rows, time_name, newline: str) -> str:
    lines = [",".join(names) + "\\" + time_name + "".join(f"\t{p} " for p in periods)]
    for key, row in rows:
        rendered = []
        for value, flags, confidentiality, trailing in row:
            text = ":" if value is None else repr(value)
            status = flags + (f"@{confidentiality}" if confidentiality else "")
            rendered.append(text + (f" {status}" if status else "") + (" " if trailing else ""))
        lines.append(",".join(key) + "\t" + "\t".join(rendered))
    return "".join(line + newline for line in lines)


def expected(names, periods, rows):
    order = sorted((name, index) for index, name in enumerate(names) if name != "geo")
    for line, (key, row) in enumerate(rows, start=2):
        dimensions = tuple((name, key[index]) for name, index in order)
        for period, (value, flags, confidentiality, _trailing) in zip(periods, row, strict=True):
            status = "".join(sorted(set(flags)))
            yield line, dimensions, key[names.index("geo")], period, value, status, confidentiality


@SETTINGS
@given(
    tsv_files(),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
)
def test_generated_tsv_round_trips(tmp_path_factory, generated, newline, compressed, bom):
    names, periods, rows, _time_name = generated
    data = (("\ufeff" if bom else "") + render(*generated, newline=newline)).encode()
    path = tmp_path_factory.mktemp("tsv") / "estat_generated.tsv"
    path.write_bytes(gzip.compress(data) if compressed else data)
    with open_statistics_file(path) as statistics:
        assert statistics.header.dataset == "generated"
        assert statistics.header.dimensions == [name for name in names if name != "geo"]
        records = [
            (r.line, r.dimensions, r.geo, r.period, r.value, r.flags, r.confidentiality)
            for r in statistics.records()
        ]
    assert records == list(expected(names, periods, rows))


def _head(path: Path, lines: int) -> bytes:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        return b"".join(itertools.islice(handle, lines))


SEEDS = [
    (HERE / "files" / "estat_isoc_cicce_use_excerpt.tsv").read_bytes(),
    (HERE / "files" / "nama_10r_2gdp_excerpt.tsv").read_bytes(),
    _head(DATA / "samples" / "isoc_ec_esels_ecommerce_sales.csv", 6),
    _head(DATA / "samples" / "isoc_e_dii.csv", 6),
    _head(DATA / "samples" / "estat_isoc_eb_ics_en.csv.gz", 6),
    _head(DATA / "reference" / "isoc_ec_ib20_2020_2024.csv.gz", 6),
    _head(DATA / "reference" / "DESI_2015_2020.csv.gz", 6),
]


@st.composite
def damaged_files(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    if draw(st.booleans()):
        data = bytearray(gzip.compress(bytes(data)))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        byte = draw(st.integers(0, 255))
        if action == "replace" and data:
            data[position] = byte
        elif action == "insert":
            data.insert(position, byte)
        elif action == "delete" and data:
            del data[position]
        elif action == "truncate":
            del data[position:]
    return bytes(data)


@SETTINGS
@given(damaged_files(), st.sampled_from(["estat_demo.tsv", "upload.csv"]))
def test_damaged_files_raise_only_statistics_file_errors(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(data)
    try:
        with open_statistics_file(path) as statistics:
            for record in statistics.records():
                assert isinstance(record.geo, str) and record.geo
    except StatisticsFileError as error:
        assert error.file_name == name
        assert error.line is None or error.line >= 1
