"""Importing statistics files: all or nothing, safe to repeat, errors naming file and line."""

import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from eminder.audits.models import AuditEntry
from eminder.indicators import services
from eminder.indicators.models import Dataset, ImportRun, Observation, Series
from eminder.indicators.records import StatisticsFileError
from eminder.indicators.services import import_statistics

SAMPLES = Path(services.DATA_DIR) / "samples"
HEADER = "freq,indic_is,unit,size_emp,geo\\TIME_PERIOD\t2023 \t2024 \n"


def tsv(tmp_path: Path, lines: list[str], name: str = "estat_isoc_test.tsv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def series_lines(count: int, start: int = 0) -> list[str]:
    return [f"A,E_ESELL,PC_ENT,GE10,G{i:05d}\t1.5 \t2.5 b\n" for i in range(start, start + count)]


def state() -> tuple[int, int, int, int]:
    return (
        Dataset.objects.count(),
        Series.objects.count(),
        Observation.objects.count(),
        ImportRun.objects.count(),
    )


@pytest.mark.django_db
def test_imports_a_real_eurostat_tsv_with_flags_and_confidentiality():
    run = import_statistics(path=SAMPLES / "estat_isoc_cicce_use.tsv.gz")

    assert run.dataset.code == "isoc_cicce_use"
    assert run.file_format == "tsv"
    assert run.observations == run.created == Observation.objects.count() == 234_790
    assert Observation.objects.filter(confidentiality="C").count() == 326
    assert set(run.dataset.dimensions) == {"freq", "size_emp", "nace_r2", "indic_is", "unit"}
    assert AuditEntry.objects.get(action="statistics.import").details == {
        "dataset": "isoc_cicce_use",
        "observations": 234_790,
    }


@pytest.mark.django_db
def test_reimporting_updates_values_and_never_duplicates(tmp_path):
    import_statistics(path=tsv(tmp_path, ["A,E_ESELL,PC_ENT,GE10,PL\t14.83 \t14.71 \n"]))
    second = import_statistics(path=tsv(tmp_path, ["A,E_ESELL,PC_ENT,GE10,PL\t14.83 \t15.02 p\n"]))

    assert (Series.objects.count(), Observation.objects.count()) == (1, 2)
    latest = Observation.objects.get(period="2024")
    assert (latest.value, latest.flags) == (15.02, "p")
    assert (second.observations, second.created) == (2, 0)
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_value_after_several_batches_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    import_statistics(path=tsv(tmp_path, series_lines(3), name="estat_isoc_before.tsv"))
    before = state()
    lines = [*series_lines(40), "A,E_ESELL,PC_ENT,GE10,PL\t1.0 \tabc \n"]

    with pytest.raises(StatisticsFileError) as caught:
        import_statistics(path=tsv(tmp_path, lines))

    assert (caught.value.file_name, caught.value.line) == ("estat_isoc_test.tsv", 42)
    assert state() == before
    assert not Dataset.objects.filter(code="isoc_test").exists()


@pytest.mark.django_db
def test_a_key_repeated_in_another_batch_is_refused_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    lines = [*series_lines(20), "A,E_ESELL,PC_ENT,GE10,Z\t1 \t2 \n", *series_lines(1, start=3)]

    with pytest.raises(StatisticsFileError) as caught:
        import_statistics(path=tsv(tmp_path, lines))

    assert caught.value.line == 23
    assert "geo=G00003" in caught.value.problem
    assert state() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_key_repeated_within_one_batch_is_refused(tmp_path):
    lines = ["A,E_ESELL,PC_ENT,GE10,PL\t1 \t2 \n", "A,E_ESELL,PC_ENT,GE10,ES\t1 \t2 \n"]
    lines.append(lines[0])

    with pytest.raises(StatisticsFileError) as caught:
        import_statistics(path=tsv(tmp_path, lines))

    assert caught.value.line == 4
    assert state() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_many_series_beyond_the_cache_import_correctly(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 7)
    monkeypatch.setattr(services, "SERIES_CACHE_SIZE", 5)
    path = tsv(tmp_path, series_lines(50))

    import_statistics(path=path)
    import_statistics(path=path)

    assert (Series.objects.count(), Observation.objects.count()) == (50, 100)


@pytest.mark.django_db
def test_desi_values_stay_fractions_with_a_display_scale():
    import_statistics(path=services.REFERENCE_DIR / "DESI_2015_2020.csv.gz")

    dataset = Dataset.objects.get(code="desi")
    turnover = Observation.objects.get(
        series__dataset=dataset,
        series__geo="PL",
        series__dimensions__indicator="desi_4b2_ecomturn",
        period="2017",
    )
    assert turnover.value == pytest.approx(0.065845)
    assert dataset.scale_for(turnover.series.dimensions) == 100
    assert dataset.scale_for({"unit_measure": "egov_score"}) == 1


def test_command_reports_file_and_line_and_exits_non_zero(tmp_path, db):
    path = tsv(tmp_path, ["A,E_ESELL,PC_ENT,GE10,PL\t1.0 \t2.0 x\n"])

    with pytest.raises(CommandError, match=r"estat_isoc_test.tsv, line 2: .*x"):
        call_command("import_statistics", str(path), stdout=StringIO(), stderr=StringIO())
    assert state() == (0, 0, 0, 0)


def test_command_imports_and_summarises(tmp_path, db):
    out = StringIO()
    call_command("import_statistics", str(tsv(tmp_path, series_lines(2))), stdout=out)

    assert "dataset isoc_test: observations read: 4; new: 4." in out.getvalue()


def test_command_refuses_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_statistics", str(tmp_path / "nothing.tsv"))


def test_command_takes_the_dataset_code_for_an_unnamed_tsv(tmp_path, db):
    path = tsv(tmp_path, series_lines(1), name="download.tsv")

    call_command("import_statistics", str(path), "--dataset", "isoc_ec_esels", stdout=StringIO())

    assert Dataset.objects.get().code == "isoc_ec_esels"


@pytest.fixture
def eurostat_on_loopback(tmp_path, settings):
    """A stand-in for Eurostat's API on 127.0.0.1 serving one gzipped TSV (no network)."""
    folder = tmp_path / "api"
    folder.mkdir()
    content = gzip.compress((HEADER + "A,E_ESELL,PC_ENT,GE10,PL\t14.83 \t14.71 \n").encode())
    (folder / "isoc_test").write_bytes(content)

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EUROSTAT_API_URL = f"http://127.0.0.1:{server.server_port}/"
    yield
    server.shutdown()


def test_fetch_downloads_the_current_file_and_imports_it(eurostat_on_loopback, db):
    out = StringIO()
    call_command("import_statistics", "--fetch", "ISOC_TEST", stdout=out)

    assert "estat_isoc_test.tsv.gz, dataset isoc_test: observations read: 2" in out.getvalue()
    assert Observation.objects.get(period="2024").value == 14.71


def test_fetch_of_an_unknown_dataset_fails_cleanly(eurostat_on_loopback, db):
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("import_statistics", "--fetch", "isoc_missing", stdout=StringIO())
    assert state() == (0, 0, 0, 0)


def test_load_statistics_loads_every_reference_file_and_is_safe_to_repeat(db):
    call_command("load_statistics", verbosity=0, stdout=StringIO())
    first = (Series.objects.count(), Observation.objects.count())
    call_command("load_statistics", verbosity=0, stdout=StringIO())

    assert (Series.objects.count(), Observation.objects.count()) == first
    assert set(Dataset.objects.values_list("code", flat=True)) == {
        "desi",
        "isoc_e_dii",
        "isoc_ec_esels",
        "isoc_ec_ib20",
        "isoc_ec_ibuy",
        "isoc_r_iuse_i",
    }
    esels = Observation.objects.get(
        series__dataset__code="isoc_ec_esels",
        series__geo="PL",
        series__dimensions__size_emp="GE10",
        period="2024",
    )
    assert esels.value == 14.71
