"""The DESI 2015-2020 CSV: dimensions, periods and the display scale of fractions."""

from collections import Counter
from pathlib import Path

import pytest

from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import ObservationRecord, StatisticsFileError

DESI = Path(__file__).resolve().parents[1] / "data" / "reference" / "DESI_2015_2020.csv.gz"
HEADER = (
    '"observation","time_period","ref_area","indicator","breakdown","unit_measure",'
    '"value","flag","note"\n'
)
ROW = '"http://x/{ref}",{period},{ref},desi_4b1_smeso,ent_sm_xfin,pc_ent,{value},{flag},\n'


def read(path: Path, **options: str) -> tuple[object, list[ObservationRecord]]:
    with open_statistics_file(path, **options) as statistics:
        return statistics.header, list(statistics.records())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "desi.csv"
    path.write_text(text, encoding="utf-8")
    return path


def row(ref: str = "PL", period: str = "2020", value: str = "0.128318", flag: str = "") -> str:
    return ROW.format(ref=ref, period=period, value=value, flag=flag)


def test_desi_reads_every_row():
    header, records = read(DESI)
    assert (header.dataset, header.file_format) == ("desi", "desi-csv")
    assert header.dimensions == ["indicator", "breakdown", "unit_measure"]
    assert len(records) == 16_704
    assert sum(r.value is None for r in records) == 864
    assert Counter(r.period for r in records) == {str(y): 2784 for y in range(2015, 2021)}
    assert len({r.geo for r in records}) == 29
    assert len({dict(r.dimensions)["indicator"] for r in records}) == 56


def test_desi_values_are_kept_as_published_fractions():
    _header, records = read(DESI)
    shops = next(
        r
        for r in records
        if r.geo == "PL"
        and r.period == "2020"
        and dict(r.dimensions)["indicator"] == "desi_4b1_smeso"
    )
    assert shops.dimensions == (
        ("breakdown", "ent_sm_xfin"),
        ("indicator", "desi_4b1_smeso"),
        ("unit_measure", "pc_ent"),
    )
    assert (shops.value, shops.line) == (0.128318, 16479)


def test_desi_scales_fractions_to_percent_but_not_scores():
    header, records = read(DESI)
    assert header.display_scale == 100
    assert header.unit_display_scales == {
        "egov_score": 1.0,
        "pc_desi_sliders": 1.0,
        "subs_per_100_pop": 1.0,
    }
    scaled_units = {dict(r.dimensions)["unit_measure"] for r in records} - set(
        header.unit_display_scales
    )
    # Every unit scaled by 100 is published as a fraction of 1.
    assert all(
        r.value is None or 0 <= r.value <= 1
        for r in records
        if dict(r.dimensions)["unit_measure"] in scaled_units
    )


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        (row() + row(value="n/a"), 3, "“n/a” is not a number"),
        (row(flag="q"), 2, "not a Eurostat status flag"),
        (row(ref=""), 2, "The ref_area cell is empty."),
        (row(period="twenty"), 2, "not a period"),
        (row()[:30] + "\n", 2, "incomplete"),
    ],
)
def test_bad_rows_are_refused_with_their_line_number(tmp_path, rows, line, words):
    with pytest.raises(StatisticsFileError) as caught:
        read(write(tmp_path, HEADER + rows))
    assert (caught.value.line, words in caught.value.problem) == (line, True), caught.value.problem


def test_missing_column_is_refused(tmp_path):
    text = HEADER.replace(',"unit_measure"', "") + row()
    with pytest.raises(StatisticsFileError) as caught:
        read(write(tmp_path, text))
    assert (caught.value.line, caught.value.problem) == (
        1,
        "The header has no unit_measure column.",
    )


def test_desi_is_not_another_dataset(tmp_path):
    with pytest.raises(StatisticsFileError) as caught:
        read(write(tmp_path, HEADER + row()), dataset="isoc_ec_esels")
    assert caught.value.problem == "The file holds dataset desi, not isoc_ec_esels."
